// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

const scopeSetColumns = `id, name, description, scopes, request_key, version, created_at,
	updated_at`

// constraintScopeSetName is the constraint whose violation becomes a
// *backend.NameTakenError.
const constraintScopeSetName = "scope_sets_name_unique"

func scanScopeSet(row pgx.Row) (backend.ScopeSet, error) {
	var ss backend.ScopeSet
	err := row.Scan(&ss.ID, &ss.Name, &ss.Description, &ss.Scopes, &ss.RequestKey,
		&ss.Version, &ss.CreatedAt, &ss.UpdatedAt)
	ss.CreatedAt, ss.UpdatedAt = ss.CreatedAt.UTC(), ss.UpdatedAt.UTC()
	return ss, err
}

// scopeSetScopes normalizes a scope set's scopes. A scope set has no
// "defaults" to fall back on, so nil and empty both mean no scopes and are
// stored, and returned, as an empty list.
func scopeSetScopes(list []string) []string {
	if list == nil {
		return []string{}
	}
	return backend.NormalizeList(list)
}

// CreateScopeSet stores a new scope set, or returns a
// *backend.NameTakenError if the name is in use.
func (s *tenantStore) CreateScopeSet(ctx context.Context, in backend.ScopeSetInput) (backend.ScopeSet, error) {
	ss := backend.ScopeSet{
		ID:          backend.NewID(backend.ScopeSetIDPrefix),
		Name:        in.Name,
		Description: in.Description,
		Scopes:      scopeSetScopes(in.Scopes),
		RequestKey:  in.RequestKey,
		Version:     1,
	}

	doing := "storing scope set " + ss.ID
	err := s.retry(ctx, doing, func() error {
		err := s.pool.QueryRow(ctx, `INSERT INTO scope_sets (`+scopeSetColumns+`, tenant)
			VALUES ($1, $2, $3, $4, $5, $6, statement_timestamp(), statement_timestamp(), $7)
			RETURNING created_at`,
			ss.ID, ss.Name, ss.Description, ss.Scopes, ss.RequestKey, ss.Version, s.tenant).
			Scan(&ss.CreatedAt)
		if err != nil {
			return s.scopeSetWriteFailed(ctx, ss, doing, err)
		}
		return nil
	})
	if err != nil {
		return backend.ScopeSet{}, err
	}
	ss.CreatedAt = ss.CreatedAt.UTC()
	ss.UpdatedAt = ss.CreatedAt
	return ss, nil
}

// scopeSetWriteFailed explains a failed insert or update of ss, as
// profileWriteFailed does for profiles.
func (s *tenantStore) scopeSetWriteFailed(ctx context.Context, ss backend.ScopeSet, doing string, err error) error {
	if uniqueViolation(err) != constraintScopeSetName {
		return s.fail(doing, err)
	}
	var id string
	err = s.pool.QueryRow(ctx, `SELECT id FROM scope_sets
		WHERE tenant = $1 AND name = $2 AND id <> $3`, s.tenant, ss.Name, ss.ID).Scan(&id)
	return s.taken(err, "looking up a scope set by name",
		&backend.NameTakenError{Kind: "scope set", Name: ss.Name, ExistingID: id})
}

// GetScopeSet returns the scope set with the given id, or
// backend.ErrNotFound.
func (s *tenantStore) GetScopeSet(ctx context.Context, id string) (backend.ScopeSet, error) {
	return s.loadScopeSet(ctx, s.pool, id, "")
}

// loadScopeSet reads a scope set of the tenant; lock is "" or a locking
// clause such as "FOR UPDATE".
func (s *tenantStore) loadScopeSet(ctx context.Context, q querier, id, lock string) (backend.ScopeSet, error) {
	ss, err := scanScopeSet(q.QueryRow(ctx,
		`SELECT `+scopeSetColumns+` FROM scope_sets WHERE id = $1 AND tenant = $2 `+lock,
		id, s.tenant))
	if errors.Is(err, pgx.ErrNoRows) {
		return backend.ScopeSet{}, fmt.Errorf("scope set %s: %w", id, backend.ErrNotFound)
	}
	if err != nil {
		return backend.ScopeSet{}, s.fail("reading scope set "+id, err)
	}
	return ss, nil
}

