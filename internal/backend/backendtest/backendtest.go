// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package backendtest is the conformance suite every backend.Backend runs,
// so that the provider can rely on one contract whichever store it talks to.
package backendtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// Run checks the contract of backend.Backend against the stores open
// returns. Each subtest calls open for a new, empty store, may run in
// parallel with the others, and closes the store when it ends; open should
// leave any further cleanup (such as removing files) to t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) backend.Backend) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, b backend.Backend)
	}{
		{"DescribeNamesTheStore", testDescribe},
		{"ProfileRoundTrip", testProfileRoundTrip},
		{"ProfileListsKeepNilApartFromEmpty", testProfileNilAndEmpty},
		{"ProfileListsAreSortedAndDeduplicated", testProfileListsNormalized},
		{"ProfileFingerprint", testProfileFingerprint},
		{"ProfileNameTaken", testProfileNameTaken},
		{"ProfileNotFound", testProfileNotFound},
		{"ProfileDelete", testProfileDelete},
		{"ProfileUpdate", testProfileUpdate},
		{"ProfileUpdateOnlySetFields", testProfileUpdateOnlySetFields},
		{"ProfileUpdateSecret", testProfileUpdateSecret},
		{"ProfileUpdateScopesAndActions", testProfileUpdateScopesAndActions},
		{"ProfileUpdateStaleVersion", testProfileUpdateConflict},
		{"ProfileUpdateNoOp", testProfileUpdateNoOp},
		{"ProfileUpdateSameSecret", testProfileUpdateSameSecret},
		{"ProfileRename", testProfileRename},
		{"ProfileList", testProfileList},
		{"ProfileListByEnabled", testProfileListByEnabled},
		{"ProfileDefaultTakenOnCreate", testProfileDefaultTakenOnCreate},
		{"ProfileDefaultTakenOnUpdate", testProfileDefaultTakenOnUpdate},
		{"ProfileDefaultMoved", testProfileDefaultMoved},
		{"ProfileSecretVersion", testProfileSecretVersion},
		{"ProfileSecretVersionWithSameSecret", testProfileSecretVersionSameSecret},
		{"HostileNamesAreParametersComparedExactly", testHostileNames},
		{"ScopeSetRoundTrip", testScopeSetRoundTrip},
		{"ScopeSetNameTaken", testScopeSetNameTaken},
		{"ScopeSetNotFound", testScopeSetNotFound},
		{"ScopeSetUpdate", testScopeSetUpdate},
		{"ScopeSetUpdateStaleVersion", testScopeSetUpdateConflict},
		{"ScopeSetUpdateNoOp", testScopeSetUpdateNoOp},
		{"ScopeSetRename", testScopeSetRename},
		{"ScopeSetList", testScopeSetList},
		{"ProfileRequestKeyOnCreate", testProfileRequestKeyOnCreate},
		{"ProfileRequestKeyOnUpdate", testProfileRequestKeyOnUpdate},
		{"ProfileRequestKeyKeptByNoOp", testProfileRequestKeyKeptByNoOp},
		{"ScopeSetRequestKeyOnCreate", testScopeSetRequestKeyOnCreate},
		{"ScopeSetRequestKeyOnUpdate", testScopeSetRequestKeyOnUpdate},
		{"ScopeSetRequestKeyKeptByNoOp", testScopeSetRequestKeyKeptByNoOp},
		{"ConcurrentCreates", testConcurrentCreates},
		{"ConcurrentCreatesOfOneName", testConcurrentSameName},
		{"ConcurrentCreatesOfDefaults", testConcurrentDefaults},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := open(t)
			t.Cleanup(func() {
				if err := b.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, b)
		})
	}
}

// sampleProfile is a profile input with every field set, its lists out of
// order and with duplicates. It is enabled, but not the default, since an
// environment has only one.
func sampleProfile(name, env string) backend.ProfileInput {
	return backend.ProfileInput{
		Name:         name,
		Description:  "Profile " + name,
		Environment:  env,
		ClientID:     "client-" + name,
		ClientSecret: "secret-" + name,
		CallbackURL:  "https://example.com/" + name + "/callback",
		LogoURL:      "https://example.com/" + name + "/logo.png",
		Scopes:       []string{"write", "read", "read"},
		Actions:      []string{"sync", "archive", "sync"},
		Enabled:      true,
	}
}

