// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

const profileColumns = `id, name, environment, description, client_id, client_secret,
	secret_format, secret_fingerprint, secret_version, callback_url, logo_url, scopes, actions,
	enabled, is_default, request_key, version, created_at, updated_at`

// profileRow is a stored profile with its secret as stored, which
// backend.Profile never carries out of the store.
type profileRow struct {
	backend.Profile
	// secret is client_secret: sealed, bound to the id, when secretFormat
	// is secretSealedV1.
	secret       string
	secretFormat int
}

type scanner interface {
	Scan(dest ...any) error
}

func scanProfile(sc scanner) (profileRow, error) {
	var (
		r                profileRow
		scopes, actions  sql.NullString
		created, updated string
	)
	err := sc.Scan(&r.ID, &r.Name, &r.Environment, &r.Description, &r.ClientID, &r.secret,
		&r.secretFormat, &r.SecretFingerprint, &r.SecretVersion, &r.CallbackURL, &r.LogoURL,
		&scopes, &actions, &r.Enabled, &r.Default, &r.RequestKey, &r.Version, &created, &updated)
	if err != nil {
		return profileRow{}, err
	}
	if r.Scopes, err = decodeList(scopes); err != nil {
		return profileRow{}, fmt.Errorf("profile %s scopes: %w", r.ID, err)
	}
	if r.Actions, err = decodeList(actions); err != nil {
		return profileRow{}, fmt.Errorf("profile %s actions: %w", r.ID, err)
	}
	if r.CreatedAt, err = parseTime(created); err != nil {
		return profileRow{}, fmt.Errorf("profile %s created_at: %w", r.ID, err)
	}
	if r.UpdatedAt, err = parseTime(updated); err != nil {
		return profileRow{}, fmt.Errorf("profile %s updated_at: %w", r.ID, err)
	}
	return r, nil
}

// CreateProfile stores a new profile, or returns a *backend.NameTakenError
// if its environment already has a profile of that name, or a
// *backend.DefaultTakenError if it is to be the default of an environment
// that has one.
func (s *Store) CreateProfile(ctx context.Context, in backend.ProfileInput) (backend.Profile, error) {
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
	r.secret, r.secretFormat = s.seal(in.ClientSecret, r.ID), secretSealedV1

	err := s.write(ctx, "creating a profile", func(tx *sql.Tx) error {
		if err := s.profileNameFree(ctx, tx, r.Environment, r.Name, ""); err != nil {
			return err
		}
		if r.Default {
			if err := s.defaultFree(ctx, tx, r.Environment, ""); err != nil {
				return err
			}
		}
		// Stamped under the lock, so that time order is commit order.
		r.CreatedAt = now()
		r.UpdatedAt = r.CreatedAt
		return s.insertProfile(ctx, tx, r)
	})
	if err != nil {
		return backend.Profile{}, err
	}
	return r.Profile, nil
}

