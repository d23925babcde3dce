// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backendtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

func testProfileRoundTrip(t *testing.T, b backend.Backend) {
	in := sampleProfile("billing", "sandbox")
	in.Default = true
	in.SecretVersion = 7
	before := time.Now()
	p := mustCreateProfile(t, b, in)
	after := time.Now()

	if p.ID == "" {
		t.Fatal("CreateProfile returned no ID")
	}
	if p.Version < 1 {
		t.Errorf("Version = %d, want at least 1", p.Version)
	}
	checkTimes(t, "profile", p.CreatedAt, p.UpdatedAt, before, after)
	want := backend.Profile{
		ID:                p.ID,
		Name:              in.Name,
		Description:       in.Description,
		Environment:       in.Environment,
		ClientID:          in.ClientID,
		SecretFingerprint: p.SecretFingerprint,
		CallbackURL:       in.CallbackURL,
		LogoURL:           in.LogoURL,
		Scopes:            []string{"read", "write"},
		Actions:           []string{"archive", "sync"},
		Enabled:           true,
		Default:           true,
		SecretVersion:     7,
		Version:           p.Version,
		CreatedAt:         p.CreatedAt,
		UpdatedAt:         p.UpdatedAt,
	}
	if d := diffProfile(p, want); d != "" {
		t.Errorf("CreateProfile returned %s", d)
	}
	if d := diffProfile(mustGetProfile(t, b, p.ID), want); d != "" {
		t.Errorf("GetProfile returned %s", d)
	}

	// An empty logo is how "no logo" is spelled, and must survive too, as
	// must the zero values of the flags.
	in = sampleProfile("nologo", "sandbox")
	in.LogoURL = ""
	in.Enabled = false
	p = mustCreateProfile(t, b, in)
	for _, got := range []backend.Profile{p, mustGetProfile(t, b, p.ID)} {
		if got.LogoURL != "" || got.Enabled || got.Default || got.SecretVersion != 0 {
			t.Errorf("LogoURL = %q, Enabled = %t, Default = %t, SecretVersion = %d; "+
				"want empty, false, false, 0", got.LogoURL, got.Enabled, got.Default, got.SecretVersion)
		}
	}
}

func testProfileNilAndEmpty(t *testing.T, b backend.Backend) {
	for _, tc := range []struct {
		name            string
		scopes, actions []string
	}{
		{"nil", nil, nil},
		{"empty", []string{}, []string{}},
		{"mixed", nil, []string{}},
	} {
		in := sampleProfile(tc.name, "sandbox")
		in.Scopes, in.Actions = tc.scopes, tc.actions
		created := mustCreateProfile(t, b, in)
		for _, p := range []backend.Profile{created, mustGetProfile(t, b, created.ID)} {
			if !sameList(p.Scopes, tc.scopes) {
				t.Errorf("%s: Scopes = %s, want %s", tc.name, showList(p.Scopes), showList(tc.scopes))
			}
			if !sameList(p.Actions, tc.actions) {
				t.Errorf("%s: Actions = %s, want %s",
					tc.name, showList(p.Actions), showList(tc.actions))
			}
		}
	}
}

func testProfileListsNormalized(t *testing.T, b backend.Backend) {
	in := sampleProfile("messy", "sandbox")
	in.Scopes = []string{"c", "a", "b", "a", "c"}
	in.Actions = []string{"z", "z", "y"}
	p := mustCreateProfile(t, b, in)
	got := mustGetProfile(t, b, p.ID)
	if want := []string{"a", "b", "c"}; !sameList(got.Scopes, want) {
		t.Errorf("Scopes = %s, want %s", showList(got.Scopes), showList(want))
	}
	if want := []string{"y", "z"}; !sameList(got.Actions, want) {
		t.Errorf("Actions = %s, want %s", showList(got.Actions), showList(want))
	}
	if in.Scopes[0] != "c" {
		t.Errorf("CreateProfile reordered the caller's slice: %q", in.Scopes)
	}

	got = mustUpdateProfile(t, b, got, backend.ProfileChange{
		SetScopes: true, Scopes: []string{"e", "d", "e"},
	})
	if want := []string{"d", "e"}; !sameList(got.Scopes, want) {
		t.Errorf("after update, Scopes = %s, want %s", showList(got.Scopes), showList(want))
	}
}

