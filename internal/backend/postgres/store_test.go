// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
)

func sample(name string) backend.ProfileInput {
	return backend.ProfileInput{
		Name:         name,
		Environment:  "sandbox",
		ClientID:     "client-" + name,
		ClientSecret: "secret-" + name,
		CallbackURL:  "https://example.com/" + name + "/callback",
		Enabled:      true,
	}
}

// TestTwoStoresShareADatabase runs two Stores, each with its own pool as two
// server processes would have, against one database: creates racing for
// the same names leave one winner each, the others are told who won, and
// concurrent updates of one profile lose none of their increments.
func TestTwoStoresShareADatabase(t *testing.T) {
	t.Parallel()
	dbURL := newDatabase(t)
	stores := []*tenantStore{openTenant(t, dbURL, 0), openTenant(t, dbURL, 0)}
	ctx := context.Background()

	const (
		workersPerStore = 6
		ownNames        = 8
		sharedNames     = 4
	)
	type result struct {
		name string
		p    backend.Profile
		err  error
	}
	// Each worker creates its own names and as many shared ones.
	results := make(chan result, 2*workersPerStore*2*ownNames)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for si, s := range stores {
		for w := range workersPerStore {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for i := range ownNames {
					name := fmt.Sprintf("own-%d-%d-%d", si, w, i)
					p, err := s.CreateProfile(ctx, sample(name))
					results <- result{name, p, err}
					shared := fmt.Sprintf("shared-%d", i%sharedNames)
					p, err = s.CreateProfile(ctx, sample(shared))
					results <- result{shared, p, err}
				}
			}()
		}
	}
	close(start)
	wg.Wait()
	close(results)

	winners := map[string]string{}
	var taken []*backend.NameTakenError
	for r := range results {
		var nt *backend.NameTakenError
		switch {
		case r.err == nil:
			if id, dup := winners[r.name]; dup {
				t.Errorf("%s was created twice: %s and %s", r.name, id, r.p.ID)
			}
			winners[r.name] = r.p.ID
		case errors.As(r.err, &nt) && strings.HasPrefix(r.name, "shared-"):
			taken = append(taken, nt)
		default:
			t.Errorf("CreateProfile(%s): %v", r.name, r.err)
		}
	}
	for _, nt := range taken {
		if winners[nt.Name] == "" || nt.ExistingID != winners[nt.Name] {
			t.Errorf("NameTakenError for %s names %s, want the winner %q",
				nt.Name, nt.ExistingID, winners[nt.Name])
		}
	}
	wantTotal := 2*workersPerStore*ownNames + sharedNames
	if len(winners) != wantTotal {
		t.Errorf("%d names were created, want %d", len(winners), wantTotal)
	}
	for _, s := range stores {
		list, err := s.ListProfiles(ctx, backend.ProfileFilter{})
		if err != nil {
			t.Fatalf("ListProfiles: %v", err)
		}
		seen := map[string]bool{}
		for _, p := range list {
			if seen[p.Name] {
				t.Errorf("%s is listed twice", p.Name)
			}
			seen[p.Name] = true
			if winners[p.Name] != p.ID {
				t.Errorf("listed %s (%s), which no create returned", p.ID, p.Name)
			}
		}
		if len(list) != wantTotal {
			t.Errorf("%s lists %d profiles, want %d", s.Describe(), len(list), wantTotal)
		}
	}

	countUpdates(t, stores, winners["shared-0"])
}