func mustCreateProfile(t *testing.T, b backend.Backend, in backend.ProfileInput) backend.Profile {
	t.Helper()
	p, err := b.CreateProfile(context.Background(), in)
	if err != nil {
		t.Fatalf("CreateProfile(%q, %q): %v", in.Environment, in.Name, err)
	}
	return p
}

func mustGetProfile(t *testing.T, b backend.Backend, id string) backend.Profile {
	t.Helper()
	p, err := b.GetProfile(context.Background(), id)
	if err != nil {
		t.Fatalf("GetProfile(%s): %v", id, err)
	}
	return p
}

func mustUpdateProfile(t *testing.T, b backend.Backend, p backend.Profile,
	ch backend.ProfileChange,
) backend.Profile {
	t.Helper()
	got, err := b.UpdateProfile(context.Background(), p.ID, p.Version, ch)
	if err != nil {
		t.Fatalf("UpdateProfile(%s, %d): %v", p.ID, p.Version, err)
	}
	return got
}

func mustCreateScopeSet(t *testing.T, b backend.Backend, in backend.ScopeSetInput) backend.ScopeSet {
	t.Helper()
	ss, err := b.CreateScopeSet(context.Background(), in)
	if err != nil {
		t.Fatalf("CreateScopeSet(%q): %v", in.Name, err)
	}
	return ss
}

func mustUpdateScopeSet(t *testing.T, b backend.Backend, ss backend.ScopeSet,
	ch backend.ScopeSetChange,
) backend.ScopeSet {
	t.Helper()
	got, err := b.UpdateScopeSet(context.Background(), ss.ID, ss.Version, ch)
	if err != nil {
		t.Fatalf("UpdateScopeSet(%s, %d): %v", ss.ID, ss.Version, err)
	}
	return got
}

// diffProfile describes how got differs from want, or returns "" when they
// match. Times are compared as instants, lists with nil apart from empty.
func diffProfile(got, want backend.Profile) string {
	var d []string
	field := func(name string, g, w any) {
		if g != w {
			d = append(d, fmt.Sprintf("%s = %v, want %v", name, g, w))
		}
	}
	field("ID", got.ID, want.ID)
	field("Name", got.Name, want.Name)
	field("Description", got.Description, want.Description)
	field("Environment", got.Environment, want.Environment)
	field("ClientID", got.ClientID, want.ClientID)
	field("SecretFingerprint", got.SecretFingerprint, want.SecretFingerprint)
	field("CallbackURL", got.CallbackURL, want.CallbackURL)
	field("LogoURL", got.LogoURL, want.LogoURL)
	field("Enabled", got.Enabled, want.Enabled)
	field("Default", got.Default, want.Default)
	field("SecretVersion", got.SecretVersion, want.SecretVersion)
	field("RequestKey", got.RequestKey, want.RequestKey)
	field("Version", got.Version, want.Version)
	if !sameList(got.Scopes, want.Scopes) {
		d = append(d, fmt.Sprintf("Scopes = %s, want %s", showList(got.Scopes), showList(want.Scopes)))
	}
	if !sameList(got.Actions, want.Actions) {
		d = append(d, fmt.Sprintf("Actions = %s, want %s", showList(got.Actions), showList(want.Actions)))
	}
	if !got.CreatedAt.Equal(want.CreatedAt) {
		d = append(d, fmt.Sprintf("CreatedAt = %v, want %v", got.CreatedAt, want.CreatedAt))
	}
	if !got.UpdatedAt.Equal(want.UpdatedAt) {
		d = append(d, fmt.Sprintf("UpdatedAt = %v, want %v", got.UpdatedAt, want.UpdatedAt))
	}
	if len(d) == 0 {
		return ""
	}
	return fmt.Sprint(d)
}