func testProfileFingerprint(t *testing.T, b backend.Backend) {
	in := sampleProfile("fp", "sandbox")
	p := mustCreateProfile(t, b, in)
	for _, got := range []backend.Profile{p, mustGetProfile(t, b, p.ID)} {
		fp := got.SecretFingerprint
		if fp == "" || strings.Contains(fp, in.ClientSecret) {
			t.Errorf("SecretFingerprint = %q, want a fingerprint that does not hold the secret", fp)
		}
		if !backend.FingerprintMatches(fp, in.ClientSecret) {
			t.Errorf("SecretFingerprint %q does not match the secret", fp)
		}
		if backend.FingerprintMatches(fp, in.ClientSecret+"x") {
			t.Errorf("SecretFingerprint %q matches another secret", fp)
		}
	}
}

func testProfileNameTaken(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	first := mustCreateProfile(t, b, sampleProfile("dup", "sandbox"))

	_, err := b.CreateProfile(ctx, sampleProfile("dup", "sandbox"))
	wantNameTaken(t, err, "profile", "dup", "sandbox", first.ID)

	other := mustCreateProfile(t, b, sampleProfile("dup", "production"))
	if other.ID == first.ID {
		t.Errorf("two profiles share the id %s", other.ID)
	}
	list, err := b.ListProfiles(ctx, backend.ProfileFilter{Name: "dup"})
	if err != nil {
		t.Fatalf("ListProfiles: %v", err)
	}
	if len(list) != 2 {
		t.Errorf("ListProfiles(name dup) returned %d profiles, want 2", len(list))
	}
}

func testProfileNotFound(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	_, err := b.GetProfile(ctx, "lcp_missing")
	wantNotFound(t, "GetProfile", err)
	wantNotFound(t, "DeleteProfile", b.DeleteProfile(ctx, "lcp_missing"))
	_, err = b.UpdateProfile(ctx, "lcp_missing", 1, backend.ProfileChange{Description: ptr("x")})
	wantNotFound(t, "UpdateProfile", err)
}

func testProfileDelete(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	p := mustCreateProfile(t, b, sampleProfile("gone", "sandbox"))
	keep := mustCreateProfile(t, b, sampleProfile("kept", "sandbox"))
	if err := b.DeleteProfile(ctx, p.ID); err != nil {
		t.Fatalf("DeleteProfile: %v", err)
	}
	_, err := b.GetProfile(ctx, p.ID)
	wantNotFound(t, "GetProfile after delete", err)
	wantNotFound(t, "second DeleteProfile", b.DeleteProfile(ctx, p.ID))
	mustGetProfile(t, b, keep.ID)

	// The name is free again once its profile is gone.
	mustCreateProfile(t, b, sampleProfile("gone", "sandbox"))
}

func testProfileUpdate(t *testing.T, b backend.Backend) {
	p := mustCreateProfile(t, b, sampleProfile("upd", "sandbox"))
	pause()
	got := mustUpdateProfile(t, b, p, backend.ProfileChange{Description: ptr("new words")})

	want := p
	want.Description = "new words"
	want.Version = p.Version + 1
	want.UpdatedAt = got.UpdatedAt
	if d := diffProfile(got, want); d != "" {
		t.Errorf("UpdateProfile returned %s", d)
	}
	if !got.UpdatedAt.After(p.UpdatedAt) {
		t.Errorf("UpdatedAt = %v, want after %v", got.UpdatedAt, p.UpdatedAt)
	}
	if got.UpdatedAt.Location() != time.UTC {
		t.Errorf("UpdatedAt = %v, want UTC", got.UpdatedAt)
	}
	if d := diffProfile(mustGetProfile(t, b, p.ID), got); d != "" {
		t.Errorf("GetProfile after update returned %s", d)
	}
}

