// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backendtest

import (
	"context"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

func testProfileListByEnabled(t *testing.T, b backend.Backend) {
	on := mustCreateProfile(t, b, sampleProfile("on", "sandbox"))
	offIn := sampleProfile("off", "sandbox")
	offIn.Enabled = false
	off := mustCreateProfile(t, b, offIn)
	offIn.Environment = "production"
	prodOff := mustCreateProfile(t, b, offIn)

	for _, tc := range []struct {
		filter backend.ProfileFilter
		want   []backend.Profile
	}{
		{backend.ProfileFilter{}, []backend.Profile{on, off, prodOff}},
		{backend.ProfileFilter{Enabled: ptr(true)}, []backend.Profile{on}},
		{backend.ProfileFilter{Enabled: ptr(false)}, []backend.Profile{off, prodOff}},
		{backend.ProfileFilter{Environment: "sandbox", Enabled: ptr(false)}, []backend.Profile{off}},
		{backend.ProfileFilter{Name: "off", Enabled: ptr(true)}, nil},
	} {
		wantProfileList(t, b, tc.filter, tc.want)
	}

	on = mustUpdateProfile(t, b, on, backend.ProfileChange{Enabled: ptr(false)})
	wantProfileList(t, b, backend.ProfileFilter{Enabled: ptr(true)}, nil)
	wantProfileList(t, b, backend.ProfileFilter{Environment: "sandbox", Enabled: ptr(false)},
		[]backend.Profile{on, off})
}

// sampleDefault is sampleProfile made the default of its environment.
func sampleDefault(name, env string) backend.ProfileInput {
	in := sampleProfile(name, env)
	in.Default = true
	return in
}

func testProfileDefaultTakenOnCreate(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	main := mustCreateProfile(t, b, sampleDefault("main", "sandbox"))

	_, err := b.CreateProfile(ctx, sampleDefault("second", "sandbox"))
	wantDefaultTaken(t, err, "sandbox", main)
	wantProfileList(t, b, backend.ProfileFilter{Name: "second"}, nil)

	// A profile that is not the default, and the default of another
	// environment, are no clash.
	mustCreateProfile(t, b, sampleProfile("second", "sandbox"))
	prod := mustCreateProfile(t, b, sampleDefault("main", "production"))
	if !prod.Default || !mustGetProfile(t, b, main.ID).Default {
		t.Error("each environment should keep its own default")
	}
}

func testProfileDefaultTakenOnUpdate(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	main := mustCreateProfile(t, b, sampleDefault("main", "sandbox"))
	other := mustCreateProfile(t, b, sampleProfile("other", "sandbox"))
	mustCreateProfile(t, b, sampleDefault("main", "production"))

	for _, ch := range []backend.ProfileChange{
		{Default: ptr(true)},
		// Nothing of a refused change is applied.
		{Default: ptr(true), Description: ptr("changed")},
	} {
		_, err := b.UpdateProfile(ctx, other.ID, other.Version, ch)
		wantDefaultTaken(t, err, "sandbox", main)
		if d := diffProfile(mustGetProfile(t, b, other.ID), other); d != "" {
			t.Errorf("after the refused change, GetProfile returned %s", d)
		}
	}

	// Making the default the default again changes nothing.
	got := mustUpdateProfile(t, b, main, backend.ProfileChange{Default: ptr(true)})
	if d := diffProfile(got, main); d != "" {
		t.Errorf("setting Default on the default returned %s", d)
	}
}

func testProfileDefaultMoved(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	main := mustCreateProfile(t, b, sampleDefault("main", "sandbox"))
	other := mustCreateProfile(t, b, sampleProfile("other", "sandbox"))

	// The default moves by unsetting the old one first.
	main = mustUpdateProfile(t, b, main, backend.ProfileChange{Default: ptr(false)})
	other = mustUpdateProfile(t, b, other, backend.ProfileChange{Default: ptr(true)})
	if got := mustGetProfile(t, b, main.ID); got.Default {
		t.Error("the old default is still the default")
	}
	if got := mustGetProfile(t, b, other.ID); !got.Default {
		t.Error("the new default is not the default")
	}
	_, err := b.UpdateProfile(ctx, main.ID, main.Version, backend.ProfileChange{Default: ptr(true)})
	wantDefaultTaken(t, err, "sandbox", other)

	// Deleting the default leaves the environment without one.
	if err := b.DeleteProfile(ctx, other.ID); err != nil {
		t.Fatalf("DeleteProfile: %v", err)
	}
	mustCreateProfile(t, b, sampleDefault("third", "sandbox"))
}

func testProfileSecretVersion(t *testing.T, b backend.Backend) {
	in := sampleProfile("wo", "sandbox")
	in.SecretVersion = 2
	p := mustCreateProfile(t, b, in)
	if p.SecretVersion != 2 {
		t.Fatalf("SecretVersion = %d, want 2", p.SecretVersion)
	}

	// A new secret comes with its version...
	got := mustUpdateProfile(t, b, p, backend.ProfileChange{
		ClientSecret: ptr("third"), SecretVersion: ptr(int64(3)),
	})
	if got.SecretVersion != 3 || got.Version != p.Version+1 ||
		!backend.FingerprintMatches(got.SecretFingerprint, "third") {
		t.Errorf("after a secret with version 3: SecretVersion = %d, Version = %d; want 3, %d, "+
			"and the new secret's fingerprint", got.SecretVersion, got.Version, p.Version+1)
	}
	if d := diffProfile(mustGetProfile(t, b, p.ID), got); d != "" {
		t.Errorf("GetProfile returned %s", d)
	}

	// ...or without one, which records 0: written outside the write-only form.
	p = got
	got = mustUpdateProfile(t, b, p, backend.ProfileChange{ClientSecret: ptr("plain")})
	if got.SecretVersion != 0 || got.Version != p.Version+1 ||
		!backend.FingerprintMatches(got.SecretFingerprint, "plain") {
		t.Errorf("after a secret without version: SecretVersion = %d, Version = %d; want 0, %d, "+
			"and the new secret's fingerprint", got.SecretVersion, got.Version, p.Version+1)
	}
	if d := diffProfile(mustGetProfile(t, b, p.ID), got); d != "" {
		t.Errorf("GetProfile returned %s", d)
	}
}

func testProfileSecretVersionSameSecret(t *testing.T, b backend.Backend) {
	in := sampleProfile("same", "sandbox")
	in.SecretVersion = 1
	p := mustCreateProfile(t, b, in)
	pause()

	// The same secret with a new version changes the version alone.
	got := mustUpdateProfile(t, b, p, backend.ProfileChange{
		ClientSecret: ptr(in.ClientSecret), SecretVersion: ptr(int64(2)),
	})
	want := p
	want.SecretVersion = 2
	want.Version = p.Version + 1
	want.UpdatedAt = got.UpdatedAt
	if d := diffProfile(got, want); d != "" {
		t.Errorf("same secret, new version: UpdateProfile returned %s", d)
	}
	if !got.UpdatedAt.After(p.UpdatedAt) {
		t.Errorf("UpdatedAt = %v, want after %v", got.UpdatedAt, p.UpdatedAt)
	}

	// The same secret with the same version is no change at all.
	pause()
	again := mustUpdateProfile(t, b, got, backend.ProfileChange{
		ClientSecret: ptr(in.ClientSecret), SecretVersion: ptr(int64(2)),
	})
	if d := diffProfile(again, got); d != "" {
		t.Errorf("same secret, same version: UpdateProfile returned %s", d)
	}
	if d := diffProfile(mustGetProfile(t, b, p.ID), got); d != "" {
		t.Errorf("same secret, same version: GetProfile returned %s", d)
	}

	// The same secret without a version still sets the version to 0.
	reset := mustUpdateProfile(t, b, got, backend.ProfileChange{ClientSecret: ptr(in.ClientSecret)})
	want = got
	want.SecretVersion = 0
	want.Version = got.Version + 1
	want.UpdatedAt = reset.UpdatedAt
	if d := diffProfile(reset, want); d != "" {
		t.Errorf("same secret, no version: UpdateProfile returned %s", d)
	}
}
