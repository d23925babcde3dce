// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

const scopeSetColumns = `id, name, description, scopes, request_key, version, created_at,
	updated_at`

func scanScopeSet(sc scanner) (backend.ScopeSet, error) {
	var (
		ss               backend.ScopeSet
		scopes           sql.NullString
		created, updated string
	)
	err := sc.Scan(&ss.ID, &ss.Name, &ss.Description, &scopes, &ss.RequestKey, &ss.Version,
		&created, &updated)
	if err != nil {
		return backend.ScopeSet{}, err
	}
	if ss.Scopes, err = decodeList(scopes); err != nil {
		return backend.ScopeSet{}, fmt.Errorf("scope set %s scopes: %w", ss.ID, err)
	}
	if ss.CreatedAt, err = parseTime(created); err != nil {
		return backend.ScopeSet{}, fmt.Errorf("scope set %s created_at: %w", ss.ID, err)
	}
	if ss.UpdatedAt, err = parseTime(updated); err != nil {
		return backend.ScopeSet{}, fmt.Errorf("scope set %s updated_at: %w", ss.ID, err)
	}
	return ss, nil
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
func (s *Store) CreateScopeSet(ctx context.Context, in backend.ScopeSetInput) (backend.ScopeSet, error) {
	ss := backend.ScopeSet{
		ID:          backend.NewID(backend.ScopeSetIDPrefix),
		Name:        in.Name,
		Description: in.Description,
		Scopes:      scopeSetScopes(in.Scopes),
		RequestKey:  in.RequestKey,
		Version:     1,
	}

	err := s.write(ctx, "creating a scope set", func(tx *sql.Tx) error {
		if err := s.scopeSetNameFree(ctx, tx, ss.Name, ""); err != nil {
			return err
		}
		// Stamped under the lock, so that time order is commit order.
		ss.CreatedAt = now()
		ss.UpdatedAt = ss.CreatedAt
		_, err := tx.ExecContext(ctx, `INSERT INTO scope_sets (`+scopeSetColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			ss.ID, ss.Name, ss.Description, encodeList(ss.Scopes), ss.RequestKey, ss.Version,
			formatTime(ss.CreatedAt), formatTime(ss.UpdatedAt))
		if isUniqueViolation(err) {
			// Unreachable while the check above runs under the write lock;
			// kept so that a slip there still yields the typed error.
			if taken := s.scopeSetNameFree(ctx, tx, ss.Name, ""); taken != nil {
				return taken
			}
		}
		if err != nil {
			return s.fail("storing scope set "+ss.ID, err)
		}
		return nil
	})
	if err != nil {
		return backend.ScopeSet{}, err
	}
	return ss, nil
}

// scopeSetNameFree returns a *backend.NameTakenError when a scope set other
// than self already has the name.
func (s *Store) scopeSetNameFree(ctx context.Context, tx *sql.Tx, name, self string) error {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM scope_sets WHERE name = ?`, name).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows) || (err == nil && id == self):
		return nil
	case err != nil:
		return s.fail("looking up a scope set by name", err)
	}
	return &backend.NameTakenError{Kind: "scope set", Name: name, ExistingID: id}
}

// GetScopeSet returns the scope set with the given id, or
// backend.ErrNotFound.
func (s *Store) GetScopeSet(ctx context.Context, id string) (backend.ScopeSet, error) {
	return s.loadScopeSet(ctx, s.db, id)
}

func (s *Store) loadScopeSet(ctx context.Context, q queryRower, id string) (backend.ScopeSet, error) {
	ss, err := scanScopeSet(q.QueryRowContext(ctx,
		`SELECT `+scopeSetColumns+` FROM scope_sets WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return backend.ScopeSet{}, fmt.Errorf("scope set %s: %w", id, backend.ErrNotFound)
	}
	if err != nil {
		return backend.ScopeSet{}, s.fail("reading scope set "+id, err)
	}
	return ss, nil
}

// UpdateScopeSet applies ch to the scope set if it is still at version
// expected, in one IMMEDIATE transaction like UpdateProfile.
func (s *Store) UpdateScopeSet(ctx context.Context, id string, expected int64,
	ch backend.ScopeSetChange,
) (backend.ScopeSet, error) {
	var out backend.ScopeSet
	err := s.write(ctx, "updating scope set "+id, func(tx *sql.Tx) error {
		old, err := s.loadScopeSet(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Version != expected {
			return &backend.ConflictError{ID: id, Expected: expected, Actual: old.Version}
		}

		ss, changed := applyScopeSetChange(old, ch)
		if !changed {
			out = old
			return nil
		}
		if ss.Name != old.Name {
			if err := s.scopeSetNameFree(ctx, tx, ss.Name, id); err != nil {
				return err
			}
		}
		ss.RequestKey = ch.RequestKey
		ss.Version = old.Version + 1
		ss.UpdatedAt = now()
		if err := s.rewriteScopeSet(ctx, tx, ss, old.Version); err != nil {
			return err
		}
		out = ss
		return nil
	})
	return out, err
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

func (s *Store) rewriteScopeSet(ctx context.Context, tx *sql.Tx, ss backend.ScopeSet, was int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE scope_sets SET name = ?, description = ?, scopes = ?,
		request_key = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		ss.Name, ss.Description, encodeList(ss.Scopes), ss.RequestKey, ss.Version,
		formatTime(ss.UpdatedAt), ss.ID, was)
	if isUniqueViolation(err) {
		if taken := s.scopeSetNameFree(ctx, tx, ss.Name, ss.ID); taken != nil {
			return taken
		}
	}
	if err != nil {
		return s.fail("storing scope set "+ss.ID, err)
	}
	return s.updatedOne(res, "scope set", ss.ID)
}

// DeleteScopeSet removes the scope set, or returns backend.ErrNotFound.
func (s *Store) DeleteScopeSet(ctx context.Context, id string) error {
	return s.write(ctx, "deleting scope set "+id, func(tx *sql.Tx) error {
		return s.deleteRow(ctx, tx, "scope_sets", "scope set", id)
	})
}

// ListScopeSets returns the scope sets named name, or all of them when name
// is empty, ordered by id.
func (s *Store) ListScopeSets(ctx context.Context, name string) ([]backend.ScopeSet, error) {
	query := `SELECT ` + scopeSetColumns + ` FROM scope_sets`
	var args []any
	if name != "" {
		query += ` WHERE name = ?`
		args = append(args, name)
	}
	query += ` ORDER BY id`

	rows, err := s.db.QueryContext(ctx, query, args...)
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