func testProfileUpdateOnlySetFields(t *testing.T, b backend.Backend) {
	p := mustCreateProfile(t, b, sampleProfile("some", "sandbox"))
	for _, tc := range []struct {
		name  string
		ch    backend.ProfileChange
		apply func(p *backend.Profile)
	}{
		{"name", backend.ProfileChange{Name: ptr("renamed")},
			func(p *backend.Profile) { p.Name = "renamed" }},
		{"client id", backend.ProfileChange{ClientID: ptr("other-client")},
			func(p *backend.Profile) { p.ClientID = "other-client" }},
		{"callback", backend.ProfileChange{CallbackURL: ptr("https://example.org/cb")},
			func(p *backend.Profile) { p.CallbackURL = "https://example.org/cb" }},
		{"logo removed", backend.ProfileChange{LogoURL: ptr("")},
			func(p *backend.Profile) { p.LogoURL = "" }},
		{"description emptied", backend.ProfileChange{Description: ptr("")},
			func(p *backend.Profile) { p.Description = "" }},
		{"actions", backend.ProfileChange{SetActions: true, Actions: []string{"one"}},
			func(p *backend.Profile) { p.Actions = []string{"one"} }},
		{"disabled", backend.ProfileChange{Enabled: ptr(false)},
			func(p *backend.Profile) { p.Enabled = false }},
		{"default", backend.ProfileChange{Default: ptr(true)},
			func(p *backend.Profile) { p.Default = true }},
		// Like any field, SecretVersion is set when given, even alone.
		{"secret version", backend.ProfileChange{SecretVersion: ptr(int64(4))},
			func(p *backend.Profile) { p.SecretVersion = 4 }},
		{"enabled again", backend.ProfileChange{Enabled: ptr(true)},
			func(p *backend.Profile) { p.Enabled = true }},
	} {
		got := mustUpdateProfile(t, b, p, tc.ch)
		want := p
		tc.apply(&want)
		want.Version = p.Version + 1
		want.UpdatedAt = got.UpdatedAt
		if d := diffProfile(got, want); d != "" {
			t.Errorf("%s: UpdateProfile returned %s", tc.name, d)
		}
		if d := diffProfile(mustGetProfile(t, b, p.ID), want); d != "" {
			t.Errorf("%s: GetProfile returned %s", tc.name, d)
		}
		p = got
	}
}

func testProfileUpdateSecret(t *testing.T, b backend.Backend) {
	p := mustCreateProfile(t, b, sampleProfile("rotate", "sandbox"))
	got := mustUpdateProfile(t, b, p, backend.ProfileChange{ClientSecret: ptr("rotated")})
	if got.Version != p.Version+1 {
		t.Errorf("Version = %d, want %d", got.Version, p.Version+1)
	}
	if !backend.FingerprintMatches(got.SecretFingerprint, "rotated") {
		t.Error("SecretFingerprint does not match the new secret")
	}
	if backend.FingerprintMatches(got.SecretFingerprint, "secret-rotate") {
		t.Error("SecretFingerprint still matches the old secret")
	}
	if fp := mustGetProfile(t, b, p.ID).SecretFingerprint; fp != got.SecretFingerprint {
		t.Errorf("GetProfile SecretFingerprint = %q, want %q", fp, got.SecretFingerprint)
	}
}

