// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package embedded keeps connector profiles and scope sets in a local SQLite
// file, for use without a Lever backend server.
//
// Client secrets are encrypted at rest with AES-256-GCM under a key that is
// kept apart from the file (see Options.EncryptionKey), so that a store
// copied or committed on its own reveals none of them.
//
// Transactions, durability and locking are SQLite's: the file is in WAL mode
// with synchronous=FULL, every write runs in a BEGIN IMMEDIATE transaction
// and waits up to Options.LockTimeout for another writer, whether that
// writer is in this process or another one.
package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
)

// DefaultLockTimeout is how long a write waits for another writer's lock
// when Options.LockTimeout is not set.
const DefaultLockTimeout = 10 * time.Second

// maxIdleConns bounds the connections kept open between calls. Each idle
// connection holds its own page cache; a few serve the provider's handful of
// concurrent calls without reopening and re-running the pragmas each time.
const maxIdleConns = 4

var _ backend.Backend = (*Store)(nil)

// Options configures Open.
type Options struct {
	// Path is the database file: a store, an empty file or an empty SQLite
	// database; anything else is refused. Missing parent folders are created
	// with mode 0700 and a missing file with mode 0600, since it describes
	// the profiles, and an existing one loses any group and other
	// permissions.
	Path string
	// LockTimeout is how long a write waits for another writer's lock before
	// failing with a *backend.BusyError. Zero or negative means
	// DefaultLockTimeout.
	LockTimeout time.Duration
	// EncryptionKey is the KeySize-byte AES-256 key for client secrets (see
	// ParseKey for its text form). When nil, the key is read from KeyFile,
	// which is created (0600, in a 0700 folder) with a fresh random key only
	// if it does not exist and the store holds no secret encrypted with
	// another key: a store that does fails to open with ErrKeyNotFound
	// rather than get a key that cannot read it. A key other than the one
	// the store was created with fails Open with ErrWrongKey.
	EncryptionKey []byte
	// KeyFile is the file the key is kept in when EncryptionKey is nil;
	// empty means DefaultKeyFile().
	KeyFile string
}

// Store is a backend.Backend kept in a SQLite file. It is safe for
// concurrent use, and several Stores, in one process or many, may share a
// file.
type Store struct {
	db          *sql.DB
	path        string
	lockTimeout time.Duration
	// sealer seals and opens client secrets.
	sealer *sealing.Sealer
	// keyWhere names the key for messages, never showing it.
	keyWhere string
	// writing holds one token while a write transaction of this Store runs.
	// Writers of one process queue here, woken as soon as the writer before
	// them is done, instead of polling SQLite's lock under busy_timeout,
	// which sleeps a growing interval between tries; writers of other
	// processes still meet at SQLite's lock.
	writing chan struct{}
	// selectProfile is loadProfile's query outside a transaction, prepared.
	selectProfile *sql.Stmt
}

// Open opens the store at opts.Path, creating the file and bringing its
// schema up to date as needed. It refuses, before writing to it, a file
// that is neither a store nor empty, a store written by a newer provider
// and a store encrypted with another key. A store from before encryption
// has its plaintext secrets encrypted, and cleared from the file, here.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if opts.Path == "" {
		return nil, errors.New("no path was given for the embedded store; " +
			"set embedded_path to a file such as profiles.db")
	}
	path, err := filepath.Abs(opts.Path)
	if err != nil {
		return nil, fmt.Errorf("cannot resolve the embedded store path %q: %w", opts.Path, err)
	}
	s := &Store{path: path, lockTimeout: opts.LockTimeout, writing: make(chan struct{}, 1)}
	if s.lockTimeout <= 0 {
		s.lockTimeout = DefaultLockTimeout
	}

	if err := s.prepareFile(ctx); err != nil {
		return nil, err
	}

	db, err := sql.Open("sqlite", dsn(path, s.lockTimeout))
	if err != nil {
		return nil, s.fail("opening", err)
	}
	db.SetMaxIdleConns(maxIdleConns)
	s.db = db

	if err := s.setUp(ctx, opts); err != nil {
		_ = db.Close()
		return nil, err
	}
	stmt, err := db.PrepareContext(ctx, selectProfile)
	if err != nil {
		_ = db.Close()
		return nil, s.fail("preparing its queries", err)
	}
	s.selectProfile = stmt
	return s, nil
}