func (s *Store) insertProfile(ctx context.Context, tx *sql.Tx, r profileRow) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO profiles (`+profileColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.Name, r.Environment, r.Description, r.ClientID, r.secret, r.secretFormat,
		r.SecretFingerprint, r.SecretVersion, r.CallbackURL, r.LogoURL, encodeList(r.Scopes),
		encodeList(r.Actions), r.Enabled, r.Default, r.RequestKey, r.Version,
		formatTime(r.CreatedAt), formatTime(r.UpdatedAt))
	if err != nil {
		return s.profileWriteFailed(ctx, tx, r, err)
	}
	return nil
}

// profileWriteFailed explains a failed insert or update of r. A UNIQUE
// violation is unreachable while the checks before each write run under the
// write lock; it is mapped all the same, so that a slip there still yields
// the typed error.
func (s *Store) profileWriteFailed(ctx context.Context, tx *sql.Tx, r profileRow, err error) error {
	if isUniqueViolation(err) {
		if taken := s.profileNameFree(ctx, tx, r.Environment, r.Name, r.ID); taken != nil {
			return taken
		}
		if r.Default {
			if taken := s.defaultFree(ctx, tx, r.Environment, r.ID); taken != nil {
				return taken
			}
		}
	}
	return s.fail("storing profile "+r.ID, err)
}

// profileNameFree returns a *backend.NameTakenError when a profile other
// than self already has the name in the environment.
func (s *Store) profileNameFree(ctx context.Context, tx *sql.Tx, env, name, self string) error {
	var id string
	err := tx.QueryRowContext(ctx,
		`SELECT id FROM profiles WHERE environment = ? AND name = ?`, env, name).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows) || (err == nil && id == self):
		return nil
	case err != nil:
		return s.fail("looking up a profile by name", err)
	}
	return &backend.NameTakenError{Kind: "profile", Name: name, Environment: env, ExistingID: id}
}

// defaultFree returns a *backend.DefaultTakenError when a profile other
// than self is the default of the environment.
func (s *Store) defaultFree(ctx context.Context, tx *sql.Tx, env, self string) error {
	var id, name string
	err := tx.QueryRowContext(ctx,
		`SELECT id, name FROM profiles WHERE environment = ? AND is_default = 1`, env).
		Scan(&id, &name)
	switch {
	case errors.Is(err, sql.ErrNoRows) || (err == nil && id == self):
		return nil
	case err != nil:
		return s.fail("looking up the default profile", err)
	}
	return &backend.DefaultTakenError{Environment: env, ExistingID: id, ExistingName: name}
}

// ProfileSecret returns the client secret of the profile with the given id,
// or backend.ErrNotFound. It fails when the stored secret does not decrypt
// as this profile's: altered, or copied from another row.
func (s *Store) ProfileSecret(ctx context.Context, id string) (string, error) {
	r, err := s.loadProfile(ctx, s.db, id)
	if err != nil {
		return "", err
	}
	if r.secretFormat == secretPlain {
		// Only a provider from before encryption, still running on this
		// file, writes these; the next Open seals them.
		return r.secret, nil
	}
	secret, err := s.unseal(r.secret, r.ID)
	if err != nil {
		return "", fmt.Errorf("%s: the client secret of profile %s cannot be read: %w; "+
			"it was altered or copied from another profile. Set the secret again",
			s.Describe(), id, err)
	}
	return secret, nil
}

// GetProfile returns the profile with the given id, or backend.ErrNotFound.
func (s *Store) GetProfile(ctx context.Context, id string) (backend.Profile, error) {
	r, err := s.loadProfile(ctx, s.db, id)
	return r.Profile, err
}

// selectProfile reads one profile by id: the store's most frequent query,
// prepared once per connection rather than parsed at every call.
const selectProfile = `SELECT ` + profileColumns + ` FROM profiles WHERE id = ?`

func (s *Store) loadProfile(ctx context.Context, q queryRower, id string) (profileRow, error) {
	var row *sql.Row
	if q == s.db {
		row = s.selectProfile.QueryRowContext(ctx, id)
	} else {
		row = q.QueryRowContext(ctx, selectProfile, id)
	}
	r, err := scanProfile(row)
	if errors.Is(err, sql.ErrNoRows) {
		return profileRow{}, fmt.Errorf("profile %s: %w", id, backend.ErrNotFound)
	}
	if err != nil {
		return profileRow{}, s.fail("reading profile "+id, err)
	}
	return r, nil
}

// UpdateProfile applies ch to the profile if it is still at version
// expected. Loading, checking and writing share one IMMEDIATE transaction,
// so no other writer can slip in between the version check, the checks
// that the name is free and that no other profile is the environment's
// default, and the write.
func (s *Store) UpdateProfile(ctx context.Context, id string, expected int64,
	ch backend.ProfileChange,
) (backend.Profile, error) {
	var out backend.Profile
	err := s.write(ctx, "updating profile "+id, func(tx *sql.Tx) error {
		old, err := s.loadProfile(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Version != expected {
			return &backend.ConflictError{ID: id, Expected: expected, Actual: old.Version}
		}

		r, changed := s.applyProfileChange(old, ch)
		if !changed {
			out = old.Profile
			return nil
		}
		if r.Name != old.Name {
			if err := s.profileNameFree(ctx, tx, r.Environment, r.Name, id); err != nil {
				return err
			}
		}
		if r.Default && !old.Default {
			if err := s.defaultFree(ctx, tx, r.Environment, id); err != nil {
				return err
			}
		}
		r.RequestKey = ch.RequestKey
		r.Version = old.Version + 1
		r.UpdatedAt = now()
		if err := s.rewriteProfile(ctx, tx, r, old.Version); err != nil {
			return err
		}
		out = r.Profile
		return nil
	})
	return out, err
}

// applyProfileChange returns old with the fields set in ch, and whether any
// of them differs from what was stored.
func (s *Store) applyProfileChange(old profileRow, ch backend.ProfileChange) (profileRow, bool) {
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
		r.secret, r.secretFormat = s.seal(*ch.ClientSecret, r.ID), secretSealedV1
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

func setField[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}

func (s *Store) rewriteProfile(ctx context.Context, tx *sql.Tx, r profileRow, was int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE profiles SET name = ?, description = ?,
		client_id = ?, client_secret = ?, secret_format = ?, secret_fingerprint = ?,
		secret_version = ?, callback_url = ?, logo_url = ?, scopes = ?, actions = ?,
		enabled = ?, is_default = ?, request_key = ?, version = ?, updated_at = ?
		WHERE id = ? AND version = ?`,
		r.Name, r.Description, r.ClientID, r.secret, r.secretFormat, r.SecretFingerprint,
		r.SecretVersion, r.CallbackURL, r.LogoURL, encodeList(r.Scopes), encodeList(r.Actions),
		r.Enabled, r.Default, r.RequestKey, r.Version, formatTime(r.UpdatedAt), r.ID, was)
	if err != nil {
		return s.profileWriteFailed(ctx, tx, r, err)
	}
	return s.updatedOne(res, "profile", r.ID)
}

