// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
)

// notAStore says why the file at path cannot be opened as a store, and what
// the user can do about it.
func notAStore(path, why string) error {
	return fmt.Errorf("%s is not a Lever provider store: %s. "+
		"Point embedded_path at a new file or at an existing store", path, why)
}

// prepareFile leaves at s.path a file the store may write to: a new one,
// created owner-only, or an existing store or empty database, made
// owner-only. Anything else is refused before SQLite writes to it, or even
// switches it to WAL mode.
func (s *Store) prepareFile(ctx context.Context) error {
	fi, err := os.Stat(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := createFile(s.path); err != nil {
			return fmt.Errorf("%s: %w", s.Describe(), err)
		}
		// Stat again: another process may have created the file first.
		fi, err = os.Stat(s.path)
	}
	switch {
	case err != nil:
		return s.fail("checking the file", err)
	case fi.IsDir():
		return fmt.Errorf("%s is a folder; embedded_path must name a file, such as %s",
			s.path, filepath.Join(s.path, "profiles.db"))
	case !fi.Mode().IsRegular():
		return notAStore(s.path, "it is not a regular file")
	}
	// SQLite takes an empty file for an empty database.
	if fi.Size() > 0 {
		if err := s.identify(ctx); err != nil {
			return err
		}
	}
	return s.makePrivate()
}

// createFile creates the database file owner-only before SQLite sees it:
// SQLite would create it 0644, and gives the -wal and -shm files the mode
// of the database file, so this one call keeps all three private.
func createFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating its folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("creating the file: %w", err)
	}
	return f.Close()
}

// identify reads the header of the existing file at s.path through a
// connection of its own that cannot write, and refuses the file unless it
// is a store this provider can read or an empty database.
//
// The store's own connections would not do: the first runs journal_mode,
// which rewrites the header of a database in rollback mode, and the last to
// close copies the WAL into the file. Reading the header bytes directly
// would not do either, since a provider that was killed, as Terraform does
// to provider processes, leaves its writes in the -wal file, with the
// file's own header still that of an empty database. A read-only connection
// reads through the WAL, but creates a -wal and a -shm file beside a WAL
// database that has none; such a file has nothing but itself to read, so it
// is opened as immutable, which reads the file alone and creates nothing.
func (s *Store) identify(ctx context.Context) error {
	q := url.Values{}
	q.Add("_pragma", busyTimeout(s.lockTimeout))
	q.Set("mode", "ro")
	if walMode(s.path) && !exists(s.path+"-wal") {
		q.Set("immutable", "1")
	}
	db, err := sql.Open("sqlite", fileURI(s.path, q))
	if err != nil {
		return s.fail("opening", err)
	}
	defer db.Close()

	h, err := readHeader(ctx, db)
	if err != nil {
		return s.fail("reading the file's header", err)
	}
	return s.checkHeader(h)
}

// walMode reports whether the file at path has the header of a SQLite
// database in WAL mode: the file format version bytes, at offsets 18 and 19,
// are 2. Anything unreadable is left for SQLite to report.
func walMode(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, 20)
	if _, err := io.ReadFull(f, b); err != nil {
		return false
	}
	return b[18] == 2 || b[19] == 2
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// makePrivate takes group and other permissions off the store's file and
// its -wal and -shm files, which describe the profiles and hold their
// client secrets, encrypted (or, in a store from before encryption, not
// yet): one made by hand or by an older tool may be readable by others.
// The owner's own permissions, and the folders' modes, are left as they
// are.
func (s *Store) makePrivate() error {
	if runtime.GOOS == "windows" {
		// Go maps only the owner's write bit to Windows file attributes.
		return nil
	}
	for _, p := range []string{s.path, s.path + "-wal", s.path + "-shm"} {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return s.fail("checking the file's permissions", err)
		}
		perm := fi.Mode().Perm()
		if perm&0o077 == 0 {
			continue
		}
		if err := os.Chmod(p, perm&^0o077); err != nil {
			return fmt.Errorf("%s can be read by other users (mode %04o), who must not see "+
				"the store's profiles and secrets, and could not be made private: %w. Run chmod 600 "+
				"on it, or point embedded_path at a file you own", p, perm, err)
		}
	}
	return nil
}
