// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/backendtest"
)

func openTenants(t *testing.T, dir string) *Tenants {
	t.Helper()
	ts, err := OpenTenants(context.Background(), TenantsOptions{Dir: dir, EncryptionKey: testTenantKey})
	if err != nil {
		t.Fatalf("OpenTenants: %v", err)
	}
	t.Cleanup(func() { _ = ts.Close() })
	return ts
}

var testTenantKey = newKey()

// acme returns the store of tenant acme, which most tests use.
func acme(t *testing.T, ts *Tenants) backend.Backend {
	t.Helper()
	b, err := ts.Tenant(context.Background(), "acme")
	if err != nil {
		t.Fatalf("Tenant(acme): %v", err)
	}
	return b
}

func TestTenantsConformance(t *testing.T) {
	backendtest.RunTenants(t, func(t *testing.T) backend.Tenants {
		ts, err := OpenTenants(context.Background(), TenantsOptions{
			Dir: filepath.Join(t.TempDir(), "tenants"), EncryptionKey: testTenantKey,
		})
		if err != nil {
			t.Fatalf("OpenTenants: %v", err)
		}
		return ts
	})
}

func TestOpenTenantsChecksOptions(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		opts TenantsOptions
	}{
		{"no folder", TenantsOptions{EncryptionKey: testTenantKey}},
		{"no key", TenantsOptions{Dir: dir}},
		{"short key", TenantsOptions{Dir: dir, EncryptionKey: make([]byte, 16)}},
	} {
		if ts, err := OpenTenants(ctx, tc.opts); err == nil {
			_ = ts.Close()
			t.Errorf("%s: OpenTenants succeeded, want an error", tc.name)
		}
	}

	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	opts := TenantsOptions{Dir: filepath.Join(file, "stores"), EncryptionKey: testTenantKey}
	if ts, err := OpenTenants(ctx, opts); err == nil {
		_ = ts.Close()
		t.Error("OpenTenants in a folder under a file succeeded, want an error")
	}
}

func TestTenantsKeepAFilePerTenant(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tenants")
	ts := openTenants(t, dir)
	if fi, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	} else if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %04o, want 0700", fi.Mode().Perm())
	}
	if _, err := os.Stat(filepath.Join(dir, "acme.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("acme.db exists before the tenant's first use (%v)", err)
	}

	p, err := acme(t, ts).CreateProfile(context.Background(), profileInput("one"))
	if err != nil {
		t.Fatalf("CreateProfile: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "acme.db")); err != nil {
		t.Errorf("the tenant's store is not acme.db: %v", err)
	}
	if err := ts.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := ts.Tenant(context.Background(), "acme"); err == nil {
		t.Error("Tenant after Close succeeded, want an error")
	}

	// The tenant's data outlives the Tenants that wrote it.
	ts = openTenants(t, dir)
	if _, err := acme(t, ts).GetProfile(context.Background(), p.ID); err != nil {
		t.Errorf("GetProfile after reopening: %v", err)
	}
	// So does it a store opened on its own, with the same key.
	s := openWith(t, Options{Path: filepath.Join(dir, "acme.db"), EncryptionKey: testTenantKey})
	if _, err := s.GetProfile(context.Background(), p.ID); err != nil {
		t.Errorf("GetProfile from the tenant's file: %v", err)
	}
}

func TestTenantOpensOnceForConcurrentFirstUses(t *testing.T) {
	ts := openTenants(t, t.TempDir())
	const callers = 16
	stores := make([]*Store, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := ts.Tenant(context.Background(), "acme")
			if err != nil {
				t.Errorf("Tenant: %v", err)
				return
			}
			stores[i] = b.(tenantStore).Store
		}()
	}
	wg.Wait()
	for i, s := range stores {
		if s == nil || s != stores[0] {
			t.Fatalf("caller %d got store %p, caller 0 got %p: want one store", i, s, stores[0])
		}
	}
}

func TestTenantStoreCloseLeavesItOpen(t *testing.T) {
	ts := openTenants(t, t.TempDir())
	b := acme(t, ts)
	if err := b.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := acme(t, ts).ListProfiles(context.Background(),
		backend.ProfileFilter{}); err != nil {
		t.Errorf("ListProfiles after a caller closed its store: %v", err)
	}
	if _, ok := b.(backend.SecretReader); !ok {
		t.Error("a tenant's store is not a backend.SecretReader")
	}
}

func TestTenantRefusesBadNames(t *testing.T) {
	ts := openTenants(t, t.TempDir())
	for _, name := range []string{"", "Acme", "../acme", "acme.db", "-acme"} {
		if _, err := ts.Tenant(context.Background(), name); !errors.Is(err, backend.ErrInvalidTenant) {
			t.Errorf("Tenant(%q) = %v, want an error matching backend.ErrInvalidTenant", name, err)
		}
	}
}

// TestTenantOpenFailureIsNotKept checks that a tenant whose store cannot be
// opened fails, and opens once the cause is gone.
func TestTenantOpenFailureIsNotKept(t *testing.T) {
	dir := t.TempDir()
	ts := openTenants(t, dir)
	path := filepath.Join(dir, "acme.db")
	if err := os.WriteFile(path, []byte("not a database, and long enough to tell"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Tenant(context.Background(), "acme"); err == nil {
		t.Fatal("Tenant on a foreign file succeeded, want an error")
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	acme(t, ts)
}

func TestTenantWaitEndsWithContext(t *testing.T) {
	ts := openTenants(t, t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ts.Tenant(ctx, "acme"); !errors.Is(err, context.Canceled) {
		t.Errorf("Tenant with a canceled context = %v, want context.Canceled", err)
	}
	acme(t, ts)
}

func TestTenantsPing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tenants")
	ts := openTenants(t, dir)
	if err := ts.Ping(context.Background()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Errorf("Ping left %v (%v) in the folder", entries, err)
	}
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	if err := ts.Ping(context.Background()); err == nil {
		t.Error("Ping with the folder gone succeeded, want an error")
	}
	if d := ts.Describe(); d != "embedded stores, one per tenant, in "+dir {
		t.Errorf("Describe() = %q", d)
	}
}
