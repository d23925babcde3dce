// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"context"
	"database/sql"
	"fmt"
)

// applicationID marks a SQLite file as a store of this provider, in the
// header field SQLite keeps for that (PRAGMA application_id). It spells
// "LVER" in ASCII. The first migration sets it.
const applicationID = 0x4C564552

// migrations brings a store from schema version i to i+1 with the
// statements of migrations[i]; the version lives in PRAGMA user_version.
// Append to this list, never edit an entry that has shipped: stores in the
// field have already run it.
var migrations = [][]string{
	{
		// applicationID; a PRAGMA takes no bound parameters.
		`PRAGMA application_id = 1280722258`,
		// Slices are JSON arrays; NULL scopes means "the environment's
		// defaults" and NULL actions "never set", both distinct from "[]".
		// Times are RFC 3339 UTC with nanoseconds.
		`CREATE TABLE profiles (
			id                 TEXT    NOT NULL PRIMARY KEY,
			name               TEXT    NOT NULL,
			environment        TEXT    NOT NULL,
			description        TEXT    NOT NULL,
			client_id          TEXT    NOT NULL,
			client_secret      TEXT    NOT NULL,
			secret_fingerprint TEXT    NOT NULL,
			callback_url       TEXT    NOT NULL,
			logo_url           TEXT    NOT NULL,
			scopes             TEXT,
			actions            TEXT,
			version            INTEGER NOT NULL,
			created_at         TEXT    NOT NULL,
			updated_at         TEXT    NOT NULL,
			UNIQUE (environment, name)
		) STRICT`,
		// The UNIQUE index serves lookups by environment and name; this one
		// serves a list filtered by name alone.
		`CREATE INDEX profiles_by_name ON profiles (name)`,
		`CREATE TABLE scope_sets (
			id          TEXT    NOT NULL PRIMARY KEY,
			name        TEXT    NOT NULL UNIQUE,
			description TEXT    NOT NULL,
			scopes      TEXT    NOT NULL,
			version     INTEGER NOT NULL,
			created_at  TEXT    NOT NULL,
			updated_at  TEXT    NOT NULL
		) STRICT`,
	},
	{
		// Stores from before this version hold enabled profiles.
		`ALTER TABLE profiles ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1
			CHECK (enabled IN (0, 1))`,
		`ALTER TABLE profiles ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0
			CHECK (is_default IN (0, 1))`,
		`ALTER TABLE profiles ADD COLUMN secret_version INTEGER NOT NULL DEFAULT 0`,
		// How client_secret is stored: secretPlain (what every earlier
		// version wrote, sealed by Open after this migration) or
		// secretSealedV1.
		`ALTER TABLE profiles ADD COLUMN secret_format INTEGER NOT NULL DEFAULT 0`,
		// One default per environment. The writes check first, to name the
		// current default; the index holds even if a check is missed.
		`CREATE UNIQUE INDEX profiles_one_default ON profiles (environment)
			WHERE is_default = 1`,
		// Facts about the store as a whole, such as the key check.
		`CREATE TABLE meta (
			name  TEXT NOT NULL PRIMARY KEY,
			value TEXT NOT NULL
		) STRICT`,
		// A store that was in use before this version may hold plaintext
		// secrets in free pages and in its log, beyond the rows Open seals;
		// the mark has Open rebuild the file once. user_version is still the
		// version the upgrade started from, 0 for a new store.
		`INSERT INTO meta (name, value)
			SELECT '` + metaPurgePending + `', 'plaintext secrets may remain in free space'
			FROM pragma_user_version WHERE user_version > 0`,
	},
	{
		// The key of the write that made a row's version, which a server
		// answers a retried request from. Rows written before this version
		// carry none.
		`ALTER TABLE profiles ADD COLUMN request_key TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE scope_sets ADD COLUMN request_key TEXT NOT NULL DEFAULT ''`,
	},
}

// sealedSchema is the first schema version whose stores encrypt client
// secrets and have the meta table.
const sealedSchema = 2

// schemaVersion is the version this code writes and understands.
var schemaVersion = len(migrations)

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// header is what tells whose a SQLite file is: its application id, its
// schema version and how many tables, indexes and other objects it holds.
type header struct {
	appID, version, objects int
}

func readHeader(ctx context.Context, q queryRower) (header, error) {
	var h header
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&h.appID, &h.version, &h.objects)
	return h, err
}

// checkHeader accepts a store of ours that this provider can read, and an
// empty database, which becomes one. Any other database belongs to another
// program, whose data the store must not touch.
func (s *Store) checkHeader(h header) error {
	if h == (header{}) {
		return nil
	}
	if h.appID != applicationID {
		return notAStore(s.path, "it is a SQLite database of another program")
	}
	if h.version > schemaVersion {
		return fmt.Errorf("%s was written by a newer version of the provider "+
			"(schema %d, this provider knows %d); upgrade the provider",
			s.Describe(), h.version, schemaVersion)
	}
	return nil
}

// readCheckedHeader reads the header through the store's connections and
// checks it. Open has checked the file before, but reading through these
// connections as well keeps a file swapped in meanwhile from being written
// to.
func (s *Store) readCheckedHeader(ctx context.Context) (header, error) {
	h, err := readHeader(ctx, s.db)
	if err != nil {
		return header{}, s.fail("reading the schema version", err)
	}
	return h, s.checkHeader(h)
}

// migrate brings the schema up to date from h, the checked header read
// without the write lock, so that opening an up-to-date store does not wait
// for (or fail on) another writer. Only an upgrade takes the lock, and then
// reads the header again, since another process may have upgraded the
// store in between.
func (s *Store) migrate(ctx context.Context, h header) error {
	if h.version == schemaVersion {
		return nil
	}

	return s.write(ctx, "upgrading the schema", func(tx *sql.Tx) error {
		h, err := readHeader(ctx, tx)
		if err != nil {
			return s.fail("reading the schema version", err)
		}
		if err := s.checkHeader(h); err != nil {
			return err
		}
		for i := h.version; i < schemaVersion; i++ {
			for _, stmt := range migrations[i] {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return s.fail(fmt.Sprintf("upgrading the schema to version %d", i+1), err)
				}
			}
		}
		// PRAGMA takes no bound parameters; the value is our own integer.
		_, err = tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion))
		if err != nil {
			return s.fail("recording the schema version", err)
		}
		return nil
	})
}
