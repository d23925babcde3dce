// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

const profileColumns = `id, name, environment, description, client_id, client_secret,
	secret_fingerprint, secret_version, callback_url, logo_url, scopes, actions,
	enabled, is_default, request_key, version, created_at, updated_at`

// Constraints of the profiles table whose violations become typed errors.
const (
	constraintProfileName = "profiles_name_unique"
	constraintOneDefault  = "profiles_one_default"
)

// profileRow is a stored profile with its sealed secret, which
// backend.Profile never carries out of the store.
type profileRow struct {
	backend.Profile
	secret string
}

func scanProfile(row pgx.Row) (profileRow, error) {
	var r profileRow
	err := row.Scan(&r.ID, &r.Name, &r.Environment, &r.Description, &r.ClientID, &r.secret,
		&r.SecretFingerprint, &r.SecretVersion, &r.CallbackURL, &r.LogoURL, &r.Scopes,
		&r.Actions, &r.Enabled, &r.Default, &r.RequestKey, &r.Version, &r.CreatedAt, &r.UpdatedAt)
	// pgx gives times in the local zone; the contract is UTC.
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, err
}

// CreateProfile stores a new profile, or returns a *backend.NameTakenError
// if its environment already has a profile of that name, or a
// *backend.DefaultTakenError if it is to be the default of an environment
// that has one. The database's constraints decide, so that creates racing
// in several processes still leave one winner.
func (s *tenantStore) CreateProfile(ctx context.Context, in backend.ProfileInput) (backend.Profile, error) {
	r := profileRow{
		Profile: backend.Profile{
			ID:                backend.NewID(backend.ProfileIDPrefix),
			Name:              in.Name,
			Description:       in.Description,
			Environment:       in.Environment,
			ClientID:          in.ClientID,
			SecretFingerprint: backend.Fingerprint(in.ClientSecret),
			CallbackURL:       in.CallbackURL,
			LogoURL:           in.LogoURL,
			Scopes:            backend.NormalizeList(in.Scopes),
			Actions:           backend.NormalizeList(in.Actions),
			Enabled:           in.Enabled,
			Default:           in.Default,
			SecretVersion:     in.SecretVersion,
			RequestKey:        in.RequestKey,
			Version:           1,
		},
	}
	r.secret = s.sealer.Seal(r.ID, in.ClientSecret)

	doing := "storing profile " + r.ID
	err := s.retry(ctx, doing, func() error {
		// The database's clock stamps the times, so that every process
		// writing to it agrees on their order.
		err := s.pool.QueryRow(ctx, `INSERT INTO profiles (`+profileColumns+`, tenant)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
				statement_timestamp(), statement_timestamp(), $17)
			RETURNING created_at`,
			r.ID, r.Name, r.Environment, r.Description, r.ClientID, r.secret,
			r.SecretFingerprint, r.SecretVersion, r.CallbackURL, r.LogoURL, r.Scopes, r.Actions,
			r.Enabled, r.Default, r.RequestKey, r.Version, s.tenant).Scan(&r.CreatedAt)
		if err != nil {
			return s.profileWriteFailed(ctx, r.Profile, doing, err)
		}
		return nil
	})
	if err != nil {
		return backend.Profile{}, err
	}
	r.CreatedAt = r.CreatedAt.UTC()
	r.UpdatedAt = r.CreatedAt
	return r.Profile, nil
}

// profileWriteFailed explains a failed insert or update of p. It runs
// outside the failed transaction, which PostgreSQL has aborted, and by
// then the holder of the name or the default has committed, since the
// write waited for it before failing. If the holder has gone again since,
// the write is worth another attempt.
func (s *tenantStore) profileWriteFailed(ctx context.Context, p backend.Profile, doing string, err error) error {
	switch uniqueViolation(err) {
	case constraintProfileName:
		var id string
		err := s.pool.QueryRow(ctx, `SELECT id FROM profiles
			WHERE tenant = $1 AND environment = $2 AND name = $3 AND id <> $4`,
			s.tenant, p.Environment, p.Name, p.ID).Scan(&id)
		return s.taken(err, "looking up a profile by name", &backend.NameTakenError{
			Kind: "profile", Name: p.Name, Environment: p.Environment, ExistingID: id,
		})
	case constraintOneDefault:
		dt := &backend.DefaultTakenError{Environment: p.Environment}
		err := s.pool.QueryRow(ctx, `SELECT id, name FROM profiles
			WHERE tenant = $1 AND environment = $2 AND is_default AND id <> $3`,
			s.tenant, p.Environment, p.ID).Scan(&dt.ExistingID, &dt.ExistingName)
		return s.taken(err, "looking up the default profile", dt)
	}
	return s.fail(doing, err)
}

