// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backendtest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

func sampleScopeSet(name string) backend.ScopeSetInput {
	return backend.ScopeSetInput{
		Name:        name,
		Description: "Scope set " + name,
		Scopes:      []string{"profiles:write", "profiles:read", "profiles:write"},
	}
}

func testScopeSetRoundTrip(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	in := sampleScopeSet("readers")
	before := time.Now()
	ss := mustCreateScopeSet(t, b, in)
	after := time.Now()

	if ss.ID == "" {
		t.Fatal("CreateScopeSet returned no ID")
	}
	if ss.Version < 1 {
		t.Errorf("Version = %d, want at least 1", ss.Version)
	}
	checkTimes(t, "scope set", ss.CreatedAt, ss.UpdatedAt, before, after)
	want := backend.ScopeSet{
		ID:          ss.ID,
		Name:        in.Name,
		Description: in.Description,
		Scopes:      []string{"profiles:read", "profiles:write"},
		Version:     ss.Version,
		CreatedAt:   ss.CreatedAt,
		UpdatedAt:   ss.UpdatedAt,
	}
	if d := diffScopeSet(ss, want); d != "" {
		t.Errorf("CreateScopeSet returned %s", d)
	}
	got, err := b.GetScopeSet(ctx, ss.ID)
	if err != nil {
		t.Fatalf("GetScopeSet: %v", err)
	}
	if d := diffScopeSet(got, want); d != "" {
		t.Errorf("GetScopeSet returned %s", d)
	}

	// A scope set has no defaults to fall back on: no scopes is no scopes,
	// whether the caller said nil or empty.
	in = sampleScopeSet("nothing")
	in.Scopes = nil
	ss = mustCreateScopeSet(t, b, in)
	if got, err = b.GetScopeSet(ctx, ss.ID); err != nil || len(got.Scopes) != 0 {
		t.Errorf("GetScopeSet of a scope set without scopes = %s, %v; want no scopes",
			showList(got.Scopes), err)
	}
}

func testScopeSetNameTaken(t *testing.T, b backend.Backend) {
	first := mustCreateScopeSet(t, b, sampleScopeSet("admins"))
	_, err := b.CreateScopeSet(context.Background(), sampleScopeSet("admins"))
	wantNameTaken(t, err, "scope set", "admins", "", first.ID)
}

func testScopeSetNotFound(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	_, err := b.GetScopeSet(ctx, "lss_missing")
	wantNotFound(t, "GetScopeSet", err)
	wantNotFound(t, "DeleteScopeSet", b.DeleteScopeSet(ctx, "lss_missing"))
	_, err = b.UpdateScopeSet(ctx, "lss_missing", 1, backend.ScopeSetChange{Description: ptr("x")})
	wantNotFound(t, "UpdateScopeSet", err)

	ss := mustCreateScopeSet(t, b, sampleScopeSet("short-lived"))
	if err := b.DeleteScopeSet(ctx, ss.ID); err != nil {
		t.Fatalf("DeleteScopeSet: %v", err)
	}
	_, err = b.GetScopeSet(ctx, ss.ID)
	wantNotFound(t, "GetScopeSet after delete", err)
	wantNotFound(t, "second DeleteScopeSet", b.DeleteScopeSet(ctx, ss.ID))
}

func testScopeSetUpdate(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	ss := mustCreateScopeSet(t, b, sampleScopeSet("ops"))
	pause()

	got := mustUpdateScopeSet(t, b, ss, backend.ScopeSetChange{Description: ptr("Operators")})
	want := ss
	want.Description = "Operators"
	want.Version = ss.Version + 1
	want.UpdatedAt = got.UpdatedAt
	if d := diffScopeSet(got, want); d != "" {
		t.Errorf("UpdateScopeSet returned %s", d)
	}
	if !got.UpdatedAt.After(ss.UpdatedAt) {
		t.Errorf("UpdatedAt = %v, want after %v", got.UpdatedAt, ss.UpdatedAt)
	}

	// Scopes are replaced, sorted and deduplicated; the rest stays.
	got = mustUpdateScopeSet(t, b, got, backend.ScopeSetChange{Scopes: []string{"z", "a", "z"}})
	want.Scopes = []string{"a", "z"}
	want.Version++
	want.UpdatedAt = got.UpdatedAt
	if d := diffScopeSet(got, want); d != "" {
		t.Errorf("UpdateScopeSet of scopes returned %s", d)
	}

	// An empty, non-nil list empties the set.
	got = mustUpdateScopeSet(t, b, got, backend.ScopeSetChange{Scopes: []string{}})
	if len(got.Scopes) != 0 || got.Version != want.Version+1 {
		t.Errorf("after emptying: Scopes = %s, Version = %d; want none, %d",
			showList(got.Scopes), got.Version, want.Version+1)
	}
	stored, err := b.GetScopeSet(ctx, ss.ID)
	if err != nil {
		t.Fatalf("GetScopeSet: %v", err)
	}
	if d := diffScopeSet(stored, got); d != "" {
		t.Errorf("GetScopeSet after updates returned %s", d)
	}
}

