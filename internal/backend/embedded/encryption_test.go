// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// storeBytes returns the bytes of the database file and its -wal file, as
// someone who copies or commits them would have them.
func storeBytes(t *testing.T, path string) (db, wal []byte) {
	t.Helper()
	db, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wal, err = os.ReadFile(path + "-wal")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return db, wal
}

// wantNotStored fails the test if any of secrets is in the store's files.
func wantNotStored(t *testing.T, when, path string, secrets ...string) {
	t.Helper()
	db, wal := storeBytes(t, path)
	for _, secret := range secrets {
		if bytes.Contains(db, []byte(secret)) {
			t.Errorf("%s: the database file holds %q", when, secret)
		}
		if bytes.Contains(wal, []byte(secret)) {
			t.Errorf("%s: the -wal file holds %q", when, secret)
		}
	}
}

func writeKeyFile(t *testing.T, path string, key []byte) {
	t.Helper()
	writeFile(t, path, []byte(formatKey(key)+"\n"))
}

func mustSecret(t *testing.T, s *Store, id string) string {
	t.Helper()
	secret, err := s.ProfileSecret(context.Background(), id)
	if err != nil {
		t.Fatalf("ProfileSecret(%s): %v", id, err)
	}
	return secret
}

func TestSecretsAreNotInTheFiles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lever.db")
	s := openStore(t, path, 0)
	secrets := []string{"first-secret-7Qm2", "rotated-secret-9Xw4", "deleted-secret-3Kd8"}

	in := profileInput("kept-profile")
	in.ClientSecret = secrets[0]
	p, err := s.CreateProfile(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	p = mustUpdate(t, s, p, backend.ProfileChange{ClientSecret: &secrets[1]})
	in = profileInput("deleted-profile")
	in.ClientSecret = secrets[2]
	gone, err := s.CreateProfile(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteProfile(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}

	// The writes are in the log, next to the names they were made with.
	if _, wal := storeBytes(t, path); !bytes.Contains(wal, []byte("kept-profile")) {
		t.Fatal("the -wal file does not hold the profile's name; the check below would prove nothing")
	}
	wantNotStored(t, "after the writes", path, secrets...)

	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(FULL)`); err != nil {
		t.Fatal(err)
	}
	if db, _ := storeBytes(t, path); !bytes.Contains(db, []byte("kept-profile")) {
		t.Fatal("the checkpoint did not reach the database file")
	}
	wantNotStored(t, "after a checkpoint", path, secrets...)

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wantNotStored(t, "after closing", path, secrets...)
	if got := mustSecret(t, openStore(t, path, 0), p.ID); got != secrets[1] {
		t.Errorf("ProfileSecret after reopening = %q, want %q", got, secrets[1])
	}
}

func TestProfileSecret(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, filepath.Join(t.TempDir(), "lever.db"), 0)
	long := strings.Repeat("x", 4096)
	for _, secret := range []string{"plain", "", "ünïcødé ✓ with spaces", long} {
		in := profileInput(fmt.Sprintf("p%d", len(secret)))
		in.ClientSecret = secret
		p, err := s.CreateProfile(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := mustSecret(t, s, p.ID); got != secret {
			t.Errorf("ProfileSecret = %q, want %q", got, secret)
		}
	}

	p := mustCreate(t, s, "rotating")
	p = mustUpdate(t, s, p, backend.ProfileChange{ClientSecret: ptr("rotated")})
	if got := mustSecret(t, s, p.ID); got != "rotated" {
		t.Errorf("ProfileSecret after rotation = %q, want rotated", got)
	}

	_, err := s.ProfileSecret(ctx, "lcp_missing")
	if !errors.Is(err, backend.ErrNotFound) {
		t.Errorf("ProfileSecret of a missing profile: %v, want backend.ErrNotFound", err)
	}
}

func TestSecretMovedToAnotherProfileFails(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lever.db")
	s := openStore(t, path, 0)
	a, b := mustCreate(t, s, "a"), mustCreate(t, s, "b")

	// Someone with the file but not the key gives b the secret of a.
	_, err := openPlain(t, path).Exec(`UPDATE profiles
		SET client_secret = (SELECT client_secret FROM profiles WHERE id = ?) WHERE id = ?`,
		a.ID, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.ProfileSecret(ctx, b.ID)
	if err == nil {
		t.Fatal("ProfileSecret of the moved secret succeeded")
	}
	if msg := err.Error(); !strings.Contains(msg, b.ID) || !strings.Contains(msg, "copied") ||
		strings.Contains(msg, "secret-a") {
		t.Errorf("error = %q, want one naming %s and the cause, without the secret", msg, b.ID)
	}
	if got := mustSecret(t, s, a.ID); got != "secret-a" {
		t.Errorf("ProfileSecret of the original = %q, want secret-a", got)
	}

	// An altered ciphertext fails the same way.
	_, err = openPlain(t, path).Exec(`UPDATE profiles
		SET client_secret = substr(client_secret, 1, 10) || 'AAAA' || substr(client_secret, 15)
		WHERE id = ?`, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ProfileSecret(ctx, a.ID); err == nil {
		t.Error("ProfileSecret of an altered secret succeeded")
	}
}

func TestOpenWithWrongKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	path := filepath.Join(t.TempDir(), "store", "lever.db")
	right := filepath.Join(dir, "right.key")
	s := openWith(t, Options{Path: path, KeyFile: right})
	p := mustCreate(t, s, "guarded")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wrongKey := newKey()
	wrong := filepath.Join(dir, "wrong.key")
	writeKeyFile(t, wrong, wrongKey)
	before := folderState(t, dir)
	storeBefore := folderState(t, filepath.Dir(path))

	for _, tc := range []struct {
		name  string
		opts  Options
		which string
	}{
		{"key file", Options{Path: path, KeyFile: wrong}, "the one in key file " + wrong},
		{"configured key", Options{Path: path, EncryptionKey: wrongKey, KeyFile: right},
			"the configured encryption key"},
	} {
		s, err := Open(context.Background(), tc.opts)
		if err == nil {
			_ = s.Close()
			t.Fatalf("%s: Open with the wrong key succeeded", tc.name)
		}
		want := fmt.Sprintf("the embedded store at %s was encrypted with a different key than "+
			"%s; use the key it was created with", path, tc.which)
		if err.Error() != want {
			t.Errorf("%s: error = %q\nwant %q", tc.name, err, want)
		}
		if !errors.Is(err, ErrWrongKey) {
			t.Errorf("%s: error %v does not match ErrWrongKey", tc.name, err)
		}
		if strings.Contains(err.Error(), formatKey(wrongKey)) {
			t.Errorf("%s: error shows the key", tc.name)
		}
	}
	for what, state := range map[string][2]map[string]string{
		"key files": {before, folderState(t, dir)},
		"store":     {storeBefore, folderState(t, filepath.Dir(path))},
	} {
		if fmt.Sprint(state[0]) != fmt.Sprint(state[1]) {
			t.Errorf("the %s changed:\nbefore %v\nafter  %v", what, state[0], state[1])
		}
	}

	rightKey, err := readKeyFile(right)
	if err != nil {
		t.Fatal(err)
	}
	s = openWith(t, Options{Path: path, EncryptionKey: rightKey})
	if got := mustSecret(t, s, p.ID); got != "secret-guarded" {
		t.Errorf("ProfileSecret with the right key given = %q", got)
	}
}

func TestKeyFileCreatedPrivate(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "config", "terraform-provider-lever", "embedded-store.key")
	path := filepath.Join(dir, "lever.db")
	s := openWith(t, Options{Path: path, KeyFile: keyFile})
	p := mustCreate(t, s, "one")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	text, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatalf("the key file was not created: %v", err)
	}
	if _, err := ParseKey(string(text)); err != nil {
		t.Errorf("the key file does not hold a key: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(keyFile)); len(entries) != 1 {
		t.Errorf("the key folder holds %d entries, want only the key file", len(entries))
	}
	if runtime.GOOS != "windows" {
		for _, f := range []struct {
			path string
			want os.FileMode
		}{
			{filepath.Dir(filepath.Dir(keyFile)), 0o700 | os.ModeDir},
			{filepath.Dir(keyFile), 0o700 | os.ModeDir},
			{keyFile, 0o600},
		} {
			if fi, err := os.Stat(f.path); err != nil || fi.Mode() != f.want {
				t.Errorf("%s: mode %v, %v; want %v", f.path, fi.Mode(), err, f.want)
			}
		}
	}

	// Reopening reads the same key and leaves the file as it was.
	s = openWith(t, Options{Path: path, KeyFile: keyFile})
	if got := mustSecret(t, s, p.ID); got != "secret-one" {
		t.Errorf("ProfileSecret after reopening = %q", got)
	}
	if again, _ := os.ReadFile(keyFile); !bytes.Equal(again, text) {
		t.Error("reopening the store changed the key file")
	}
}

func TestDefaultKeyFile(t *testing.T) {
	config := t.TempDir()
	for _, name := range []string{"HOME", "XDG_CONFIG_HOME", "AppData"} {
		t.Setenv(name, config)
	}
	want, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}
	want = filepath.Join(want, "terraform-provider-lever", "embedded-store.key")
	if got, err := DefaultKeyFile(); err != nil || got != want {
		t.Fatalf("DefaultKeyFile() = %q, %v; want %q", got, err, want)
	}

	// Neither a key nor a key file given: the key goes to the default file.
	path := filepath.Join(t.TempDir(), "lever.db")
	p := mustCreate(t, openWith(t, Options{Path: path}), "defaulted")
	if _, err := readKeyFile(want); err != nil {
		t.Fatalf("no key in the default key file: %v", err)
	}
	s := openWith(t, Options{Path: path, KeyFile: want})
	if got := mustSecret(t, s, p.ID); got != "secret-defaulted" {
		t.Errorf("ProfileSecret = %q", got)
	}
}

func TestMissingKeyFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		fill func(t *testing.T, s *Store)
	}{
		{"store with secrets", func(t *testing.T, s *Store) { mustCreate(t, s, "one") }},
		// Once a store has a key, it keeps it, even with no secret left.
		{"store whose secrets were deleted", func(t *testing.T, s *Store) {
			p := mustCreate(t, s, "one")
			if err := s.DeleteProfile(context.Background(), p.ID); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "lever.db")
			keyFile := filepath.Join(dir, "keys", "embedded-store.key")
			s := openWith(t, Options{Path: path, KeyFile: keyFile})
			tc.fill(t, s)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(keyFile); err != nil {
				t.Fatal(err)
			}

			s, err := Open(context.Background(), Options{Path: path, KeyFile: keyFile})
			if err == nil {
				_ = s.Close()
				t.Fatal("Open without the store's key succeeded")
			}
			if !errors.Is(err, ErrKeyNotFound) || !strings.Contains(err.Error(), keyFile) ||
				!strings.Contains(err.Error(), path) {
				t.Errorf("error = %q, want ErrKeyNotFound naming the store and %s", err, keyFile)
			}
			if _, err := os.Stat(keyFile); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Open created a key file for a store that has a key: %v", err)
			}
		})
	}
}

func TestConfiguredKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lever.db")
	keyFile := filepath.Join(dir, "unused.key")
	key := newKey()
	p := mustCreate(t, openWith(t, Options{Path: path, EncryptionKey: key, KeyFile: keyFile}), "one")
	if _, err := os.Stat(keyFile); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a key file was written although a key was configured: %v", err)
	}
	s := openWith(t, Options{Path: path, EncryptionKey: key})
	if got := mustSecret(t, s, p.ID); got != "secret-one" {
		t.Errorf("ProfileSecret = %q", got)
	}

	// The store was made with the configured key; without it, none is made up.
	_, err := Open(context.Background(), Options{Path: path, KeyFile: keyFile})
	if !errors.Is(err, ErrKeyNotFound) {
		t.Errorf("Open without the configured key: %v, want ErrKeyNotFound", err)
	}

	_, err = Open(context.Background(), Options{Path: path, EncryptionKey: key[:16]})
	if err == nil || !strings.Contains(err.Error(), "16 bytes long") {
		t.Errorf("Open with a 16-byte key: %v, want an error about its length", err)
	}
}

func TestKeyFileProblems(t *testing.T) {
	const planted = "c2VjcmV0LWJ1dC1ub3QtYS1rZXk="
	for _, tc := range []struct {
		name     string
		contents string
		want     string
	}{
		{"not base64", "correct horse battery staple " + planted + "!", "not valid base64"},
		{"too short", planted, "20 bytes long"},
		{"empty", "\n", "empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			keyFile := filepath.Join(dir, "bad.key")
			writeFile(t, keyFile, []byte(tc.contents))
			s, err := Open(context.Background(),
				Options{Path: filepath.Join(dir, "lever.db"), KeyFile: keyFile})
			if err == nil {
				_ = s.Close()
				t.Fatal("Open with a bad key file succeeded")
			}
			msg := err.Error()
			if !strings.Contains(msg, keyFile) || !strings.Contains(msg, tc.want) ||
				strings.Contains(msg, planted) {
				t.Errorf("error = %q, want one naming the file and %q, without its text", msg, tc.want)
			}
			if b, _ := os.ReadFile(keyFile); string(b) != tc.contents {
				t.Error("Open changed the bad key file")
			}
		})
	}
}

func TestKeyFileMadePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix file modes")
	}
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "shared.key")
	writeKeyFile(t, keyFile, newKey())
	if err := os.Chmod(keyFile, 0o644); err != nil {
		t.Fatal(err)
	}
	openWith(t, Options{Path: filepath.Join(dir, "lever.db"), KeyFile: keyFile})
	if fi, err := os.Stat(keyFile); err != nil || fi.Mode() != 0o600 {
		t.Errorf("key file: mode %v, %v; want 0600", fi.Mode(), err)
	}
}

// TestNewStoresShareANewKeyFile opens new stores at once, in one process
// as the provider's parallel tests might, with one missing key file: all of
// them must end up with the key that was written.
func TestNewStoresShareANewKeyFile(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "keys", "embedded-store.key")
	const stores = 8
	var wg sync.WaitGroup
	errs := make([]error, stores)
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := filepath.Join(dir, fmt.Sprintf("store-%d.db", i))
			s, err := Open(context.Background(), Options{Path: path, KeyFile: keyFile})
			if err == nil {
				errs[i] = s.Close()
			}
			errs[i] = errors.Join(err, errs[i])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}

	for i := range stores {
		openWith(t, Options{Path: filepath.Join(dir, fmt.Sprintf("store-%d.db", i)), KeyFile: keyFile})
	}
	if entries, _ := os.ReadDir(filepath.Dir(keyFile)); len(entries) != 1 {
		t.Errorf("the key folder holds %d entries, want only the key file", len(entries))
	}
}

func TestParseKey(t *testing.T) {
	key := bytes.Repeat([]byte{0xfb}, KeySize)
	text := base64.StdEncoding.EncodeToString(key)
	for _, tc := range []struct {
		name, text, want string
	}{
		{"key", text, ""},
		{"key with a newline", text + "\n", ""},
		{"key in spaces", "  " + text + "\t", ""},
		{"empty", "", "is empty"},
		{"blank", " \n", "is empty"},
		{"URL alphabet", base64.URLEncoding.EncodeToString(key), "not valid base64"},
		{"no padding", base64.RawStdEncoding.EncodeToString(key), "not valid base64"},
		{"hex", fmt.Sprintf("%x", key), "is 48 bytes long"},
		{"16 bytes", base64.StdEncoding.EncodeToString(key[:16]), "is 16 bytes long"},
		{"33 bytes", base64.StdEncoding.EncodeToString(append(key, 1)), "is 33 bytes long"},
	} {
		got, err := ParseKey(tc.text)
		switch {
		case tc.want == "" && (err != nil || !bytes.Equal(got, key)):
			t.Errorf("%s: ParseKey = %x, %v; want the key", tc.name, got, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: ParseKey error = %v, want one saying %q", tc.name, err, tc.want)
		case err != nil && strings.TrimSpace(tc.text) != "" &&
			strings.Contains(err.Error(), strings.TrimSpace(tc.text)):
			t.Errorf("%s: ParseKey error %q repeats the text", tc.name, err)
		}
	}
}

// FuzzParseKey checks that ParseKey accepts only 32-byte keys and that its
// errors are built from fixed words and a length, never from the text.
func FuzzParseKey(f *testing.F) {
	for _, seed := range []string{"", " ", formatKey(newKey()), "abc", "a2V5", "!!!!", "x=\n"} {
		f.Add(seed)
	}
	digits := regexp.MustCompile(`\d+ bytes`)
	known := map[string]bool{}
	for _, text := range []string{"", "!", "AAAA"} {
		_, err := ParseKey(text)
		known[digits.ReplaceAllString(err.Error(), "N bytes")] = true
	}
	f.Fuzz(func(t *testing.T, text string) {
		key, err := ParseKey(text)
		if err == nil {
			if len(key) != KeySize {
				t.Fatalf("ParseKey accepted a %d-byte key", len(key))
			}
			return
		}
		if msg := digits.ReplaceAllString(err.Error(), "N bytes"); !known[msg] {
			t.Fatalf("ParseKey error %q is not one of the fixed messages", err)
		}
	})
}

// makeSchema1Store leaves at path a store as the provider wrote it before
// secrets were encrypted, through setup (makeDB or makeUnfinishedWAL),
// with a secret rotated and a profile deleted along the way, and returns
// the ids and secrets of the profiles it holds.
func makeSchema1Store(t *testing.T, path string,
	setup func(t *testing.T, path string, stmts ...string),
) map[string]string {
	t.Helper()
	live := map[string]string{
		"lcp_legacyaaaaaaaaaaaaaaaaaaaaaaa": "legacy-current-secret-1",
		"lcp_legacybbbbbbbbbbbbbbbbbbbbbbb": "legacy-current-secret-2",
	}
	insert := func(id, name, secret string) string {
		return fmt.Sprintf(`INSERT INTO profiles (id, name, environment, description, client_id,
			client_secret, secret_fingerprint, callback_url, logo_url, scopes, actions, version,
			created_at, updated_at) VALUES ('%s', '%s', 'sandbox', '', 'client', '%s', '%s',
			'https://example.com/cb', '', NULL, '["sync"]', 3, '2024-01-02T03:04:05Z',
			'2024-01-02T03:04:05Z')`, id, name, secret, backend.Fingerprint(secret))
	}
	stmts := append([]string{}, migrations[0]...)
	stmts = append(stmts,
		insert("lcp_legacyaaaaaaaaaaaaaaaaaaaaaaa", "a", "legacy-old-secret-1"),
		insert("lcp_legacybbbbbbbbbbbbbbbbbbbbbbb", "b", live["lcp_legacybbbbbbbbbbbbbbbbbbbbbbb"]),
		insert("lcp_legacyccccccccccccccccccccccc", "c", "legacy-deleted-secret-3"),
		`UPDATE profiles SET client_secret = 'legacy-current-secret-1',
			secret_fingerprint = '`+backend.Fingerprint("legacy-current-secret-1")+`'
			WHERE id = 'lcp_legacyaaaaaaaaaaaaaaaaaaaaaaa'`,
		`DELETE FROM profiles WHERE id = 'lcp_legacyccccccccccccccccccccccc'`,
		`PRAGMA user_version = 1`,
	)
	setup(t, path, stmts...)
	return live
}

func TestSchema1StoreIsEncryptedOnOpen(t *testing.T) {
	old := []string{"legacy-old-secret-1", "legacy-deleted-secret-3"}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, path string, stmts ...string)
	}{
		{"file", makeDB},
		{"log left by a killed provider", makeUnfinishedWAL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "lever.db")
			live := makeSchema1Store(t, path, tc.setup)
			db, wal := storeBytes(t, path)
			if all := append(db, wal...); !bytes.Contains(all, []byte(old[0])) ||
				!bytes.Contains(all, []byte(old[1])) {
				t.Fatal("the old store holds no trace of its earlier secrets; " +
					"the check below would prove nothing")
			}

			s := openStore(t, path, 0)
			var secrets []string
			for id, secret := range live {
				secrets = append(secrets, secret)
				if got := mustSecret(t, s, id); got != secret {
					t.Errorf("ProfileSecret(%s) = %q, want %q", id, got, secret)
				}
				p, err := s.GetProfile(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if p.Version != 3 || !backend.FingerprintMatches(p.SecretFingerprint, secret) ||
					!p.Enabled || p.Default || p.SecretVersion != 0 {
					t.Errorf("profile %s after the upgrade: %+v", id, p)
				}
			}
			var plain, pending int
			err := s.db.QueryRow(`SELECT
				(SELECT count(*) FROM profiles WHERE secret_format != ?),
				(SELECT count(*) FROM meta WHERE name = ?)`,
				secretSealedV1, metaPurgePending).Scan(&plain, &pending)
			if err != nil {
				t.Fatal(err)
			}
			if plain != 0 || pending != 0 {
				t.Errorf("%d profiles unsealed, purge pending %d; want none", plain, pending)
			}
			wantNotStored(t, "after the upgrade", path, append(secrets, old...)...)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			wantNotStored(t, "after closing", path, append(secrets, old...)...)
		})
	}
}

// TestPlaintextRowIsSealedOnOpen covers a row written by a provider from
// before encryption that was still running when a newer one upgraded the
// store.
func TestPlaintextRowIsSealedOnOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lever.db")
	p := mustCreate(t, openStore(t, path, 0), "sealed")
	_, err := openPlain(t, path).Exec(`UPDATE profiles SET client_secret = 'late-plain-secret',
		secret_format = ? WHERE id = ?`, secretPlain, p.ID)
	if err != nil {
		t.Fatal(err)
	}

	s := openStore(t, path, 0)
	if got := mustSecret(t, s, p.ID); got != "late-plain-secret" {
		t.Errorf("ProfileSecret = %q", got)
	}
	var format int
	if err := s.db.QueryRow(`SELECT secret_format FROM profiles WHERE id = ?`, p.ID).
		Scan(&format); err != nil || format != secretSealedV1 {
		t.Errorf("secret_format = %d, %v; want %d", format, err, secretSealedV1)
	}
}

// TestDefaultIndexBacksTheCheck writes past the check for a default, as a
// slip in the code would: the index refuses, and the error is still typed.
func TestDefaultIndexBacksTheCheck(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, filepath.Join(t.TempDir(), "lever.db"), 0)
	in := profileInput("first")
	in.Default = true
	first, err := s.CreateProfile(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	second := mustCreate(t, s, "second")

	want := backend.DefaultTakenError{
		Environment: "sandbox", ExistingID: first.ID, ExistingName: "first",
	}
	r := profileRow{Profile: backend.Profile{
		ID: backend.NewID(backend.ProfileIDPrefix), Name: "third", Environment: "sandbox", Default: true,
		Version: 1, CreatedAt: now(), UpdatedAt: now(),
	}}
	writes := map[string]func(tx *sql.Tx) error{
		"insert": func(tx *sql.Tx) error { return s.insertProfile(ctx, tx, r) },
		"update": func(tx *sql.Tx) error {
			old, err := s.loadProfile(ctx, tx, second.ID)
			if err != nil {
				return err
			}
			changed := old
			changed.Default, changed.Version = true, old.Version+1
			return s.rewriteProfile(ctx, tx, changed, old.Version)
		},
	}
	for name, write := range writes {
		err := s.write(ctx, "writing past the check", write)
		var dt *backend.DefaultTakenError
		if !errors.As(err, &dt) || *dt != want {
			t.Errorf("%s: error = %v, want %+v", name, err, want)
		}
	}
}

func mustUpdate(t *testing.T, s *Store, p backend.Profile, ch backend.ProfileChange) backend.Profile {
	t.Helper()
	got, err := s.UpdateProfile(context.Background(), p.ID, p.Version, ch)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func ptr[T any](v T) *T { return &v }
