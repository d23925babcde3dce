// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// migrationFiles are the schema's migrations, NNNN_name.sql, numbered from
// 1 without gaps and applied in that order. Add a file, never edit one that
// has shipped: databases in the field have run it.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationLockKey is the advisory lock that Opens of one database take
// turns with, so that only one applies the migrations. It spells "LVERmigr"
// in ASCII; advisory locks are per database.
const migrationLockKey int64 = 0x4C5645526D696772

type migration struct {
	version int
	name    string
	sql     string
}

// migrations is every migration, in order; schemaVersion is the version
// this code writes and understands.
var (
	migrations    = mustLoadMigrations(migrationFiles)
	schemaVersion = len(migrations)
)

// mustLoadMigrations reads the migrations embedded in the binary. They are
// part of the source, so a malformed one is a bug, caught by any test.
func mustLoadMigrations(files fs.FS) []migration {
	names, err := fs.Glob(files, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	var out []migration
	for i, name := range names { // fs.Glob returns the names sorted.
		base := path.Base(name)
		number, _, ok := strings.Cut(base, "_")
		version, err := strconv.Atoi(number)
		if !ok || err != nil || version != i+1 {
			panic(fmt.Sprintf("migration %s: want a name starting with %04d_", name, i+1))
		}
		text, err := fs.ReadFile(files, name)
		if err != nil {
			panic(err)
		}
		out = append(out, migration{version: version, name: base, sql: string(text)})
	}
	return out
}

// setUp brings the schema up to date and checks the key, in one
// transaction under migrationLockKey. Transactional DDL makes a failed
// migration leave no trace, the lock makes concurrent Opens take turns (the
// later ones find the work done), and it is released with the transaction
// even if this process dies. A wrong key rolls back whatever was applied.
func (s *Store) setUp(ctx context.Context) error {
	return s.inTx(ctx, "bringing the schema up to date", func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLockKey); err != nil {
			return s.fail("waiting for the schema lock", err)
		}
		version, err := s.readSchemaVersion(ctx, tx)
		if err != nil {
			return err
		}
		if version > schemaVersion {
			return fmt.Errorf("%s was written by a newer version of the server (schema %d, "+
				"this one knows %d); upgrade the server", s.Describe(), version, schemaVersion)
		}
		for _, m := range migrations[version:] {
			// Without arguments, pgx sends the file as one simple query, which
			// may hold many statements.
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return s.fail("applying migration "+m.name, err)
			}
			_, err := tx.Exec(ctx, `INSERT INTO lever_schema_migrations (version, name)
				VALUES ($1, $2)`, m.version, m.name)
			if err != nil {
				return s.fail("recording migration "+m.name, err)
			}
		}
		return s.checkKey(ctx, tx)
	})
}

// readSchemaVersion returns the version of the last migration applied, or 0
// for a database that has none, creating the table that records them. The
// table is created only when missing, so that a role without the CREATE
// privilege can open a database someone else set up.
func (s *Store) readSchemaVersion(ctx context.Context, tx pgx.Tx) (int, error) {
	var exists bool
	err := tx.QueryRow(ctx,
		`SELECT to_regclass('lever_schema_migrations') IS NOT NULL`).Scan(&exists)
	if err != nil {
		return 0, s.fail("reading the schema version", err)
	}
	if !exists {
		_, err := tx.Exec(ctx, `CREATE TABLE lever_schema_migrations (
			version    integer     NOT NULL PRIMARY KEY,
			name       text        NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT statement_timestamp()
		)`)
		if err != nil {
			return 0, s.fail("creating the schema version table", err)
		}
		return 0, nil
	}
	var version int
	err = tx.QueryRow(ctx,
		`SELECT coalesce(max(version), 0) FROM lever_schema_migrations`).Scan(&version)
	if err != nil {
		return 0, s.fail("reading the schema version", err)
	}
	return version, nil
}