// countUpdates has workers of both stores each make a number of updates to
// one profile, reading its version and retrying on a conflict, and checks
// that the version counts every update: none was lost.
func countUpdates(t *testing.T, stores []*tenantStore, id string) {
	t.Helper()
	ctx := context.Background()
	const workersPerStore, updatesEach = 4, 5
	var wg sync.WaitGroup
	errs := make(chan error, 2*workersPerStore)
	for si, s := range stores {
		for w := range workersPerStore {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < updatesEach; {
					p, err := s.GetProfile(ctx, id)
					if err != nil {
						errs <- err
						return
					}
					// Unique, so that no update repeats the one before and
					// changes nothing.
					desc := fmt.Sprintf("store %d worker %d update %d", si, w, i)
					_, err = s.UpdateProfile(ctx, id, p.Version, backend.ProfileChange{Description: &desc})
					var ce *backend.ConflictError
					switch {
					case errors.As(err, &ce):
					case err != nil:
						errs <- err
						return
					default:
						i++
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent UpdateProfile: %v", err)
	}
	p, err := stores[1].GetProfile(ctx, id)
	if err != nil {
		t.Fatalf("GetProfile: %v", err)
	}
	if want := int64(1 + 2*workersPerStore*updatesEach); p.Version != want {
		t.Errorf("Version = %d after concurrent updates, want %d", p.Version, want)
	}
}

// TestConcurrentOpensMigrateOnce starts four stores at once on a new
// database, as four server processes might: one applies the migrations and
// records the key check, and the others find them done.
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	t.Parallel()
	dbURL := newDatabase(t)
	ctx := context.Background()
	const opens = 4
	stores := make([]*Store, opens)
	errs := make([]error, opens)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range opens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			stores[i], errs[i] = Open(ctx, Options{URL: smallPool(dbURL), EncryptionKey: testKey})
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
			continue
		}
		t.Cleanup(func() { _ = stores[i].Close() })
	}
	if t.Failed() {
		return
	}

	var applied, checks int
	err := stores[0].pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM lever_schema_migrations),
		(SELECT count(*) FROM meta WHERE name = $1)`, metaKeyCheck).Scan(&applied, &checks)
	if err != nil {
		t.Fatal(err)
	}
	if applied != schemaVersion || checks != 1 {
		t.Errorf("%d migrations recorded and %d key checks, want %d and 1",
			applied, checks, schemaVersion)
	}
	p, err := tenantOf(t, stores[1], testTenant).CreateProfile(ctx, sample("after"))
	if err != nil {
		t.Fatalf("CreateProfile: %v", err)
	}
	if _, err := tenantOf(t, stores[3], testTenant).GetProfile(ctx, p.ID); err != nil {
		t.Errorf("GetProfile through another store: %v", err)
	}
}

// TestOpenRefusesAnotherKey opens a database with one key and then with
// another, which must fail without saying either key.
func TestOpenRefusesAnotherKey(t *testing.T) {
	t.Parallel()
	dbURL := newDatabase(t)
	ctx := context.Background()
	s := openStore(t, dbURL, 0)
	p, err := tenantOf(t, s, testTenant).CreateProfile(ctx, sample("kept"))
	if err != nil {
		t.Fatalf("CreateProfile: %v", err)
	}
	_ = s.Close()

	other := sealing.NewKey()
	_, err = Open(ctx, Options{URL: dbURL, EncryptionKey: other})
	if !errors.Is(err, ErrWrongKey) {
		t.Fatalf("Open with another key: error = %v, want ErrWrongKey", err)
	}
	if !strings.Contains(err.Error(), "encrypted with a different key") {
		t.Errorf("error %q does not say the key differs", err)
	}
	for _, key := range [][]byte{testKey, other} {
		for _, form := range []string{sealing.FormatKey(key), fmt.Sprintf("%x", key), string(key)} {
			if strings.Contains(err.Error(), form) {
				t.Errorf("error %q shows a key", err)
			}
		}
	}

	// The right key still opens the store, and its secret.
	view := openTenant(t, dbURL, 0)
	if secret, err := view.ProfileSecret(ctx, p.ID); err != nil || secret != "secret-kept" {
		t.Errorf("ProfileSecret = %q, %v; want the stored secret", secret, err)
	}
}

// TestSecretsSealedAtRest reads the stored rows directly: no client secret
// may be there in plaintext, and a sealed secret opens only in its own row.
func TestSecretsSealedAtRest(t *testing.T) {
	t.Parallel()
	s := openTenant(t, newDatabase(t), 0)
	ctx := context.Background()
	const first, second = "first-plaintext-secret-4af1", "second-plaintext-secret-9c2e"
	in := sample("sealed")
	in.ClientSecret = first
	p, err := s.CreateProfile(ctx, in)
	if err != nil {
		t.Fatalf("CreateProfile: %v", err)
	}
	wantSealed(t, s, p.ID, first)

	if _, err := s.UpdateProfile(ctx, p.ID, p.Version,
		backend.ProfileChange{ClientSecret: ptr(second)}); err != nil {
		t.Fatalf("UpdateProfile: %v", err)
	}
	wantSealed(t, s, p.ID, second)

	// A sealed secret copied into another profile's row does not open there.
	other, err := s.CreateProfile(ctx, sample("other"))
	if err != nil {
		t.Fatalf("CreateProfile: %v", err)
	}
	_, err = s.pool.Exec(ctx, `UPDATE profiles SET client_secret =
		(SELECT client_secret FROM profiles WHERE id = $1) WHERE id = $2`, p.ID, other.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.ProfileSecret(ctx, other.ID); err == nil || strings.Contains(err.Error(), second) {
		t.Errorf("ProfileSecret of a copied secret = %q, %v; want an error without it", got, err)
	}
}

// wantSealed checks that the profile's raw row does not hold the secret,
// and that ProfileSecret returns it.
func wantSealed(t *testing.T, s *tenantStore, id, secret string) {
	t.Helper()
	ctx := context.Background()
	var column, row string
	err := s.pool.QueryRow(ctx, `SELECT client_secret, p::text FROM profiles p WHERE id = $1`,
		id).Scan(&column, &row)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(column, sealing.PrefixV1) || strings.Contains(row, secret) {
		t.Errorf("client_secret = %q, want it sealed, and the row not to hold %q", column, secret)
	}
	if got, err := s.ProfileSecret(ctx, id); err != nil || got != secret {
		t.Errorf("ProfileSecret = %q, %v; want %q", got, err, secret)
	}
}

// TestLockHeldPastTimeoutIsBusy holds a profile's row, and a name, locked in
// another connection's open transaction: writes that need them wait for the
// lock timeout and then fail with a *backend.BusyError, and succeed once the
// lock is gone.
func TestLockHeldPastTimeoutIsBusy(t *testing.T) {
	t.Parallel()
	const timeout = 300 * time.Millisecond
	dbURL := newDatabase(t)
	s := openTenant(t, dbURL, timeout)
	ctx := context.Background()
	p, err := s.CreateProfile(ctx, sample("held"))
	if err != nil {
		t.Fatalf("CreateProfile: %v", err)
	}

	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SELECT 1 FROM profiles WHERE id = $1 FOR UPDATE`, p.ID); err != nil {
		t.Fatal(err)
	}
	// A name inserted and not yet committed is held too.
	if _, err := tx.Exec(ctx, `INSERT INTO profiles (`+profileColumns+`, tenant)
		SELECT 'lcp_uncommitted', 'pending', environment, description, client_id, client_secret,
			secret_fingerprint, secret_version, callback_url, logo_url, scopes, actions,
			enabled, false, request_key, version, created_at, updated_at, tenant
		FROM profiles WHERE id = $1`, p.ID); err != nil {
		t.Fatal(err)
	}

	desc := "changed"
	for _, tc := range []struct {
		name  string
		write func() error
	}{
		{"UpdateProfile", func() error {
			_, err := s.UpdateProfile(ctx, p.ID, p.Version, backend.ProfileChange{Description: &desc})
			return err
		}},
		{"DeleteProfile", func() error { return s.DeleteProfile(ctx, p.ID) }},
		{"CreateProfile of a pending name", func() error {
			_, err := s.CreateProfile(ctx, sample("pending"))
			return err
		}},
	} {
		began := time.Now()
		err := tc.write()
		took := time.Since(began)
		var busy *backend.BusyError
		if !errors.As(err, &busy) {
			t.Errorf("%s: error = %v, want a *backend.BusyError", tc.name, err)
			continue
		}
		if busy.Timeout != timeout || busy.Store != s.Describe() {
			t.Errorf("%s: BusyError = %+v, want Timeout %s and Store %q",
				tc.name, *busy, timeout, s.Describe())
		}
		if took < timeout || took > timeout+5*time.Second {
			t.Errorf("%s failed after %s, want just after the %s lock timeout", tc.name, took, timeout)
		}
	}

	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateProfile(ctx, p.ID, p.Version,
		backend.ProfileChange{Description: &desc}); err != nil {
		t.Errorf("UpdateProfile once the lock is gone: %v", err)
	}
	if _, err := s.CreateProfile(ctx, sample("pending")); err != nil {
		t.Errorf("CreateProfile once the lock is gone: %v", err)
	}
}

// TestOpenRefusesANewerSchema opens a database that a newer server has
// migrated further than this code knows.
func TestOpenRefusesANewerSchema(t *testing.T) {
	t.Parallel()
	dbURL := newDatabase(t)
	s := openStore(t, dbURL, 0)
	ctx := context.Background()
	_, err := s.pool.Exec(ctx, `INSERT INTO lever_schema_migrations (version, name)
		VALUES ($1, 'from_the_future.sql')`, schemaVersion+1)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, Options{URL: dbURL, EncryptionKey: testKey})
	if err == nil || !strings.Contains(err.Error(), "newer version") {
		t.Errorf("Open of a newer schema: error = %v, want one saying it is newer", err)
	}
}

func ptr[T any](v T) *T { return &v }