// taken returns the typed error of a clash once the lookup of the holder
// (whose result is in it) returned lookupErr: no row means the holder has
// gone, and the write is tried again.
func (s *tenantStore) taken(lookupErr error, doing string, typed error) error {
	switch {
	case errors.Is(lookupErr, pgx.ErrNoRows):
		return errRetry
	case lookupErr != nil:
		return s.fail(doing, lookupErr)
	}
	return typed
}

// ProfileSecret returns the client secret of the profile with the given id,
// or backend.ErrNotFound. It fails when the stored secret does not decrypt
// as this profile's: altered, or copied from another row.
func (s *tenantStore) ProfileSecret(ctx context.Context, id string) (string, error) {
	r, err := s.loadProfile(ctx, s.pool, id, "")
	if err != nil {
		return "", err
	}
	secret, err := s.sealer.Open(r.ID, r.secret)
	if err != nil {
		return "", fmt.Errorf("%s: the client secret of profile %s cannot be read: %w; "+
			"it was altered or copied from another profile. Set the secret again",
			s.Describe(), id, err)
	}
	return secret, nil
}

// GetProfile returns the profile with the given id, or backend.ErrNotFound.
func (s *tenantStore) GetProfile(ctx context.Context, id string) (backend.Profile, error) {
	r, err := s.loadProfile(ctx, s.pool, id, "")
	return r.Profile, err
}

// loadProfile reads a profile of the tenant; lock is "" or a locking clause
// such as "FOR UPDATE".
func (s *tenantStore) loadProfile(ctx context.Context, q querier, id, lock string) (profileRow, error) {
	r, err := scanProfile(q.QueryRow(ctx,
		`SELECT `+profileColumns+` FROM profiles WHERE id = $1 AND tenant = $2 `+lock,
		id, s.tenant))
	if errors.Is(err, pgx.ErrNoRows) {
		return profileRow{}, fmt.Errorf("profile %s: %w", id, backend.ErrNotFound)
	}
	if err != nil {
		return profileRow{}, s.fail("reading profile "+id, err)
	}
	return r, nil
}

// UpdateProfile applies ch to the profile if it is still at version
// expected. The row is locked (FOR UPDATE) before its version is checked,
// so a concurrent update of the same profile waits for this one and then
// finds a new version; name and default clashes are left to the
// constraints, as in CreateProfile.
func (s *tenantStore) UpdateProfile(ctx context.Context, id string, expected int64,
	ch backend.ProfileChange,
) (backend.Profile, error) {
	doing := "updating profile " + id
	var out backend.Profile
	err := s.retry(ctx, doing, func() error {
		var (
			r        profileRow
			writeErr error
		)
		err := s.inTx(ctx, doing, func(tx pgx.Tx) error {
			old, err := s.loadProfile(ctx, tx, id, "FOR UPDATE")
			if err != nil {
				return err
			}
			if old.Version != expected {
				return &backend.ConflictError{ID: id, Expected: expected, Actual: old.Version}
			}
			var changed bool
			if r, changed = s.applyProfileChange(old, ch); !changed {
				out = old.Profile
				return nil
			}
			r.RequestKey = ch.RequestKey
			if writeErr = s.rewriteProfile(ctx, tx, &r); writeErr != nil {
				return writeErr
			}
			out = r.Profile
			return nil
		})
		if writeErr != nil {
			return s.profileWriteFailed(ctx, r.Profile, doing, writeErr)
		}
		return err
	})
	if err != nil {
		return backend.Profile{}, err
	}
	return out, nil
}