func testProfileUpdateScopesAndActions(t *testing.T, b backend.Backend) {
	p := mustCreateProfile(t, b, sampleProfile("defaults", "sandbox"))

	// Back to the environment's defaults.
	got := mustUpdateProfile(t, b, p, backend.ProfileChange{SetScopes: true, Scopes: nil})
	if got.Scopes != nil || got.Version != p.Version+1 {
		t.Errorf("after SetScopes nil: Scopes = %s, Version = %d; want nil, %d",
			showList(got.Scopes), got.Version, p.Version+1)
	}
	if s := mustGetProfile(t, b, p.ID).Scopes; s != nil {
		t.Errorf("GetProfile Scopes = %s, want nil", showList(s))
	}

	// From defaults to explicitly none is a change too.
	p = got
	got = mustUpdateProfile(t, b, p, backend.ProfileChange{SetScopes: true, Scopes: []string{}})
	if !sameList(got.Scopes, []string{}) || got.Version != p.Version+1 {
		t.Errorf("after SetScopes []: Scopes = %s, Version = %d; want [], %d",
			showList(got.Scopes), got.Version, p.Version+1)
	}

	// Actions set to none stay set, apart from never set.
	p = got
	got = mustUpdateProfile(t, b, p, backend.ProfileChange{SetActions: true, Actions: []string{}})
	if a := mustGetProfile(t, b, p.ID).Actions; !sameList(a, []string{}) {
		t.Errorf("GetProfile Actions = %s, want []", showList(a))
	}
	got = mustUpdateProfile(t, b, got, backend.ProfileChange{SetActions: true, Actions: nil})
	if a := mustGetProfile(t, b, p.ID).Actions; a != nil {
		t.Errorf("GetProfile Actions = %s, want nil", showList(a))
	}
	if got.Version != p.Version+2 {
		t.Errorf("Version = %d, want %d", got.Version, p.Version+2)
	}
}

func testProfileUpdateConflict(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	p := mustCreateProfile(t, b, sampleProfile("race", "sandbox"))
	cur := mustUpdateProfile(t, b, p, backend.ProfileChange{Description: ptr("first")})

	_, err := b.UpdateProfile(ctx, p.ID, p.Version, backend.ProfileChange{Description: ptr("second")})
	wantConflict(t, err, p.ID, p.Version, cur.Version)
	// A stale update that would change nothing is still stale.
	_, err = b.UpdateProfile(ctx, p.ID, p.Version, backend.ProfileChange{})
	wantConflict(t, err, p.ID, p.Version, cur.Version)

	if d := diffProfile(mustGetProfile(t, b, p.ID), cur); d != "" {
		t.Errorf("after the conflict, GetProfile returned %s", d)
	}
}

func testProfileUpdateNoOp(t *testing.T, b backend.Backend) {
	in := sampleProfile("same", "sandbox")
	p := mustCreateProfile(t, b, in)
	pause()
	for _, tc := range []struct {
		name string
		ch   backend.ProfileChange
	}{
		{"empty change", backend.ProfileChange{}},
		{"same values", backend.ProfileChange{
			Name:        ptr(in.Name),
			Description: ptr(in.Description),
			ClientID:    ptr(in.ClientID),
			CallbackURL: ptr(in.CallbackURL),
			LogoURL:     ptr(in.LogoURL),
			SetScopes:   true,
			Scopes:      []string{"read", "write"},
			SetActions:  true,
			Actions:     []string{"sync", "archive"},
			Enabled:     ptr(true),
			Default:     ptr(false),
			// The secret it has, with the version it has.
			ClientSecret:  ptr(in.ClientSecret),
			SecretVersion: ptr(int64(0)),
		}},
	} {
		got := mustUpdateProfile(t, b, p, tc.ch)
		if d := diffProfile(got, p); d != "" {
			t.Errorf("%s: UpdateProfile returned %s", tc.name, d)
		}
		if d := diffProfile(mustGetProfile(t, b, p.ID), p); d != "" {
			t.Errorf("%s: GetProfile returned %s", tc.name, d)
		}
	}
}

