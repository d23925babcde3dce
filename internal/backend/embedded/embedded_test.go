// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/backendtest"
)

func TestConformance(t *testing.T) {
	backendtest.Run(t, func(t *testing.T) backend.Backend {
		// openStore keeps the key file in a temporary folder too.
		return openStore(t, filepath.Join(t.TempDir(), "lever.db"), 0)
	})
}

// testOptions are the options of a test's store at path, with its key file
// beside the store's folder: inside the test's temporary folder, so that
// no test touches the user's config folder, yet outside the store's own
// folder, which some tests list. Every store of one folder, in this process
// or a child, shares the key file.
func testOptions(t testing.TB, path string) Options {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Path: path, KeyFile: filepath.Dir(abs) + ".key"}
}

// openStore opens a store for the test, failing it on error. The caller
// closes the store, or leaves that to the cleanup registered here.
func openStore(t testing.TB, path string, lockTimeout time.Duration) *Store {
	t.Helper()
	opts := testOptions(t, path)
	opts.LockTimeout = lockTimeout
	return openWith(t, opts)
}

func openWith(t testing.TB, opts Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", opts.Path, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// openPlain opens the file with the driver alone, as another program would.
func openPlain(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatalf("sql.Open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func profileInput(name string) backend.ProfileInput {
	return backend.ProfileInput{
		Name:         name,
		Environment:  "sandbox",
		ClientID:     "client-" + name,
		ClientSecret: "secret-" + name,
		CallbackURL:  "https://example.com/callback",
		Enabled:      true,
	}
}

func mustCreate(t testing.TB, s *Store, name string) backend.Profile {
	t.Helper()
	p, err := s.CreateProfile(context.Background(), profileInput(name))
	if err != nil {
		t.Fatalf("CreateProfile(%s): %v", name, err)
	}
	return p
}

func TestOpenCreatesPrivateFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix file modes")
	}
	dir := filepath.Join(t.TempDir(), "state", "lever")
	path := filepath.Join(dir, "lever.db")
	s := openStore(t, path, 0)
	mustCreate(t, s, "one") // Makes sure the -wal file has been written to.

	for _, f := range []struct {
		path string
		want os.FileMode
	}{
		{dir, 0o700 | os.ModeDir},
		{path, 0o600},
		{path + "-wal", 0o600},
		{path + "-shm", 0o600},
	} {
		fi, err := os.Stat(f.path)
		if err != nil {
			t.Errorf("stat: %v", err)
			continue
		}
		if fi.Mode() != f.want {
			t.Errorf("%s has mode %v, want %v", f.path, fi.Mode(), f.want)
		}
	}
}

func TestOpenConfiguresConnections(t *testing.T) {
	for _, tc := range []struct {
		timeout time.Duration
		wantMS  int
	}{
		{0, 10000},
		{1500 * time.Millisecond, 1500},
	} {
		s := openStore(t, filepath.Join(t.TempDir(), "lever.db"), tc.timeout)
		ctx := context.Background()
		// Pin several connections at once, so the settings are seen to hold
		// on each new one and not only on the first.
		var conns []*sql.Conn
		for range 3 {
			c, err := s.db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for i, c := range conns {
			for _, p := range []struct {
				pragma string
				want   string
			}{
				{"journal_mode", "wal"},
				{"synchronous", "2"}, // FULL
				{"foreign_keys", "1"},
				{"secure_delete", "1"},
				{"busy_timeout", fmt.Sprint(tc.wantMS)},
			} {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil {
					t.Fatalf("PRAGMA %s: %v", p.pragma, err)
				}
				if got != p.want {
					t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, p.pragma, got, p.want)
				}
			}
		}
		for _, c := range conns {
			_ = c.Close()
		}
	}
}

func TestOpenPathAndDescribe(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	s := openStore(t, "lever.db", 0)
	// t.TempDir may sit behind a symbolic link; Abs does not resolve those.
	want := filepath.Join(dir, "lever.db")
	if s.Path() != want {
		t.Errorf("Path() = %q, want %q", s.Path(), want)
	}
	if d := s.Describe(); d != "embedded store at "+want {
		t.Errorf("Describe() = %q", d)
	}

	if _, err := Open(context.Background(), Options{KeyFile: filepath.Join(dir, "key")}); err == nil {
		t.Error("Open without a path succeeded")
	}
}

