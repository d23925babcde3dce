// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"context"
	"database/sql"
	"errors"
)

// Names of the rows of the meta table.
const (
	// metaKeyCheck holds keyCheckText sealed with the store's key, so that
	// Open can tell a wrong key before anything is read or written with it.
	metaKeyCheck = "key_check"
	// metaPurgePending marks a store whose file and log may still hold
	// plaintext secrets outside the rows, which Open then clears.
	metaPurgePending = "purge_pending"
)

// keyCheckText and keyCheckAAD are what the key check seals. The profile
// ids used as additional data for secrets never equal keyCheckAAD.
const (
	keyCheckText = "terraform-provider-lever embedded store"
	keyCheckAAD  = "meta:" + metaKeyCheck
)

// keyState is what a store says about its key and secrets.
type keyState struct {
	// check is the sealed key check, when one was recorded.
	check sql.NullString
	// sealed and plain count the profiles whose secret is encrypted and
	// those whose secret is not.
	sealed, plain int
}

// needsKnownKey reports whether something in the store was encrypted with
// a key, which must then be the one used.
func (st keyState) needsKnownKey() bool { return st.check.Valid || st.sealed > 0 }

// readKeyState reads the key state of a store at the given schema version.
// A store from before sealedSchema has no meta table, and its secrets are
// all plaintext.
func (s *Store) readKeyState(ctx context.Context, q queryRower, version int) (keyState, error) {
	var st keyState
	var err error
	switch {
	case version == 0:
		return st, nil
	case version < sealedSchema:
		err = q.QueryRowContext(ctx, `SELECT count(*) FROM profiles`).Scan(&st.plain)
	default:
		err = q.QueryRowContext(ctx, `SELECT
			(SELECT value FROM meta WHERE name = ?),
			(SELECT count(*) FROM profiles WHERE secret_format = ?),
			(SELECT count(*) FROM profiles WHERE secret_format = ?)`,
			metaKeyCheck, secretSealedV1, secretPlain).Scan(&st.check, &st.sealed, &st.plain)
	}
	if err != nil {
		return keyState{}, s.fail("reading the encryption state", err)
	}
	return st, nil
}

// checkKey fails with a clear error unless the store's key opens the key
// check. A store with sealed secrets but no check, which only a damaged
// store can be, is checked against one of its secrets instead.
func (s *Store) checkKey(ctx context.Context, q queryRower, st keyState) error {
	if st.check.Valid {
		if got, err := s.unseal(st.check.String, keyCheckAAD); err != nil || got != keyCheckText {
			return s.wrongKey()
		}
		return nil
	}
	if st.sealed == 0 {
		return nil
	}
	var id, sealed string
	err := q.QueryRowContext(ctx, `SELECT id, client_secret FROM profiles
		WHERE secret_format = ? LIMIT 1`, secretSealedV1).Scan(&id, &sealed)
	if err != nil {
		return s.fail("checking the encryption key", err)
	}
	if _, err := s.unseal(sealed, id); err != nil {
		return s.wrongKey()
	}
	return nil
}

// sealSecrets records the key check if the store has none and encrypts
// any plaintext secret, in one transaction. It reads the state again under
// the write lock, since another process may have recorded a check, with
// whatever key it had, since Open read it. Sealing is not a change to a
// profile, so versions stay as they are.
func (s *Store) sealSecrets(ctx context.Context) error {
	return s.write(ctx, "encrypting client secrets", func(tx *sql.Tx) error {
		st, err := s.readKeyState(ctx, tx, schemaVersion)
		if err != nil {
			return err
		}
		if err := s.checkKey(ctx, tx, st); err != nil {
			return err
		}
		if !st.check.Valid {
			_, err := tx.ExecContext(ctx, `INSERT INTO meta (name, value) VALUES (?, ?)`,
				metaKeyCheck, s.seal(keyCheckText, keyCheckAAD))
			if err != nil {
				return s.fail("recording the key check", err)
			}
		}
		return s.sealPlainSecrets(ctx, tx)
	})
}

func (s *Store) sealPlainSecrets(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, client_secret FROM profiles
		WHERE secret_format = ?`, secretPlain)
	if err != nil {
		return s.fail("reading plaintext secrets", err)
	}
	plain := map[string]string{}
	for rows.Next() {
		var id, secret string
		if err := rows.Scan(&id, &secret); err != nil {
			_ = rows.Close()
			return s.fail("reading plaintext secrets", err)
		}
		plain[id] = secret
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return s.fail("reading plaintext secrets", err)
	}

	for id, secret := range plain {
		_, err := tx.ExecContext(ctx, `UPDATE profiles SET client_secret = ?, secret_format = ?
			WHERE id = ?`, s.seal(secret, id), secretSealedV1, id)
		if err != nil {
			return s.fail("encrypting the secret of profile "+id, err)
		}
	}
	return nil
}

// purgePlaintext clears a store marked metaPurgePending of the plaintext
// secrets that sealing leaves outside the rows: in pages freed by earlier
// updates and deletes, and in frames of the log. VACUUM rebuilds the file
// from its rows alone, and a TRUNCATE checkpoint empties the log. The mark
// goes only once both are done; while another connection still reads from
// the old log, the checkpoint cannot finish and the next Open tries again.
func (s *Store) purgePlaintext(ctx context.Context) error {
	var pending int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM meta WHERE name = ?`,
		metaPurgePending).Scan(&pending)
	if err != nil {
		return s.fail("reading the store's marks", err)
	}
	if pending == 0 {
		return nil
	}

	if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
		return s.fail("clearing old plaintext secrets from the file", err)
	}
	var busy, logFrames, checkpointed int
	err = s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).
		Scan(&busy, &logFrames, &checkpointed)
	if err != nil {
		return s.fail("clearing old plaintext secrets from the log", err)
	}
	if busy != 0 {
		return nil
	}
	return s.write(ctx, "recording the cleared secrets", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE name = ?`, metaPurgePending)
		if err != nil {
			return s.fail("recording the cleared secrets", err)
		}
		return nil
	})
}