func testScopeSetUpdateConflict(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	ss := mustCreateScopeSet(t, b, sampleScopeSet("contended"))
	cur := mustUpdateScopeSet(t, b, ss, backend.ScopeSetChange{Description: ptr("first")})
	_, err := b.UpdateScopeSet(ctx, ss.ID, ss.Version, backend.ScopeSetChange{
		Description: ptr("second"),
	})
	wantConflict(t, err, ss.ID, ss.Version, cur.Version)
}

func testScopeSetUpdateNoOp(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	in := sampleScopeSet("steady")
	ss := mustCreateScopeSet(t, b, in)
	pause()
	for _, ch := range []backend.ScopeSetChange{
		{},
		{Name: ptr(in.Name), Description: ptr(in.Description), Scopes: slices.Clone(in.Scopes)},
	} {
		got := mustUpdateScopeSet(t, b, ss, ch)
		if d := diffScopeSet(got, ss); d != "" {
			t.Errorf("no-op UpdateScopeSet(%+v) returned %s", ch, d)
		}
	}
	stored, err := b.GetScopeSet(ctx, ss.ID)
	if err != nil {
		t.Fatalf("GetScopeSet: %v", err)
	}
	if d := diffScopeSet(stored, ss); d != "" {
		t.Errorf("GetScopeSet after no-op updates returned %s", d)
	}
}

func testScopeSetRename(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	a := mustCreateScopeSet(t, b, sampleScopeSet("a"))
	other := mustCreateScopeSet(t, b, sampleScopeSet("b"))
	_, err := b.UpdateScopeSet(ctx, a.ID, a.Version, backend.ScopeSetChange{Name: ptr("b")})
	wantNameTaken(t, err, "scope set", "b", "", other.ID)

	got := mustUpdateScopeSet(t, b, a, backend.ScopeSetChange{Name: ptr("c")})
	if got.Name != "c" || got.Version != a.Version+1 {
		t.Errorf("after rename: Name = %q, Version = %d; want c, %d", got.Name, got.Version, a.Version+1)
	}
	mustCreateScopeSet(t, b, sampleScopeSet("a"))
}

func testScopeSetList(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	var all []backend.ScopeSet
	for _, name := range []string{"x", "y", "z"} {
		all = append(all, mustCreateScopeSet(t, b, sampleScopeSet(name)))
	}
	for _, tc := range []struct {
		name string
		want []backend.ScopeSet
	}{
		{"", all},
		{"y", all[1:2]},
		{"w", nil},
	} {
		got, err := b.ListScopeSets(ctx, tc.name)
		if err != nil {
			t.Fatalf("ListScopeSets(%q): %v", tc.name, err)
		}
		want := sortedByID(tc.want, func(ss backend.ScopeSet) string { return ss.ID })
		if len(got) != len(want) {
			t.Errorf("ListScopeSets(%q) returned %d scope sets, want %d", tc.name, len(got), len(want))
			continue
		}
		for i := range want {
			if d := diffScopeSet(got[i], want[i]); d != "" {
				t.Errorf("ListScopeSets(%q)[%d]: %s", tc.name, i, d)
			}
		}
	}
}

// sortedByID returns a copy of list in id order, the order List promises.
func sortedByID[T any](list []T, id func(T) string) []T {
	out := slices.Clone(list)
	slices.SortFunc(out, func(a, b T) int { return strings.Compare(id(a), id(b)) })
	return out
}