// updatedOne checks that an UPDATE changed one row. The row was read in the
// same transaction, under the write lock, so anything else means the
// database is not what this code believes it is.
func (s *Store) updatedOne(res sql.Result, kind, id string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return s.fail("storing "+kind+" "+id, err)
	}
	if n != 1 {
		return fmt.Errorf("%s: %s %s: expected to update one row, updated %d",
			s.Describe(), kind, id, n)
	}
	return nil
}

// DeleteProfile removes the profile, or returns backend.ErrNotFound.
func (s *Store) DeleteProfile(ctx context.Context, id string) error {
	return s.write(ctx, "deleting profile "+id, func(tx *sql.Tx) error {
		return s.deleteRow(ctx, tx, "profiles", "profile", id)
	})
}

// deleteRow deletes by id from table, a constant of this package.
func (s *Store) deleteRow(ctx context.Context, tx *sql.Tx, table, kind, id string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id)
	if err != nil {
		return s.fail("deleting "+kind+" "+id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return s.fail("deleting "+kind+" "+id, err)
	}
	if n == 0 {
		return fmt.Errorf("%s %s: %w", kind, id, backend.ErrNotFound)
	}
	return nil
}

// ListProfiles returns the profiles matching f, ordered by id.
func (s *Store) ListProfiles(ctx context.Context, f backend.ProfileFilter) ([]backend.Profile, error) {
	var (
		where []string
		args  []any
	)
	if f.Environment != "" {
		where = append(where, "environment = ?")
		args = append(args, f.Environment)
	}
	if f.Name != "" {
		where = append(where, "name = ?")
		args = append(args, f.Name)
	}
	if f.Enabled != nil {
		where = append(where, "enabled = ?")
		args = append(args, *f.Enabled)
	}
	query := `SELECT ` + profileColumns + ` FROM profiles`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, " AND ")
	}
	query += ` ORDER BY id`

	rows, err := s.db.QueryContext(ctx, query, args...)
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