func TestPathNeedingEscapes(t *testing.T) {
	// The DSN is a URI, so characters that mean something in one must reach
	// SQLite escaped, or it would open some other file.
	name := "a b#c%20d"
	if runtime.GOOS != "windows" {
		name += "?e"
	}
	path := filepath.Join(t.TempDir(), name, "lever.db")
	s := openStore(t, path, 0)
	p := mustCreate(t, s, "escaped")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "lever.db" {
		t.Errorf("folder holds %q, want only lever.db (the WAL is gone after Close)", names)
	}
	if _, err := openStore(t, path, 0).GetProfile(context.Background(), p.ID); err != nil {
		t.Errorf("GetProfile after reopening: %v", err)
	}
}

func TestIDs(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "lever.db"), 0)
	p := mustCreate(t, s, "one")
	ss, err := s.CreateScopeSet(context.Background(), backend.ScopeSetInput{Name: "set"})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^lcp_[a-z2-7]{26}$`).MatchString(p.ID) {
		t.Errorf("profile id %q is not lcp_ and 26 base32 characters", p.ID)
	}
	if !regexp.MustCompile(`^lss_[a-z2-7]{26}$`).MatchString(ss.ID) {
		t.Errorf("scope set id %q is not lss_ and 26 base32 characters", ss.ID)
	}
}

func TestStoredForm(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lever.db")
	s := openStore(t, path, 0)
	in := profileInput("stored")
	in.Actions = []string{}
	p, err := s.CreateProfile(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}

	var (
		secret, created            string
		format, enabled, isDefault int
		scopes, actions            sql.NullString
	)
	err = openPlain(t, path).QueryRow(`SELECT client_secret, secret_format, scopes, actions,
		enabled, is_default, created_at FROM profiles WHERE id = ?`, p.ID,
	).Scan(&secret, &format, &scopes, &actions, &enabled, &isDefault, &created)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, sealedV1Prefix) || strings.Contains(secret, in.ClientSecret) ||
		format != secretSealedV1 {
		t.Errorf("client_secret = %q in format %d, want it sealed (v1:...) in format %d",
			secret, format, secretSealedV1)
	}
	if enabled != 1 || isDefault != 0 {
		t.Errorf("enabled = %d, is_default = %d; want 1 and 0", enabled, isDefault)
	}
	if scopes.Valid {
		t.Errorf("scopes = %q, want NULL for the defaults", scopes.String)
	}
	if !actions.Valid || actions.String != "[]" {
		t.Errorf("actions = %v, want []", actions)
	}
	if want := p.CreatedAt.Format(time.RFC3339Nano); created != want || !strings.HasSuffix(created, "Z") {
		t.Errorf("created_at = %q, want %q in UTC", created, want)
	}
}

func TestSchemaVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lever.db")
	s := openStore(t, path, 0)
	h, err := readHeader(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	if h.appID != applicationID || h.version != schemaVersion || h.version < 1 {
		t.Errorf("header = %+v, want application id %#x and schema %d",
			h, applicationID, schemaVersion)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Opening again runs no migration twice.
	s = openStore(t, path, 0)
	if again, _ := readHeader(context.Background(), s.db); again != h {
		t.Errorf("after reopening, header = %+v, want %+v", again, h)
	}
}

// TestUpgradeToRequestKeys opens a store of schema 2, the last without
// request keys: its profiles and scope sets come out with none, and take
// the keys of later writes.
func TestUpgradeToRequestKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lever.db")
	stmts := append(slices.Concat(migrations[:2]...),
		`INSERT INTO profiles (id, name, environment, description, client_id, client_secret,
			secret_fingerprint, callback_url, logo_url, version, created_at, updated_at)
			VALUES ('lcp_old', 'old', 'sandbox', '', 'client', 'secret', '', '', '', 2,
			'2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z')`,
		`INSERT INTO scope_sets (id, name, description, scopes, version, created_at, updated_at)
			VALUES ('lss_old', 'old', '', '[]', 4, '2025-01-02T03:04:05Z',
			'2025-01-02T03:04:05Z')`,
		`PRAGMA user_version = 2`)
	makeDB(t, path, stmts...)

	s := openStore(t, path, 0)
	p, err := s.GetProfile(ctx, "lcp_old")
	if err != nil || p.RequestKey != "" || p.Version != 2 {
		t.Fatalf("GetProfile after the upgrade = %+v, %v; want version 2 and no key", p, err)
	}
	ss, err := s.GetScopeSet(ctx, "lss_old")
	if err != nil || ss.RequestKey != "" || ss.Version != 4 {
		t.Fatalf("GetScopeSet after the upgrade = %+v, %v; want version 4 and no key", ss, err)
	}
	p, err = s.UpdateProfile(ctx, p.ID, p.Version,
		backend.ProfileChange{Description: ptr("new"), RequestKey: "k1"})
	if err != nil || p.RequestKey != "k1" {
		t.Errorf("UpdateProfile = %+v, %v; want RequestKey k1", p, err)
	}
	ss, err = s.UpdateScopeSet(ctx, ss.ID, ss.Version,
		backend.ScopeSetChange{Description: ptr("new"), RequestKey: "k2"})
	if err != nil || ss.RequestKey != "k2" {
		t.Errorf("UpdateScopeSet = %+v, %v; want RequestKey k2", ss, err)
	}
}

func TestApplicationID(t *testing.T) {
	b := []byte{applicationID >> 24, applicationID >> 16 & 0xff, applicationID >> 8 & 0xff,
		applicationID & 0xff}
	if string(b) != "LVER" {
		t.Errorf("applicationID spells %q, want LVER", b)
	}
	if want := fmt.Sprintf("PRAGMA application_id = %d", applicationID); migrations[0][0] != want {
		t.Errorf("the first migration starts with %q, want %q", migrations[0][0], want)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lever.db")
	if err := openStore(t, path, 0).Close(); err != nil {
		t.Fatal(err)
	}
	newer := schemaVersion + 1
	if _, err := openPlain(t, path).Exec(fmt.Sprintf("PRAGMA user_version = %d", newer)); err != nil {
		t.Fatal(err)
	}

	s, err := Open(context.Background(), testOptions(t, path))
	if err == nil {
		_ = s.Close()
		t.Fatal("Open of a store from a newer provider succeeded")
	}
	want := fmt.Sprintf("embedded store at %s was written by a newer version of the provider "+
		"(schema %d, this provider knows %d); upgrade the provider", path, newer, schemaVersion)
	if err.Error() != want {
		t.Errorf("error = %q\nwant %q", err, want)
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lever.db")
	s := openStore(t, path, 0)
	p := mustCreate(t, s, "durable")
	ss, err := s.CreateScopeSet(ctx, backend.ScopeSetInput{Name: "set", Scopes: []string{"a"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openStore(t, path, 0)
	got, err := s.GetProfile(ctx, p.ID)
	if err != nil {
		t.Fatalf("GetProfile after reopening: %v", err)
	}
	if got.Name != p.Name || got.Version != p.Version || !got.UpdatedAt.Equal(p.UpdatedAt) {
		t.Errorf("after reopening got %+v, want %+v", got, p)
	}
	if _, err := s.GetScopeSet(ctx, ss.ID); err != nil {
		t.Errorf("GetScopeSet after reopening: %v", err)
	}
}

func TestTwoStoresOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lever.db")
	stores := []*Store{openStore(t, path, 0), openStore(t, path, 0)}

	const perWorker = 10
	var wg sync.WaitGroup
	errs := make(chan error, 2*4*perWorker)
	for si, s := range stores {
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range perWorker {
					name := fmt.Sprintf("s%d-w%d-%d", si, w, i)
					p, err := s.CreateProfile(ctx, profileInput(name))
					if err == nil {
						_, err = s.UpdateProfile(ctx, p.ID, p.Version,
							backend.ProfileChange{Description: &name})
					}
					if err != nil {
						errs <- fmt.Errorf("%s: %w", name, err)
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	for i, s := range stores {
		list, err := s.ListProfiles(ctx, backend.ProfileFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2*4*perWorker {
			t.Errorf("store %d lists %d profiles, want %d", i, len(list), 2*4*perWorker)
		}
		for _, p := range list {
			if p.Version != 2 || p.Description != p.Name {
				t.Errorf("store %d: profile %s at version %d with description %q",
					i, p.Name, p.Version, p.Description)
			}
		}
	}
}

// helperEnv, when set, turns TestTwoProcesses into the child that writes
// to the store at the path it names.
const helperEnv = "LEVER_EMBEDDED_TEST_CHILD"

func TestTwoProcesses(t *testing.T) {
	const perProcess = 15
	if path := os.Getenv(helperEnv); path != "" {
		s := openStore(t, path, 0)
		prefix := os.Getenv(helperEnv + "_PREFIX")
		for i := range perProcess {
			mustCreate(t, s, fmt.Sprintf("%s-%d", prefix, i))
		}
		return
	}
	if testing.Short() {
		t.Skip("starts child processes")
	}

	path := filepath.Join(t.TempDir(), "lever.db")
	s := openStore(t, path, 0) // Creates the schema before the children race.
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for _, prefix := range []string{"child-a", "child-b"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestTwoProcesses$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperEnv+"="+path, helperEnv+"_PREFIX="+prefix)
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	for i := range perProcess {
		mustCreate(t, s, fmt.Sprintf("parent-%d", i))
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child %d: %v\n%s", i, err, outs[i])
		}
	}

	list, err := s.ListProfiles(context.Background(), backend.ProfileFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3*perProcess {
		t.Errorf("ListProfiles returned %d profiles, want %d", len(list), 3*perProcess)
	}
}

func TestBusy(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lever.db")
	seed := openStore(t, path, 0)
	before := mustCreate(t, seed, "before")
	if err := seed.Close(); err != nil {
		t.Fatal(err)
	}

	// Another program takes the write lock and keeps it.
	holder, err := openPlain(t, path).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	const timeout = 300 * time.Millisecond
	s := openStore(t, path, timeout) // An up-to-date store opens without the lock.
	start := time.Now()
	_, err = s.CreateProfile(ctx, profileInput("during"))
	waited := time.Since(start)
	var busy *backend.BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("CreateProfile under another writer's lock: %v, want a *backend.BusyError", err)
	}
	if busy.Timeout != timeout || !strings.Contains(busy.Error(), path) {
		t.Errorf("BusyError = %q with timeout %v, want the path and %v", busy, busy.Timeout, timeout)
	}
	if waited < timeout*9/10 {
		t.Errorf("CreateProfile gave up after %v, before the lock timeout %v", waited, timeout)
	}
	// In WAL mode readers do not wait for the writer.
	if _, err := s.GetProfile(ctx, before.ID); err != nil {
		t.Errorf("GetProfile while locked: %v", err)
	}
	_, err = s.UpdateProfile(ctx, before.ID, before.Version, backend.ProfileChange{Name: new(string)})
	if !errors.As(err, &busy) {
		t.Errorf("UpdateProfile under another writer's lock: %v, want a *backend.BusyError", err)
	}

	if _, err := holder.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.GetProfile(ctx, before.ID); err != nil || got.Name != "before" {
		t.Errorf("after the lock: GetProfile = %+v, %v", got, err)
	}
	mustCreate(t, s, "after")
	if list, _ := s.ListProfiles(ctx, backend.ProfileFilter{}); len(list) != 2 {
		t.Errorf("ListProfiles returned %d profiles, want 2", len(list))
	}
}

func TestLockWaitEndsWithContext(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lever.db")
	s := openStore(t, path, 0)
	holder, err := openPlain(t, path).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	// A caller that stops waiting (Terraform cancelled, say) learns that,
	// not that the store was busy for the full lock timeout.
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err = s.CreateProfile(short, profileInput("impatient"))
	var busy *backend.BusyError
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &busy) {
		t.Errorf("CreateProfile with an expiring context: %v, want context.DeadlineExceeded", err)
	}
}

func TestBusyAtOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lever.db")
	// A new, empty database in rollback-journal mode, locked by its writer:
	// switching it to WAL needs the lock. SQLite fails that switch at once
	// rather than wait (waiting could deadlock), so this checks the mapping
	// of the error, not the wait.
	holder, err := openPlain(t, path).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	opts := testOptions(t, path)
	opts.LockTimeout = 200 * time.Millisecond
	s, err := Open(ctx, opts)
	if err == nil {
		_ = s.Close()
		t.Fatal("Open succeeded while another writer held the lock")
	}
	var busy *backend.BusyError
	if !errors.As(err, &busy) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open: %v, want a *backend.BusyError naming the path", err)
	}

	if _, err := holder.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, openStore(t, path, 0), "after")
}

// TestQueryPlans checks that every lookup by id or name is an index search,
// so that its cost grows with the logarithm of the store's size, not with
// the size itself. The benchmarks show the same with a clock.
func TestQueryPlans(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "lever.db"), 0)
	for _, q := range []string{
		`SELECT ` + profileColumns + ` FROM profiles WHERE id = 'x'`,
		`SELECT id FROM profiles WHERE environment = 'e' AND name = 'n'`,
		`SELECT ` + profileColumns + ` FROM profiles WHERE name = 'n' ORDER BY id`,
		`SELECT ` + profileColumns + ` FROM profiles WHERE environment = 'e' AND name = 'n' ORDER BY id`,
		`UPDATE profiles SET version = 2 WHERE id = 'x' AND version = 1`,
		`DELETE FROM profiles WHERE id = 'x'`,
		`SELECT id, name FROM profiles WHERE environment = 'e' AND is_default = 1`,
		`SELECT ` + scopeSetColumns + ` FROM scope_sets WHERE id = 'x'`,
		`SELECT id FROM scope_sets WHERE name = 'n'`,
		`UPDATE scope_sets SET version = 2 WHERE id = 'x' AND version = 1`,
		`DELETE FROM scope_sets WHERE id = 'x'`,
	} {
		rows, err := s.db.Query(`EXPLAIN QUERY PLAN ` + q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notUsed int
			var detail string
			if err := rows.Scan(&id, &parent, &notUsed, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		_ = rows.Close()
		joined := strings.Join(plan, "; ")
		if !strings.Contains(joined, "SEARCH") || strings.Contains(joined, "SCAN") {
			t.Errorf("%s\nplan: %s\nwant an index SEARCH and no SCAN", q, joined)
		}
	}
}

// seedProfiles stores n profiles in one transaction, through the same
// insert CreateProfile uses, and returns their ids. One transaction keeps
// 10,000 rows from costing 10,000 synchronous commits.
func seedProfiles(tb testing.TB, s *Store, n int) []string {
	tb.Helper()
	ids := make([]string, 0, n)
	err := s.write(context.Background(), "seeding", func(tx *sql.Tx) error {
		t := now()
		for i := range n {
			in := profileInput(fmt.Sprintf("seed-%05d", i))
			r := profileRow{
				Profile: backend.Profile{
					ID: backend.NewID(backend.ProfileIDPrefix), Name: in.Name, Environment: in.Environment,
					ClientID: in.ClientID, SecretFingerprint: backend.Fingerprint(in.ClientSecret),
					CallbackURL: in.CallbackURL, Scopes: []string{"read"}, Enabled: true,
					Version: 1, CreatedAt: t, UpdatedAt: t,
				},
			}
			r.secret, r.secretFormat = s.seal(in.ClientSecret, r.ID), secretSealedV1
			if err := s.insertProfile(context.Background(), tx, r); err != nil {
				return err
			}
			ids = append(ids, r.ID)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ids
}

// benchSizes are the store sizes each benchmark runs at. Each iteration
// touches a different profile until all have had a turn (7919 is prime),
// and allocations per operation, unlike time, do not vary with machine load.
var benchSizes = []int{10, 10000}

func BenchmarkGetProfile(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("profiles=%d", n), func(b *testing.B) {
			s := openStore(b, filepath.Join(b.TempDir(), "lever.db"), 0)
			ids := seedProfiles(b, s, n)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if _, err := s.GetProfile(ctx, ids[(i*7919)%n]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkUpdateProfile(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("profiles=%d", n), func(b *testing.B) {
			s := openStore(b, filepath.Join(b.TempDir(), "lever.db"), 0)
			ids := seedProfiles(b, s, n)
			versions := make(map[string]int64, n)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				id := ids[(i*7919)%n]
				v := versions[id]
				if v == 0 {
					v = 1
				}
				desc := fmt.Sprintf("description %d", i)
				p, err := s.UpdateProfile(ctx, id, v, backend.ProfileChange{Description: &desc})
				if err != nil {
					b.Fatal(err)
				}
				versions[id] = p.Version
			}
		})
	}
}

// BenchmarkCreateProfileConcurrently creates profiles from ten goroutines at
// once, as Terraform's default parallelism has the provider do, each create
// its own transaction with full durability.
func BenchmarkCreateProfileConcurrently(b *testing.B) {
	s := openStore(b, filepath.Join(b.TempDir(), "lever.db"), 0)
	ctx := context.Background()
	var next atomic.Int64
	b.SetParallelism(5) // 2 cores x 5: ten writers
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			in := profileInput(fmt.Sprintf("concurrent-%07d", next.Add(1)))
			if _, err := s.CreateProfile(ctx, in); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
