// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ErrWrongKey is matched, through errors.Is, by the error of an Open given
// a key other than the one the database was first opened with.
var ErrWrongKey = errors.New("the store was encrypted with a different key")

// The key check is a known text sealed with the store's key in the meta
// table, so that Open can tell a wrong key before anything is read or
// written with it. Profile ids, the additional data of secrets, never
// equal keyCheckAAD.
const (
	metaKeyCheck = "key_check"
	keyCheckText = "terraform-provider-lever postgres store"
	keyCheckAAD  = "meta:" + metaKeyCheck
)

// checkKey fails with ErrWrongKey unless the store's key opens the key
// check, recording the check first in a database that has none. It runs
// under the schema lock, so two Opens cannot record two checks.
func (s *Store) checkKey(ctx context.Context, tx pgx.Tx) error {
	var sealed string
	err := tx.QueryRow(ctx, `SELECT value FROM meta WHERE name = $1`, metaKeyCheck).Scan(&sealed)
	if errors.Is(err, pgx.ErrNoRows) {
		return s.recordKeyCheck(ctx, tx)
	}
	if err != nil {
		return s.fail("reading the key check", err)
	}
	if got, err := s.sealer.Open(keyCheckAAD, sealed); err != nil || got != keyCheckText {
		return s.wrongKey()
	}
	return nil
}

// recordKeyCheck seals the key check with the store's key. A database with
// profiles but no check, which only one damaged by hand can be, is checked
// against one of its secrets first.
func (s *Store) recordKeyCheck(ctx context.Context, tx pgx.Tx) error {
	var id, secret string
	err := tx.QueryRow(ctx, `SELECT id, client_secret FROM profiles LIMIT 1`).Scan(&id, &secret)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return s.fail("checking the encryption key", err)
	default:
		if _, err := s.sealer.Open(id, secret); err != nil {
			return s.wrongKey()
		}
	}
	_, err = tx.Exec(ctx, `INSERT INTO meta (name, value) VALUES ($1, $2)`,
		metaKeyCheck, s.sealer.Seal(keyCheckAAD, keyCheckText))
	if err != nil {
		return s.fail("recording the key check", err)
	}
	return nil
}

// wrongKey is the error for a key that does not open the key check. It
// names the database, never the key.
func (s *Store) wrongKey() error {
	return fmt.Errorf("%s: %w than the configured one; configure the key it was created with",
		s.Describe(), ErrWrongKey)
}
