// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backendtest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// RunTenants checks the contract of backend.Tenants against the stores
// open returns: tenants share nothing, neither names nor ids. Each subtest
// calls open for a new, empty store, may run in parallel with the others,
// and closes the store when it ends.
func RunTenants(t *testing.T, open func(t *testing.T) backend.Tenants) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, ts backend.Tenants)
	}{
		{"DescribeAndPing", testTenantsDescribeAndPing},
		{"SameTenantSameObjects", testSameTenantSameObjects},
		{"NamesAreUniquePerTenant", testNamesPerTenant},
		{"IDsOfAnotherTenantAreNotFound", testIDsOfAnotherTenant},
		{"ListsShowTheTenantsOwn", testListsPerTenant},
		{"BadTenantNamesAreRefused", testBadTenantNames},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ts := open(t)
			t.Cleanup(func() {
				if err := ts.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, ts)
		})
	}
}

func mustTenant(t *testing.T, ts backend.Tenants, name string) backend.Backend {
	t.Helper()
	b, err := ts.Tenant(context.Background(), name)
	if err != nil {
		t.Fatalf("Tenant(%s): %v", name, err)
	}
	return b
}

func testTenantsDescribeAndPing(t *testing.T, ts backend.Tenants) {
	if ts.Describe() == "" {
		t.Error("Describe() is empty")
	}
	if err := ts.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
	if mustTenant(t, ts, "acme").Describe() == "" {
		t.Error("a tenant's Describe() is empty")
	}
}

// testSameTenantSameObjects checks that each call of Tenant for one name
// reaches the same objects, and that a caller closing its Backend, which
// Tenants owns, does not close it for the others.
func testSameTenantSameObjects(t *testing.T, ts backend.Tenants) {
	first := mustTenant(t, ts, "acme")
	p := mustCreateProfile(t, first, sampleProfile("shared", "sandbox"))
	if err := first.Close(); err != nil {
		t.Errorf("Close of a tenant's Backend: %v", err)
	}
	if d := diffProfile(mustGetProfile(t, mustTenant(t, ts, "acme"), p.ID), p); d != "" {
		t.Errorf("GetProfile through a second Tenant call returned %s", d)
	}
}

// testNamesPerTenant creates the same profile, default of its environment,
// and the same scope set in two tenants: a name and a default are taken
// only within a tenant.
func testNamesPerTenant(t *testing.T, ts backend.Tenants) {
	ctx := context.Background()
	var profiles []backend.Profile
	for _, tenant := range []string{"acme", "globex"} {
		b := mustTenant(t, ts, tenant)
		in := sampleProfile("main", "production")
		in.Default = true
		p := mustCreateProfile(t, b, in)
		profiles = append(profiles, p)
		mustCreateScopeSet(t, b, sampleScopeSet("readers"))

		// Within the tenant, the rules hold as ever.
		_, err := b.CreateProfile(ctx, sampleProfile("main", "production"))
		wantNameTaken(t, err, "profile", "main", "production", p.ID)
		in = sampleProfile("second", "production")
		in.Default = true
		_, err = b.CreateProfile(ctx, in)
		wantDefaultTaken(t, err, "production", p)
	}
	if profiles[0].ID == profiles[1].ID {
		t.Errorf("two tenants' profiles share the id %s", profiles[0].ID)
	}

	// A rename into a name another tenant holds is no clash either.
	b := mustTenant(t, ts, "globex")
	other := mustCreateProfile(t, b, sampleProfile("other", "production"))
	mustUpdateProfile(t, mustTenant(t, ts, "acme"), profiles[0],
		backend.ProfileChange{Name: ptr("other")})
	mustUpdateProfile(t, b, other, backend.ProfileChange{Name: ptr("renamed")})
}