// rewriteProfile stores r over the locked row, stamping its new version and
// time into it. The time never goes back, even on a clock stepped back.
func (s *tenantStore) rewriteProfile(ctx context.Context, tx pgx.Tx, r *profileRow) error {
	err := tx.QueryRow(ctx, `UPDATE profiles SET name = $2, description = $3,
		client_id = $4, client_secret = $5, secret_fingerprint = $6, secret_version = $7,
		callback_url = $8, logo_url = $9, scopes = $10, actions = $11, enabled = $12,
		is_default = $13, request_key = $14, version = version + 1,
		updated_at = greatest(statement_timestamp(), updated_at + interval '1 microsecond')
		WHERE id = $1 AND tenant = $15
		RETURNING version, updated_at`,
		r.ID, r.Name, r.Description, r.ClientID, r.secret, r.SecretFingerprint,
		r.SecretVersion, r.CallbackURL, r.LogoURL, r.Scopes, r.Actions, r.Enabled,
		r.Default, r.RequestKey, s.tenant).Scan(&r.Version, &r.UpdatedAt)
	r.UpdatedAt = r.UpdatedAt.UTC()
	return err
}

// applyProfileChange returns old with the fields set in ch, and whether any
// of them differs from what was stored.
func (s *tenantStore) applyProfileChange(old profileRow, ch backend.ProfileChange) (profileRow, bool) {
	r := old
	setField(&r.Name, ch.Name)
	setField(&r.Description, ch.Description)
	setField(&r.ClientID, ch.ClientID)
	setField(&r.CallbackURL, ch.CallbackURL)
	setField(&r.LogoURL, ch.LogoURL)
	setField(&r.Enabled, ch.Enabled)
	setField(&r.Default, ch.Default)
	// Setting the secret sets its version too, to 0 when none comes with it:
	// the secret was then written outside the write-only form.
	if ch.ClientSecret != nil {
		r.SecretVersion = 0
	}
	setField(&r.SecretVersion, ch.SecretVersion)
	// A secret matching the stored fingerprint is the stored secret: keeping
	// the old fingerprint (each one is freshly salted) keeps the version.
	secretChanged := ch.ClientSecret != nil &&
		!backend.FingerprintMatches(old.SecretFingerprint, *ch.ClientSecret)
	if secretChanged {
		r.secret = s.sealer.Seal(r.ID, *ch.ClientSecret)
		r.SecretFingerprint = backend.Fingerprint(*ch.ClientSecret)
	}
	if ch.SetScopes {
		r.Scopes = backend.NormalizeList(ch.Scopes)
	}
	if ch.SetActions {
		r.Actions = backend.NormalizeList(ch.Actions)
	}

	changed := r.Name != old.Name || r.Description != old.Description ||
		r.ClientID != old.ClientID || r.CallbackURL != old.CallbackURL ||
		r.LogoURL != old.LogoURL || secretChanged || r.SecretVersion != old.SecretVersion ||
		r.Enabled != old.Enabled || r.Default != old.Default ||
		!backend.SameList(r.Scopes, old.Scopes) || !backend.SameList(r.Actions, old.Actions)
	return r, changed
}

// DeleteProfile removes the profile, or returns backend.ErrNotFound.
func (s *tenantStore) DeleteProfile(ctx context.Context, id string) error {
	return s.deleteRow(ctx, "profiles", "profile", id)
}

// ListProfiles returns the profiles matching f, ordered by id.
func (s *tenantStore) ListProfiles(ctx context.Context, f backend.ProfileFilter) ([]backend.Profile, error) {
	var (
		where []string
		args  []any
	)
	// Only the column names and placeholder numbers are written into the
	// query; the values go as parameters.
	add := func(column string, value any) {
		args = append(args, value)
		where = append(where, column+" = $"+strconv.Itoa(len(args)))
	}
	add("tenant", s.tenant)
	if f.Environment != "" {
		add("environment", f.Environment)
	}
	if f.Name != "" {
		add("name", f.Name)
	}
	if f.Enabled != nil {
		add("enabled", *f.Enabled)
	}
	query := `SELECT ` + profileColumns + ` FROM profiles WHERE ` +
		strings.Join(where, " AND ") + ` ORDER BY id`

	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, s.fail("listing profiles", err)
	}
	defer rows.Close()
	out := []backend.Profile{}
	for rows.Next() {
		r, err := scanProfile(rows)
		if err != nil {
			return nil, s.fail("listing profiles", err)
		}
		out = append(out, r.Profile)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("listing profiles", err)
	}
	return out, nil
}
