// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestEnvironments(t *testing.T) {
	want := []Environment{
		{
			Name:         "sandbox",
			APIBaseURL:   "https://api.sandbox.lever.co/v1",
			AuthorizeURL: "https://sandbox-lever.auth0.com/authorize",
			TokenURL:     "https://sandbox-lever.auth0.com/oauth/token",
			Audience:     "https://api.sandbox.lever.co/v1/",
		},
		{
			Name:         "production",
			APIBaseURL:   "https://api.lever.co/v1",
			AuthorizeURL: "https://auth.lever.co/authorize",
			TokenURL:     "https://auth.lever.co/oauth/token",
			Audience:     "https://api.lever.co/v1/",
		},
	}
	if got := Environments(); !slices.Equal(got, want) {
		t.Fatalf("Environments() = %+v, want %+v", got, want)
	}
	if got := EnvironmentNames(); !slices.Equal(got, []string{"sandbox", "production"}) {
		t.Errorf("EnvironmentNames() = %q", got)
	}
	for _, e := range want {
		// The audience is the API base with the trailing slash Lever documents.
		if e.Audience != e.APIBaseURL+"/" {
			t.Errorf("%s: audience %q does not match API base %q", e.Name, e.Audience,
				e.APIBaseURL)
		}
	}
}

func TestEnvironmentsAreCopies(t *testing.T) {
	envs := Environments()
	envs[0].TokenURL = "https://evil.example/token"
	names := EnvironmentNames()
	names[0] = "changed"
	e, _ := LookupEnvironment("sandbox")
	if e.TokenURL != "https://sandbox-lever.auth0.com/oauth/token" {
		t.Errorf("package state changed through Environments(): %q", e.TokenURL)
	}
	if EnvironmentNames()[0] != "sandbox" {
		t.Error("package state changed through EnvironmentNames()")
	}
}

func TestLookupEnvironment(t *testing.T) {
	tests := []struct {
		name   string
		wantOK bool
	}{
		{"sandbox", true},
		{"production", true},
		{"Sandbox", false},
		{"PRODUCTION", false},
		{" sandbox", false},
		{"prod", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := LookupEnvironment(tt.name)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if ok && e.Name != tt.name {
				t.Errorf("Name = %q, want %q", e.Name, tt.name)
			}
			if !ok && e != (Environment{}) {
				t.Errorf("want zero Environment when not found, got %+v", e)
			}
		})
	}
}

func TestCheckEnvironment(t *testing.T) {
	tests := []struct {
		env      string
		wants    []want
		didYou   string
		noDidYou bool
	}{
		{env: "sandbox"},
		{env: "production"},
		{env: "Sandbox", didYou: `Did you mean "sandbox"?`,
			wants: []want{errorOn("environment", "Unknown Lever Environment", `"Sandbox"`,
				`"sandbox" or "production"`)}},
		{env: " production\n", didYou: `Did you mean "production"?`,
			wants: []want{errorOn("environment", "Unknown Lever Environment")}},
		{env: "prod", noDidYou: true,
			wants: []want{errorOn("environment", "Unknown Lever Environment", `"prod"`)}},
		{env: "", noDidYou: true,
			wants: []want{errorOn("environment", "Missing Lever Environment",
				`"sandbox" or "production"`)}},
		{env: "   ", noDidYou: true,
			wants: []want{errorOn("environment", "Missing Lever Environment")}},
		// Look-alikes: shown escaped, so that the message does not read as
		// "sandbox" is not "sandbox", and still recognised.
		{env: "s\u0430ndbox", didYou: `Did you mean "sandbox"?`,
			wants: []want{errorOn("environment", "Unknown Lever Environment",
				`"s\u0430ndbox"`, "U+0430 at position 2")}},
		{env: "sandbox\u200b", didYou: `Did you mean "sandbox"?`,
			wants: []want{errorOn("environment", "Unknown Lever Environment", `"sandbox\u200b"`)}},
		{env: "\uff53\uff41\uff4e\uff44\uff42\uff4f\uff58", didYou: `Did you mean "sandbox"?`,
			wants: []want{errorOn("environment", "Unknown Lever Environment")}},
		{env: "live", noDidYou: true,
			wants: []want{errorOn("environment", "Unknown Lever Environment")}},
		{env: "sandbx", didYou: `Did you mean "sandbox"?`,
			wants: []want{errorOn("environment", "Unknown Lever Environment")}},
		{env: strings.Repeat("x", 1<<20), noDidYou: true,
			wants: []want{errorOn("environment", "Unknown Lever Environment",
				"(1048576 characters)")}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%.20q", tt.env), func(t *testing.T) {
			ps := CheckEnvironment(tt.env)
			assertProblems(t, ps, tt.wants...)
			if tt.didYou != "" && !strings.Contains(ps[0].Detail, tt.didYou) {
				t.Errorf("detail %q lacks %q", ps[0].Detail, tt.didYou)
			}
			if tt.noDidYou && strings.Contains(ps[0].Detail, "Did you mean") {
				t.Errorf("detail %q suggests something for %q", ps[0].Detail, tt.env)
			}
		})
	}
}