func diffScopeSet(got, want backend.ScopeSet) string {
	var d []string
	field := func(name string, g, w any) {
		if g != w {
			d = append(d, fmt.Sprintf("%s = %v, want %v", name, g, w))
		}
	}
	field("ID", got.ID, want.ID)
	field("Name", got.Name, want.Name)
	field("Description", got.Description, want.Description)
	field("RequestKey", got.RequestKey, want.RequestKey)
	field("Version", got.Version, want.Version)
	if !slices.Equal(got.Scopes, want.Scopes) {
		d = append(d, fmt.Sprintf("Scopes = %s, want %s", showList(got.Scopes), showList(want.Scopes)))
	}
	if !got.CreatedAt.Equal(want.CreatedAt) {
		d = append(d, fmt.Sprintf("CreatedAt = %v, want %v", got.CreatedAt, want.CreatedAt))
	}
	if !got.UpdatedAt.Equal(want.UpdatedAt) {
		d = append(d, fmt.Sprintf("UpdatedAt = %v, want %v", got.UpdatedAt, want.UpdatedAt))
	}
	if len(d) == 0 {
		return ""
	}
	return fmt.Sprint(d)
}

func sameList(a, b []string) bool {
	return (a == nil) == (b == nil) && slices.Equal(a, b)
}

// showList prints nil and empty differently, which %v does not.
func showList(l []string) string {
	if l == nil {
		return "nil"
	}
	return fmt.Sprintf("%q", l)
}

// checkTimes checks that a new record's times are set, in UTC, equal to
// each other and taken between before and after (with a second of slack
// for a store on another clock).
func checkTimes(t *testing.T, what string, created, updated, before, after time.Time) {
	t.Helper()
	if created.IsZero() || created.Location() != time.UTC {
		t.Errorf("%s CreatedAt = %v, want a UTC time", what, created)
	}
	if !updated.Equal(created) {
		t.Errorf("%s UpdatedAt = %v, want CreatedAt %v", what, updated, created)
	}
	if created.Before(before.Add(-time.Second)) || created.After(after.Add(time.Second)) {
		t.Errorf("%s CreatedAt = %v, want between %v and %v", what, created, before, after)
	}
}

// pause lets the clock move on, so that an updated time can be told from
// the one before it even on a coarse clock.
func pause() { time.Sleep(10 * time.Millisecond) }

func wantNameTaken(t *testing.T, err error, kind, name, env, existing string) {
	t.Helper()
	var nt *backend.NameTakenError
	if !errors.As(err, &nt) {
		t.Fatalf("error = %v, want a *backend.NameTakenError", err)
	}
	if nt.Kind != kind || nt.Name != name || nt.Environment != env || nt.ExistingID != existing {
		t.Errorf("NameTakenError = %+v, want Kind %q, Name %q, Environment %q, ExistingID %s",
			*nt, kind, name, env, existing)
	}
}

func wantDefaultTaken(t *testing.T, err error, env string, existing backend.Profile) {
	t.Helper()
	var dt *backend.DefaultTakenError
	if !errors.As(err, &dt) {
		t.Fatalf("error = %v, want a *backend.DefaultTakenError", err)
	}
	want := backend.DefaultTakenError{
		Environment: env, ExistingID: existing.ID, ExistingName: existing.Name,
	}
	if *dt != want {
		t.Errorf("DefaultTakenError = %+v, want %+v", *dt, want)
	}
}

func wantNotFound(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, backend.ErrNotFound) {
		t.Errorf("%s: error = %v, want backend.ErrNotFound", what, err)
	}
}

func wantConflict(t *testing.T, err error, id string, expected, actual int64) {
	t.Helper()
	var ce *backend.ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("error = %v, want a *backend.ConflictError", err)
	}
	if ce.ID != id || ce.Expected != expected || ce.Actual != actual {
		t.Errorf("ConflictError = %+v, want ID %s, Expected %d, Actual %d",
			*ce, id, expected, actual)
	}
}

func ptr[T any](v T) *T { return &v }

func testDescribe(t *testing.T, b backend.Backend) {
	if b.Describe() == "" {
		t.Error("Describe() is empty")
	}
}
