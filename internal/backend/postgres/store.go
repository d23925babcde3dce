// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package postgres keeps connector profiles and scope sets in a PostgreSQL
// database, for a backend server that may run as several processes at once
// and serve many tenants.
//
// A Store is opened once per process and holds the connection pool; it is
// a backend.Tenants, whose Tenant returns a view of one tenant's objects.
// Every row carries its tenant, and every query of a view is filtered by
// it, as a parameter, so that a tenant can neither see nor touch another's
// objects, even by id.
//
// The database enforces the rules, within each tenant: a unique constraint
// on a profile's environment and name, a partial unique index for one
// default profile per environment, and a unique scope set name. A
// violation is mapped, by the constraint's name, to the typed error naming
// the holder. Updates lock their row (SELECT ... FOR UPDATE, in READ
// COMMITTED) before checking the version, so two writers of one profile
// take turns rather than both winning. A lock waited on for longer than
// Options.LockTimeout fails the call with a *backend.BusyError.
//
// Client secrets are sealed with AES-256-GCM (package sealing) under a key
// the server's operator keeps apart from the database, bound to their
// profile's id, so a dump of the database reveals none of them.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
)

// DefaultLockTimeout is how long a statement waits for a lock held by
// another writer when Options.LockTimeout is not set.
const DefaultLockTimeout = 10 * time.Second

// maxAttempts bounds how often a write that lost a race it could not see
// coming (a deadlock, a serialization failure, or the holder of a name that
// vanished before it could be named) is tried.
const maxAttempts = 5

// SQLSTATE codes the store acts on.
const (
	codeUniqueViolation      = "23505"
	codeSerializationFailure = "40001"
	codeDeadlockDetected     = "40P01"
	codeLockNotAvailable     = "55P03"
)

// Options configures Open.
type Options struct {
	// URL is a pgx connection string, a URL or key=value pairs, which may
	// also set the pool (pool_max_conns and the like).
	URL string
	// EncryptionKey is the sealing.KeySize-byte AES-256 key for client
	// secrets. It is required, and must be the key the database was first
	// opened with.
	EncryptionKey []byte
	// LockTimeout is PostgreSQL's lock_timeout for the store's statements:
	// a statement that waits longer for a lock held by another writer fails
	// with a *backend.BusyError. Zero or negative means DefaultLockTimeout.
	LockTimeout time.Duration
}

// Store is a backend.Tenants kept in a PostgreSQL database. It is safe for
// concurrent use, and several Stores, in one process or many, may share a
// database.
type Store struct {
	database
}

// database is what a Store shares with its tenants' views: the pool, the
// key, and how the store is named in errors.
type database struct {
	pool        *pgxpool.Pool
	sealer      *sealing.Sealer
	lockTimeout time.Duration
	// where names the store for messages, without the password.
	where string
}

// Open connects to the database at opts.URL and brings its schema up to
// date, under an advisory lock so that several processes may start at
// once. It refuses a database encrypted with another key (see ErrWrongKey)
// and one whose schema is newer than this code, before writing to either.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if opts.URL == "" {
		return nil, errors.New("no connection URL was given for the PostgreSQL store")
	}
	if opts.EncryptionKey == nil {
		return nil, errors.New("no encryption key was given for the PostgreSQL store; " +
			"it is required to seal client secrets")
	}
	sealer, err := sealing.New(opts.EncryptionKey)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL store: %w", err)
	}
	cfg, err := pgxpool.ParseConfig(opts.URL)
	if err != nil {
		// pgx leaves the password out of its parse errors.
		return nil, fmt.Errorf("the PostgreSQL store's connection URL is not valid: %w", err)
	}

	s := &Store{database{
		sealer: sealer, lockTimeout: opts.LockTimeout, where: describe(cfg.ConnConfig),
	}}
	if s.lockTimeout <= 0 {
		s.lockTimeout = DefaultLockTimeout
	}
	params := cfg.ConnConfig.RuntimeParams
	params["lock_timeout"] = strconv.FormatInt(max(s.lockTimeout.Milliseconds(), 1), 10)
	// The locking is designed for READ COMMITTED; a database whose default
	// is stricter would fail writes that need no retry.
	params["default_transaction_isolation"] = "read committed"
	if params["application_name"] == "" {
		params["application_name"] = "terraform-provider-lever"
	}

	s.pool, err = pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, s.fail("connecting", err)
	}
	if err := s.setUp(ctx); err != nil {
		s.pool.Close()
		return nil, err
	}
	return s, nil
}

