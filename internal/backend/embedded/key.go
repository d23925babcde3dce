// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
)

// ErrWrongKey is matched, through errors.Is, by the error of an Open given
// a key other than the one the store was created with.
var ErrWrongKey = errors.New("the embedded store was encrypted with a different key")

// ErrKeyNotFound is matched, through errors.Is, by the error of an Open of
// a store that needs its key when none was configured and the key file is
// missing.
var ErrKeyNotFound = errors.New("the embedded store's encryption key was not found")

// keyError is a key problem told in full, matching one of the sentinels
// above.
type keyError struct {
	msg  string
	kind error
}

func (e *keyError) Error() string { return e.msg }
func (e *keyError) Unwrap() error { return e.kind }

// DefaultKeyFile is where the store's key is kept when none is configured:
// embedded-store.key in a terraform-provider-lever folder of the user's
// config folder (os.UserConfigDir), away from the store, which may be
// copied or committed with the Terraform configuration.
func DefaultKeyFile() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the user's config folder to keep the embedded "+
			"store's key file in (%w); configure an encryption key instead", err)
	}
	return filepath.Join(dir, "terraform-provider-lever", "embedded-store.key"), nil
}

// loadKey sets the store's cipher from the configured key, else from the
// key file. A missing key file is created with a new key only for a store
// that needs no existing key: one with no key check and no sealed secret.
// Plaintext secrets of an older store do not count, since nothing was
// encrypted with another key yet.
func (s *Store) loadKey(opts Options, st keyState) error {
	if opts.EncryptionKey != nil {
		s.keyWhere = "the configured encryption key"
		return s.useKey(opts.EncryptionKey)
	}

	file := opts.KeyFile
	if file == "" {
		var err error
		if file, err = DefaultKeyFile(); err != nil {
			return fmt.Errorf("%s: %w", s.Describe(), err)
		}
	}
	s.keyWhere = "the one in key file " + file
	key, err := readKeyFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		if st.needsKnownKey() {
			return &keyError{kind: ErrKeyNotFound, msg: fmt.Sprintf("the %s holds client "+
				"secrets encrypted with a key that was not found: no encryption key is "+
				"configured and the key file %s does not exist. Restore that file, or "+
				"configure the key the store was created with; a new key cannot read "+
				"the stored secrets", s.Describe(), file)}
		}
		key, err = createKeyFile(file)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", s.Describe(), err)
	}
	return s.useKey(key)
}

func (s *Store) useKey(key []byte) error {
	sealer, err := sealing.New(key)
	if err != nil {
		return fmt.Errorf("%s: %w", s.Describe(), err)
	}
	s.sealer = sealer
	return nil
}

// wrongKey is the error for a key that does not open the key check.
func (s *Store) wrongKey() error {
	return &keyError{kind: ErrWrongKey, msg: fmt.Sprintf("the %s was encrypted with a "+
		"different key than %s; use the key it was created with", s.Describe(), s.keyWhere)}
}

// readKeyFile reads the key in the file at path, first taking group and
// other permissions off the file, as Open does for the store.
func readKeyFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("cannot read the key file: %w", err)
	}
	if perm := fi.Mode().Perm(); runtime.GOOS != "windows" && perm&0o077 != 0 {
		if err := os.Chmod(path, perm&^0o077); err != nil {
			return nil, fmt.Errorf("the key file %s can be read by other users (mode %04o) and "+
				"could not be made private: %w. Run chmod 600 on it", path, perm, err)
		}
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the key file: %w", err)
	}
	key, err := ParseKey(string(text))
	if err != nil {
		return nil, fmt.Errorf("the key file %s does not hold a valid key: %w", path, err)
	}
	return key, nil
}

// createKeyFile writes a new random key to path, owner-only, creating its
// folder owner-only if missing. The key is written to a temporary file and
// linked into place, which fails when path exists: two processes opening
// new stores at once then agree on the key of whichever linked first, and
// neither ever reads a half-written file.
func createKeyFile(path string) ([]byte, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the folder of the key file %s: %w", path, err)
	}
	key := newKey()
	tmp, err := os.CreateTemp(dir, ".embedded-store-key-*") // Created 0600.
	if err != nil {
		return nil, fmt.Errorf("cannot create the key file %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(formatKey(key) + "\n")
	if err == nil {
		// The key must outlive a crash that the secrets sealed with it survive.
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("cannot write the key file %s: %w", path, err)
	}

	err = os.Link(tmp.Name(), path)
	if errors.Is(err, fs.ErrExist) {
		return readKeyFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot create the key file %s: %w", path, err)
	}
	syncDir(dir)
	return key, nil
}

// syncDir makes a new entry in dir durable where the system allows it.
// Failing that is not an error: most file systems keep the entry anyway.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