func testProfileUpdateSameSecret(t *testing.T, b backend.Backend) {
	in := sampleProfile("keep", "sandbox")
	p := mustCreateProfile(t, b, in)
	pause()
	got := mustUpdateProfile(t, b, p, backend.ProfileChange{ClientSecret: ptr(in.ClientSecret)})
	if d := diffProfile(got, p); d != "" {
		t.Errorf("UpdateProfile with the same secret returned %s", d)
	}

	// With a real change beside it, the same secret still keeps its
	// fingerprint.
	got = mustUpdateProfile(t, b, p, backend.ProfileChange{
		ClientSecret: ptr(in.ClientSecret), Description: ptr("changed"),
	})
	if got.Version != p.Version+1 || got.SecretFingerprint != p.SecretFingerprint {
		t.Errorf("Version = %d, SecretFingerprint = %q; want %d, %q",
			got.Version, got.SecretFingerprint, p.Version+1, p.SecretFingerprint)
	}
}

func testProfileRename(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	a := mustCreateProfile(t, b, sampleProfile("alpha", "sandbox"))
	beta := mustCreateProfile(t, b, sampleProfile("beta", "sandbox"))
	mustCreateProfile(t, b, sampleProfile("gamma", "production"))

	_, err := b.UpdateProfile(ctx, a.ID, a.Version, backend.ProfileChange{Name: ptr("beta")})
	wantNameTaken(t, err, "profile", "beta", "sandbox", beta.ID)
	if got := mustGetProfile(t, b, a.ID); got.Name != "alpha" || got.Version != a.Version {
		t.Errorf("after the clash: Name = %q, Version = %d; want alpha, %d",
			got.Name, got.Version, a.Version)
	}

	// A name used in another environment is free in this one.
	got := mustUpdateProfile(t, b, a, backend.ProfileChange{Name: ptr("gamma")})
	if got.Name != "gamma" {
		t.Errorf("Name = %q, want gamma", got.Name)
	}
	// The old name is free once renamed away.
	mustCreateProfile(t, b, sampleProfile("alpha", "sandbox"))
}

func testProfileList(t *testing.T, b backend.Backend) {
	var all []backend.Profile
	for _, np := range [][2]string{
		{"one", "sandbox"}, {"two", "sandbox"}, {"one", "production"}, {"three", "production"},
	} {
		all = append(all, mustCreateProfile(t, b, sampleProfile(np[0], np[1])))
	}

	for _, tc := range []struct {
		filter backend.ProfileFilter
		want   []backend.Profile
	}{
		{backend.ProfileFilter{}, all},
		{backend.ProfileFilter{Environment: "sandbox"}, all[:2]},
		{backend.ProfileFilter{Name: "one"}, []backend.Profile{all[0], all[2]}},
		{backend.ProfileFilter{Environment: "production", Name: "one"}, all[2:3]},
		{backend.ProfileFilter{Environment: "staging"}, nil},
		{backend.ProfileFilter{Name: "ONE"}, nil},
	} {
		wantProfileList(t, b, tc.filter, tc.want)
	}
}

// wantProfileList checks that ListProfiles(filter) returns want, in any
// order given, as the list ordered by id.
func wantProfileList(t *testing.T, b backend.Backend, filter backend.ProfileFilter, want []backend.Profile) {
	t.Helper()
	got, err := b.ListProfiles(context.Background(), filter)
	if err != nil {
		t.Fatalf("ListProfiles(%s): %v", showFilter(filter), err)
	}
	want = sortedByID(want, func(p backend.Profile) string { return p.ID })
	if len(got) != len(want) {
		t.Errorf("ListProfiles(%s) returned %d profiles, want %d",
			showFilter(filter), len(got), len(want))
		return
	}
	for i := range want {
		if d := diffProfile(got[i], want[i]); d != "" {
			t.Errorf("ListProfiles(%s)[%d]: %s", showFilter(filter), i, d)
		}
	}
}

// showFilter prints a filter with its Enabled value rather than a pointer.
func showFilter(f backend.ProfileFilter) string {
	enabled := "any"
	if f.Enabled != nil {
		enabled = fmt.Sprint(*f.Enabled)
	}
	return fmt.Sprintf("Environment %q, Name %q, Enabled %s", f.Environment, f.Name, enabled)
}