// UpdateScopeSet applies ch to the scope set if it is still at version
// expected, locking its row first like UpdateProfile.
func (s *tenantStore) UpdateScopeSet(ctx context.Context, id string, expected int64,
	ch backend.ScopeSetChange,
) (backend.ScopeSet, error) {
	doing := "updating scope set " + id
	var out backend.ScopeSet
	err := s.retry(ctx, doing, func() error {
		var (
			ss       backend.ScopeSet
			writeErr error
		)
		err := s.inTx(ctx, doing, func(tx pgx.Tx) error {
			old, err := s.loadScopeSet(ctx, tx, id, "FOR UPDATE")
			if err != nil {
				return err
			}
			if old.Version != expected {
				return &backend.ConflictError{ID: id, Expected: expected, Actual: old.Version}
			}
			var changed bool
			if ss, changed = applyScopeSetChange(old, ch); !changed {
				out = old
				return nil
			}
			ss.RequestKey = ch.RequestKey
			writeErr = tx.QueryRow(ctx, `UPDATE scope_sets SET name = $2, description = $3,
				scopes = $4, request_key = $5, version = version + 1,
				updated_at = greatest(statement_timestamp(), updated_at + interval '1 microsecond')
				WHERE id = $1 AND tenant = $6
				RETURNING version, updated_at`,
				ss.ID, ss.Name, ss.Description, ss.Scopes, ss.RequestKey, s.tenant).
				Scan(&ss.Version, &ss.UpdatedAt)
			if writeErr != nil {
				return writeErr
			}
			ss.UpdatedAt = ss.UpdatedAt.UTC()
			out = ss
			return nil
		})
		if writeErr != nil {
			return s.scopeSetWriteFailed(ctx, ss, doing, writeErr)
		}
		return err
	})
	if err != nil {
		return backend.ScopeSet{}, err
	}
	return out, nil
}

// applyScopeSetChange returns old with the fields set in ch, and whether any
// of them differs from what was stored. Nil Scopes in ch leaves them as
// they are.
func applyScopeSetChange(old backend.ScopeSet, ch backend.ScopeSetChange) (backend.ScopeSet, bool) {
	ss := old
	setField(&ss.Name, ch.Name)
	setField(&ss.Description, ch.Description)
	if ch.Scopes != nil {
		ss.Scopes = scopeSetScopes(ch.Scopes)
	}
	changed := ss.Name != old.Name || ss.Description != old.Description ||
		!backend.SameList(ss.Scopes, old.Scopes)
	return ss, changed
}

// DeleteScopeSet removes the scope set, or returns backend.ErrNotFound.
func (s *tenantStore) DeleteScopeSet(ctx context.Context, id string) error {
	return s.deleteRow(ctx, "scope_sets", "scope set", id)
}

// ListScopeSets returns the scope sets named name, or all of them when name
// is empty, ordered by id.
func (s *tenantStore) ListScopeSets(ctx context.Context, name string) ([]backend.ScopeSet, error) {
	query := `SELECT ` + scopeSetColumns + ` FROM scope_sets WHERE tenant = $1 ORDER BY id`
	args := []any{s.tenant}
	if name != "" {
		query = `SELECT ` + scopeSetColumns + ` FROM scope_sets
			WHERE tenant = $1 AND name = $2 ORDER BY id`
		args = append(args, name)
	}

	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, s.fail("listing scope sets", err)
	}
	defer rows.Close()
	out := []backend.ScopeSet{}
	for rows.Next() {
		ss, err := scanScopeSet(rows)
		if err != nil {
			return nil, s.fail("listing scope sets", err)
		}
		out = append(out, ss)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("listing scope sets", err)
	}
	return out, nil
}
