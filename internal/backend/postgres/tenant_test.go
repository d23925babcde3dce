// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

func TestTenantViews(t *testing.T) {
	s := &Store{database{where: "PostgreSQL store at lever@db:5432/profiles",
		lockTimeout: time.Second}}
	ctx := context.Background()
	for _, name := range []string{"", "Acme", "acme corp", "-acme", "acme'; DROP TABLE profiles"} {
		if _, err := s.Tenant(ctx, name); !errors.Is(err, backend.ErrInvalidTenant) {
			t.Errorf("Tenant(%q) = %v, want an error matching backend.ErrInvalidTenant", name, err)
		}
	}

	b, err := s.Tenant(ctx, "acme")
	if err != nil {
		t.Fatalf("Tenant(acme): %v", err)
	}
	want := "PostgreSQL store at lever@db:5432/profiles, tenant acme"
	if got := b.Describe(); got != want {
		t.Errorf("Describe() = %q, want %q", got, want)
	}
	if s.Describe() != "PostgreSQL store at lever@db:5432/profiles" {
		t.Errorf("the Store's Describe() changed to %q", s.Describe())
	}
	if err := b.Close(); err != nil {
		t.Errorf("Close of a view = %v, want nil", err)
	}
	if _, ok := b.(backend.SecretReader); !ok {
		t.Error("a tenant's view is not a backend.SecretReader")
	}
	var busy *backend.BusyError
	err = b.(*tenantStore).fail("updating", errors.New("x"))
	if errors.As(err, &busy) || err.Error() != want+": updating: x" {
		t.Errorf("a view's fail() = %v, want it to name the tenant", err)
	}
}

func TestPing(t *testing.T) {
	t.Parallel()
	s := openStore(t, newDatabase(t), 0)
	if err := s.Ping(context.Background()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	_ = s.Close()
	if err := s.Ping(context.Background()); err == nil {
		t.Error("Ping of a closed store succeeded, want an error")
	}
}

// TestRowsCarryTheirTenant reads the rows that two tenants' views wrote to
// one database: each is stamped with its own tenant.
func TestRowsCarryTheirTenant(t *testing.T) {
	t.Parallel()
	s := openStore(t, newDatabase(t), 0)
	ctx := context.Background()
	for _, tenant := range []string{"acme", "globex-2"} {
		view := tenantOf(t, s, tenant)
		p, err := view.CreateProfile(ctx, sample("same"))
		if err != nil {
			t.Fatalf("CreateProfile in %s: %v", tenant, err)
		}
		ss, err := view.CreateScopeSet(ctx, backend.ScopeSetInput{Name: "same"})
		if err != nil {
			t.Fatalf("CreateScopeSet in %s: %v", tenant, err)
		}
		var pt, st string
		err = s.pool.QueryRow(ctx, `SELECT
			(SELECT tenant FROM profiles WHERE id = $1),
			(SELECT tenant FROM scope_sets WHERE id = $2)`, p.ID, ss.ID).Scan(&pt, &st)
		if err != nil {
			t.Fatal(err)
		}
		if pt != tenant || st != tenant {
			t.Errorf("rows written in %s carry tenants %q and %q", tenant, pt, st)
		}
	}
}

// TestTwoStoresServeOneTenant runs two Stores on one database, as two
// server processes would, each with a view of the same tenant: each sees
// the other's writes, and of two creates of one name racing through them,
// exactly one makes a profile and the other is told which.
func TestTwoStoresServeOneTenant(t *testing.T) {
	t.Parallel()
	dbURL := newDatabase(t)
	first, second := openStore(t, dbURL, 0), openStore(t, dbURL, 0)
	a1, a2 := tenantOf(t, first, testTenant), tenantOf(t, second, testTenant)
	ctx := context.Background()

	p, err := a1.CreateProfile(ctx, sample("seen"))
	if err != nil {
		t.Fatalf("CreateProfile: %v", err)
	}
	p, err = a2.UpdateProfile(ctx, p.ID, p.Version, backend.ProfileChange{Description: ptr("by 2")})
	if err != nil {
		t.Fatalf("UpdateProfile through the other store: %v", err)
	}
	if got, err := a1.GetProfile(ctx, p.ID); err != nil || got.Version != p.Version ||
		got.Description != "by 2" {
		t.Errorf("GetProfile = %+v, %v; want the other store's update", got, err)
	}
	ss, err := a2.CreateScopeSet(ctx, backend.ScopeSetInput{Name: "seen"})
	if err != nil {
		t.Fatalf("CreateScopeSet: %v", err)
	}
	if list, err := a1.ListScopeSets(ctx, ""); err != nil || len(list) != 1 || list[0].ID != ss.ID {
		t.Errorf("ListScopeSets = %+v, %v; want the other store's scope set", list, err)
	}
	if err := a1.DeleteProfile(ctx, p.ID); err != nil {
		t.Fatalf("DeleteProfile: %v", err)
	}
	if _, err := a2.GetProfile(ctx, p.ID); !errors.Is(err, backend.ErrNotFound) {
		t.Errorf("GetProfile after the other store's delete = %v, want ErrNotFound", err)
	}

	for round := range 20 {
		raceOneName(t, fmt.Sprintf("race-%d", round), a1, a2, tenantOf(t, second, "globex"))
	}
}

// raceOneName creates one name at once through a and b, views of one
// tenant, and through other, a view of another tenant: one of a and b
// wins, the loser's NameTakenError names the winner, and other, whose
// tenant has no such name, wins too.
func raceOneName(t *testing.T, name string, a, b, other *tenantStore) {
	t.Helper()
	ctx := context.Background()
	views := []*tenantStore{a, b, other}
	profiles := make([]backend.Profile, len(views))
	errs := make([]error, len(views))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, v := range views {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			profiles[i], errs[i] = v.CreateProfile(ctx, sample(name))
		}()
	}
	close(start)
	wg.Wait()

	if errs[2] != nil {
		t.Errorf("%s: CreateProfile in another tenant: %v", name, errs[2])
	}
	winner, loser := 0, 1
	if errs[0] != nil {
		winner, loser = 1, 0
	}
	var nt *backend.NameTakenError
	switch {
	case errs[winner] != nil:
		t.Fatalf("%s: both creates failed: %v; %v", name, errs[0], errs[1])
	case errs[loser] == nil:
		t.Fatalf("%s: both creates succeeded: %s and %s", name, profiles[0].ID, profiles[1].ID)
	case !errors.As(errs[loser], &nt):
		t.Fatalf("%s: the losing create failed with %v, want a *backend.NameTakenError",
			name, errs[loser])
	case nt.ExistingID != profiles[winner].ID:
		t.Errorf("%s: NameTakenError names %s, want the winner %s",
			name, nt.ExistingID, profiles[winner].ID)
	}
	list, err := b.ListProfiles(ctx, backend.ProfileFilter{Name: name})
	if err != nil || len(list) != 1 || list[0].ID != profiles[winner].ID {
		t.Errorf("%s: ListProfiles = %+v, %v; want the winner alone", name, list, err)
	}
}