// testIDsOfAnotherTenant checks that a tenant can neither read, change nor
// delete another's objects by id, and that its attempts leave them as
// they were.
func testIDsOfAnotherTenant(t *testing.T, ts backend.Tenants) {
	ctx := context.Background()
	owner, other := mustTenant(t, ts, "acme"), mustTenant(t, ts, "globex")
	p := mustCreateProfile(t, owner, sampleProfile("private", "sandbox"))
	ss := mustCreateScopeSet(t, owner, sampleScopeSet("private"))

	_, err := other.GetProfile(ctx, p.ID)
	wantNotFound(t, "GetProfile from another tenant", err)
	_, err = other.UpdateProfile(ctx, p.ID, p.Version, backend.ProfileChange{
		Description: ptr("taken over"), ClientSecret: ptr("another secret"),
	})
	wantNotFound(t, "UpdateProfile from another tenant", err)
	wantNotFound(t, "DeleteProfile from another tenant", other.DeleteProfile(ctx, p.ID))
	reader, ok := other.(backend.SecretReader)
	if !ok {
		t.Fatalf("a tenant's Backend (%T) is not a backend.SecretReader", other)
	}
	_, err = reader.ProfileSecret(ctx, p.ID)
	wantNotFound(t, "ProfileSecret from another tenant", err)

	_, err = other.GetScopeSet(ctx, ss.ID)
	wantNotFound(t, "GetScopeSet from another tenant", err)
	_, err = other.UpdateScopeSet(ctx, ss.ID, ss.Version,
		backend.ScopeSetChange{Description: ptr("taken over")})
	wantNotFound(t, "UpdateScopeSet from another tenant", err)
	wantNotFound(t, "DeleteScopeSet from another tenant", other.DeleteScopeSet(ctx, ss.ID))

	if d := diffProfile(mustGetProfile(t, owner, p.ID), p); d != "" {
		t.Errorf("the owner's profile after another tenant's attempts: %s", d)
	}
	secret, err := owner.(backend.SecretReader).ProfileSecret(ctx, p.ID)
	if err != nil || secret != "secret-private" {
		t.Errorf("the owner's ProfileSecret = %q, %v; want the secret it was created with",
			secret, err)
	}
	got, err := owner.GetScopeSet(ctx, ss.ID)
	if err != nil {
		t.Fatalf("the owner's GetScopeSet: %v", err)
	}
	if d := diffScopeSet(got, ss); d != "" {
		t.Errorf("the owner's scope set after another tenant's attempts: %s", d)
	}
}

// testListsPerTenant fills two tenants with objects of the same names and
// checks that each list, filtered or not, shows the tenant's own.
func testListsPerTenant(t *testing.T, ts backend.Tenants) {
	ctx := context.Background()
	tenants := []string{"acme", "globex"}
	profiles := map[string][]string{}
	scopeSets := map[string][]string{}
	for _, tenant := range tenants {
		b := mustTenant(t, ts, tenant)
		for _, in := range []backend.ProfileInput{
			sampleProfile("a", "sandbox"), sampleProfile("b", "sandbox"),
			sampleProfile("a", "production"),
		} {
			profiles[tenant] = append(profiles[tenant], mustCreateProfile(t, b, in).ID)
		}
		for _, name := range []string{"x", "y"} {
			scopeSets[tenant] = append(scopeSets[tenant], mustCreateScopeSet(t, b, sampleScopeSet(name)).ID)
		}
	}
	// A tenant with nothing lists nothing.
	tenants = append(tenants, "initech")

	for _, tenant := range tenants {
		b := mustTenant(t, ts, tenant)
		for _, f := range []backend.ProfileFilter{
			{}, {Environment: "sandbox"}, {Name: "a"}, {Enabled: ptr(true)},
		} {
			list, err := b.ListProfiles(ctx, f)
			if err != nil {
				t.Fatalf("%s: ListProfiles(%+v): %v", tenant, f, err)
			}
			for _, p := range list {
				if !slices.Contains(profiles[tenant], p.ID) {
					t.Errorf("%s: ListProfiles(%+v) shows %s (%s), not the tenant's",
						tenant, f, p.ID, p.Name)
				}
			}
			if f == (backend.ProfileFilter{}) && len(list) != len(profiles[tenant]) {
				t.Errorf("%s: ListProfiles lists %d profiles, want %d",
					tenant, len(list), len(profiles[tenant]))
			}
		}
		for _, name := range []string{"", "x"} {
			list, err := b.ListScopeSets(ctx, name)
			if err != nil {
				t.Fatalf("%s: ListScopeSets(%q): %v", tenant, name, err)
			}
			for _, ss := range list {
				if !slices.Contains(scopeSets[tenant], ss.ID) {
					t.Errorf("%s: ListScopeSets(%q) shows %s (%s), not the tenant's",
						tenant, name, ss.ID, ss.Name)
				}
			}
			if name == "" && len(list) != len(scopeSets[tenant]) {
				t.Errorf("%s: ListScopeSets lists %d scope sets, want %d",
					tenant, len(list), len(scopeSets[tenant]))
			}
		}
	}
}

func testBadTenantNames(t *testing.T, ts backend.Tenants) {
	for _, name := range []string{
		"", "Acme", "-acme", "acme_corp", "acme.db", "../acme", "acme/..", "acme\x00",
		"acme' OR '1'='1", "0123456789012345678901234567890123456789012345678901234567890123",
	} {
		b, err := ts.Tenant(context.Background(), name)
		if !errors.Is(err, backend.ErrInvalidTenant) {
			t.Errorf("Tenant(%q) = %v, %v; want an error matching backend.ErrInvalidTenant",
				name, b, err)
		}
	}
}