// setUp readies the store's file: it loads the key and checks it before
// anything is written, brings the schema up to date, then seals what is
// not yet sealed. An up-to-date store with nothing to seal is only read,
// so that opening it does not wait for another writer.
func (s *Store) setUp(ctx context.Context, opts Options) error {
	h, err := s.readCheckedHeader(ctx)
	if err != nil {
		return err
	}
	st, err := s.readKeyState(ctx, s.db, h.version)
	if err != nil {
		return err
	}
	if err := s.loadKey(opts, st); err != nil {
		return err
	}
	if err := s.checkKey(ctx, s.db, st); err != nil {
		return err
	}
	if err := s.migrate(ctx, h); err != nil {
		return err
	}
	if !st.check.Valid || st.plain > 0 {
		if err := s.sealSecrets(ctx); err != nil {
			return err
		}
	}
	return s.purgePlaintext(ctx)
}

// dsn builds the driver's connection string for the store's connections.
// The driver runs the _pragma values on every new connection, busy_timeout
// first, since foreign_keys, synchronous and busy_timeout are per
// connection. journal_mode is kept in the file once set, so on a store it
// changes nothing; it is here so that a store someone switched back to a
// rollback journal returns to WAL. Open runs it only on a file it has
// checked. secure_delete zeroes what updates and deletes free, so that a
// deleted profile, or a replaced secret even sealed, does not linger in the
// file's free space.
func dsn(path string, lockTimeout time.Duration) string {
	q := url.Values{}
	q.Add("_pragma", busyTimeout(lockTimeout))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "secure_delete(ON)")
	q.Set("_txlock", "immediate")
	return fileURI(path, q)
}

func busyTimeout(d time.Duration) string {
	return fmt.Sprintf("busy_timeout(%d)", max(d.Milliseconds(), 1))
}

// fileURI spells path and the query as a "file:" URI. That form makes the
// driver pass the whole URI to SQLite, which takes its own parameters (mode,
// immutable) from it and ignores the driver's, so the path must be escaped
// as a URI path.
func fileURI(path string, q url.Values) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		// A Windows path such as C:/x needs the leading slash of file:///C:/x.
		p = "/" + p
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: p, RawQuery: q.Encode()}
	return u.String()
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Describe names the store for messages.
func (s *Store) Describe() string { return "embedded store at " + s.path }

// Close closes the store's connections.
func (s *Store) Close() error {
	_ = s.selectProfile.Close()
	if err := s.db.Close(); err != nil {
		return s.fail("closing", err)
	}
	return nil
}

// fail turns an error from SQLite into one callers can act on: a lock held
// too long by another writer becomes a *backend.BusyError, a file that is
// not a database says so, and anything else is wrapped with the store's
// name and what was being done.
func (s *Store) fail(doing string, err error) error {
	if isBusy(err) {
		return &backend.BusyError{Store: s.Describe(), Timeout: s.lockTimeout, Err: err}
	}
	// SQLite's own words, "file is not a database (26)", say neither which
	// file nor what to do.
	if code, ok := sqliteCode(err); ok && code&0xff == sqlite3.SQLITE_NOTADB {
		return notAStore(s.path, "the file is not a SQLite database")
	}
	return fmt.Errorf("%s: %s: %w", s.Describe(), doing, err)
}

// queueWrite waits for this Store's other writes to end, for at most the
// lock timeout, as a write waits for another process's lock.
func (s *Store) queueWrite(ctx context.Context) error {
	select {
	case s.writing <- struct{}{}:
		return nil
	default:
	}
	timer := time.NewTimer(s.lockTimeout)
	defer timer.Stop()
	select {
	case s.writing <- struct{}{}:
		return nil
	case <-timer.C:
		return &backend.BusyError{Store: s.Describe(), Timeout: s.lockTimeout,
			Err: errors.New("other writes of this process held the store")}
	case <-ctx.Done():
		return ctx.Err()
	}
}

// isBusy reports a lock conflict. Extended result codes are on in the
// driver, so the primary code is the low byte (SQLITE_BUSY_SNAPSHOT and
// friends included).
func isBusy(err error) bool {
	code, ok := sqliteCode(err)
	if !ok {
		return false
	}
	return code&0xff == sqlite3.SQLITE_BUSY || code&0xff == sqlite3.SQLITE_LOCKED
}

// isUniqueViolation reports a UNIQUE constraint failure, which a racing
// writer could only cause if the check before the insert were missed.
func isUniqueViolation(err error) bool {
	code, ok := sqliteCode(err)
	return ok && code == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}

func sqliteCode(err error) (int, bool) {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return 0, false
	}
	return se.Code(), true
}

// write runs fn in a write transaction. The DSN makes it BEGIN IMMEDIATE, so
// the write lock is taken up front and waited for under busy_timeout, rather
// than on the first write, where a reader-turned-writer could fail at once.
func (s *Store) write(ctx context.Context, doing string, fn func(tx *sql.Tx) error) error {
	if err := s.queueWrite(ctx); err != nil {
		return err
	}
	defer func() { <-s.writing }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(doing, err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.fail(doing, err)
	}
	return nil
}
