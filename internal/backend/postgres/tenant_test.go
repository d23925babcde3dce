// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"context"
	"errors"
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