// describe names the database as user@host:port/database.
func describe(cfg *pgx.ConnConfig) string {
	return fmt.Sprintf("PostgreSQL store at %s@%s/%s", cfg.User,
		net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), cfg.Database)
}

// Describe names the store for messages, never showing a password.
func (s *Store) Describe() string { return s.where }

// Close closes the store's connections, waiting for those in use. The
// tenants' views fail after it.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// fail turns an error from PostgreSQL into one callers can act on: a lock
// waited on past the lock timeout becomes a *backend.BusyError, and
// anything else is wrapped with the store's name and what was being done.
func (db *database) fail(doing string, err error) error {
	if sqlState(err) == codeLockNotAvailable {
		return &backend.BusyError{Store: db.where, Timeout: db.lockTimeout, Err: err}
	}
	return fmt.Errorf("%s: %s: %w", db.where, doing, err)
}

func sqlState(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// uniqueViolation returns the name of the constraint err violates, or "".
func uniqueViolation(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == codeUniqueViolation {
		return pe.ConstraintName
	}
	return ""
}

// errRetry asks retry for another attempt: the write lost a race that a
// new attempt resolves, such as the holder of a name it clashed with
// having gone before it could be named.
var errRetry = errors.New("lost a race with another writer")

// isTransient reports an error that a new attempt of the same write may
// not meet: a deadlock or a serialization failure, both of which
// PostgreSQL resolves by failing one of the transactions involved.
func isTransient(err error) bool {
	code := sqlState(err)
	return errors.Is(err, errRetry) || code == codeSerializationFailure || code == codeDeadlockDetected
}

// retry runs fn until it succeeds, fails for good, or has been tried
// maxAttempts times, pausing a little longer, at random, between attempts
// so that the writers it raced with do not meet again. A write that kept
// losing fails with a *backend.BusyError, since the store was too busy
// for it, and trying again later is the remedy.
func (db *database) retry(ctx context.Context, doing string, fn func() error) error {
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || !isTransient(err) {
			return err
		}
		if attempt == maxAttempts {
			return &backend.BusyError{Store: db.where, Timeout: db.lockTimeout,
				Err: fmt.Errorf("%s: gave up after %d attempts: %w", doing, attempt, err)}
		}
		pause := time.Duration(attempt) * (5*time.Millisecond + rand.N(10*time.Millisecond))
		select {
		case <-ctx.Done():
			return db.fail(doing, ctx.Err())
		case <-time.After(pause):
		}
	}
}

// inTx runs fn in a READ COMMITTED transaction, committing when fn returns
// nil and rolling back otherwise. Errors of fn are returned as they are.
func (db *database) inTx(ctx context.Context, doing string, fn func(tx pgx.Tx) error) error {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return db.fail(doing, err)
	}
	// After a commit, Rollback does nothing; after a failure it ends the
	// transaction, or closes the connection if the context is done, which
	// ends it as well.
	defer func() { _ = tx.Rollback(ctx) }()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return db.fail(doing, err)
	}
	return nil
}

// querier is what reads need: the pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// deleteRow deletes by id, within the tenant, from table, a constant of
// this package.
func (s *tenantStore) deleteRow(ctx context.Context, table, kind, id string) error {
	return s.retry(ctx, "deleting "+kind+" "+id, func() error {
		tag, err := s.pool.Exec(ctx, `DELETE FROM `+table+` WHERE id = $1 AND tenant = $2`,
			id, s.tenant)
		if err != nil {
			return s.fail("deleting "+kind+" "+id, err)
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("%s %s: %w", kind, id, backend.ErrNotFound)
		}
		return nil
	})
}
