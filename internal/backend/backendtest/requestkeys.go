// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backendtest

import (
	"context"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// A record's RequestKey is the key of the write that made its version: a
// create stores its key, an update that writes stores its own (empty when
// it has none), and an update that writes nothing keeps the key of the
// version it leaves in place.

func testProfileRequestKeyOnCreate(t *testing.T, b backend.Backend) {
	in := sampleProfile("keyed", "sandbox")
	in.RequestKey = "create-7f3a"
	p := mustCreateProfile(t, b, in)
	if p.RequestKey != in.RequestKey {
		t.Errorf("CreateProfile returned RequestKey %q, want %q", p.RequestKey, in.RequestKey)
	}
	if got := mustGetProfile(t, b, p.ID); got.RequestKey != in.RequestKey {
		t.Errorf("GetProfile returned RequestKey %q, want %q", got.RequestKey, in.RequestKey)
	}

	p = mustCreateProfile(t, b, sampleProfile("unkeyed", "sandbox"))
	if got := mustGetProfile(t, b, p.ID); p.RequestKey != "" || got.RequestKey != "" {
		t.Errorf("a create without a key stored RequestKey %q (returned %q), want none",
			got.RequestKey, p.RequestKey)
	}
}

func testProfileRequestKeyOnUpdate(t *testing.T, b backend.Backend) {
	in := sampleProfile("keyed", "sandbox")
	in.RequestKey = "create-1"
	p := mustCreateProfile(t, b, in)

	for _, tc := range []struct {
		name string
		ch   backend.ProfileChange
	}{
		{"update with a key", backend.ProfileChange{
			Description: ptr("first"), RequestKey: "update-1",
		}},
		{"secret update with another key", backend.ProfileChange{
			ClientSecret: ptr("another secret"), RequestKey: "update-2",
		}},
		// A write without a key leaves none: the key of an earlier write
		// must not answer for this one.
		{"update without a key", backend.ProfileChange{Description: ptr("second")}},
		{"update with a key again", backend.ProfileChange{
			SetScopes: true, Scopes: nil, RequestKey: "update-3",
		}},
	} {
		got := mustUpdateProfile(t, b, p, tc.ch)
		if got.Version != p.Version+1 || got.RequestKey != tc.ch.RequestKey {
			t.Errorf("%s: UpdateProfile returned version %d, RequestKey %q; want %d, %q",
				tc.name, got.Version, got.RequestKey, p.Version+1, tc.ch.RequestKey)
		}
		if d := diffProfile(mustGetProfile(t, b, p.ID), got); d != "" {
			t.Errorf("%s: GetProfile returned %s", tc.name, d)
		}
		p = got
	}
}

func testProfileRequestKeyKeptByNoOp(t *testing.T, b backend.Backend) {
	in := sampleProfile("steady", "sandbox")
	in.RequestKey = "create-1"
	p := mustCreateProfile(t, b, in)

	// A retried update, or one that repeats what is stored, writes nothing:
	// the version and the key that made it stay.
	for _, ch := range []backend.ProfileChange{
		{RequestKey: "noop-1"},
		{Description: ptr(in.Description), ClientSecret: ptr(in.ClientSecret), RequestKey: "noop-2"},
		{Name: ptr(in.Name)},
	} {
		got := mustUpdateProfile(t, b, p, ch)
		if d := diffProfile(got, p); d != "" {
			t.Errorf("no-op UpdateProfile with RequestKey %q returned %s", ch.RequestKey, d)
		}
		if d := diffProfile(mustGetProfile(t, b, p.ID), p); d != "" {
			t.Errorf("GetProfile after a no-op with RequestKey %q returned %s", ch.RequestKey, d)
		}
	}
}

func testScopeSetRequestKeyOnCreate(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	in := sampleScopeSet("keyed")
	in.RequestKey = "create-7f3a"
	ss := mustCreateScopeSet(t, b, in)
	if ss.RequestKey != in.RequestKey {
		t.Errorf("CreateScopeSet returned RequestKey %q, want %q", ss.RequestKey, in.RequestKey)
	}
	got, err := b.GetScopeSet(ctx, ss.ID)
	if err != nil || got.RequestKey != in.RequestKey {
		t.Errorf("GetScopeSet returned RequestKey %q, %v; want %q", got.RequestKey, err, in.RequestKey)
	}

	ss = mustCreateScopeSet(t, b, sampleScopeSet("unkeyed"))
	got, err = b.GetScopeSet(ctx, ss.ID)
	if err != nil || ss.RequestKey != "" || got.RequestKey != "" {
		t.Errorf("a create without a key stored RequestKey %q (returned %q), %v; want none",
			got.RequestKey, ss.RequestKey, err)
	}
}

func testScopeSetRequestKeyOnUpdate(t *testing.T, b backend.Backend) {
	in := sampleScopeSet("keyed")
	in.RequestKey = "create-1"
	ss := mustCreateScopeSet(t, b, in)

	for _, tc := range []struct {
		name string
		ch   backend.ScopeSetChange
	}{
		{"update with a key", backend.ScopeSetChange{
			Description: ptr("first"), RequestKey: "update-1",
		}},
		{"update without a key", backend.ScopeSetChange{Scopes: []string{"profiles:read"}}},
		{"rename with a key", backend.ScopeSetChange{Name: ptr("renamed"), RequestKey: "update-2"}},
	} {
		got := mustUpdateScopeSet(t, b, ss, tc.ch)
		if got.Version != ss.Version+1 || got.RequestKey != tc.ch.RequestKey {
			t.Errorf("%s: UpdateScopeSet returned version %d, RequestKey %q; want %d, %q",
				tc.name, got.Version, got.RequestKey, ss.Version+1, tc.ch.RequestKey)
		}
		stored, err := b.GetScopeSet(context.Background(), ss.ID)
		if err != nil {
			t.Fatalf("GetScopeSet: %v", err)
		}
		if d := diffScopeSet(stored, got); d != "" {
			t.Errorf("%s: GetScopeSet returned %s", tc.name, d)
		}
		ss = got
	}
}

func testScopeSetRequestKeyKeptByNoOp(t *testing.T, b backend.Backend) {
	in := sampleScopeSet("steady")
	in.RequestKey = "create-1"
	ss := mustCreateScopeSet(t, b, in)

	for _, ch := range []backend.ScopeSetChange{
		{RequestKey: "noop-1"},
		{Description: ptr(in.Description), Scopes: in.Scopes, RequestKey: "noop-2"},
		{Name: ptr(in.Name)},
	} {
		got := mustUpdateScopeSet(t, b, ss, ch)
		if d := diffScopeSet(got, ss); d != "" {
			t.Errorf("no-op UpdateScopeSet with RequestKey %q returned %s", ch.RequestKey, d)
		}
		stored, err := b.GetScopeSet(context.Background(), ss.ID)
		if err != nil {
			t.Fatalf("GetScopeSet: %v", err)
		}
		if d := diffScopeSet(stored, ss); d != "" {
			t.Errorf("GetScopeSet after a no-op with RequestKey %q returned %s", ch.RequestKey, d)
		}
	}
}
