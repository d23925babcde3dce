// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backend

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckTenant(t *testing.T) {
	tests := []struct {
		name string
		// problem is part of the error, or "" for a valid name.
		problem string
	}{
		{"a", ""},
		{"7", ""},
		{"acme", ""},
		{"acme-eu-2", ""},
		{"0-a", ""},
		{"a-", ""},
		{strings.Repeat("x", 63), ""},
		{"", "is empty"},
		{strings.Repeat("x", 64), "is 64 bytes long"},
		{"-acme", "starts with a hyphen"},
		{"Acme", `has 'A' at byte 0`},
		{"acme_eu", `has '_' at byte 4`},
		{"acme.eu", `has '.' at byte 4`},
		{"a/b", `has '/' at byte 1`},
		{"..", `has '.' at byte 0`},
		{"acme eu", `has ' ' at byte 4`},
		{"café", `has 'é' at byte 3`},
		{"a\x00", `has '\x00' at byte 1`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckTenant(tc.name)
			if tc.problem == "" {
				if err != nil {
					t.Fatalf("CheckTenant(%q) = %v, want nil", tc.name, err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidTenant) {
				t.Fatalf("CheckTenant(%q) = %v, want an error matching ErrInvalidTenant",
					tc.name, err)
			}
			for _, want := range []string{tc.problem, tenantRule} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("CheckTenant(%q) = %q, want it to say %q", tc.name, err, want)
				}
			}
		})
	}
}

func FuzzCheckTenant(f *testing.F) {
	for _, s := range []string{"acme", "", "-a", "A", "a.b", strings.Repeat("z", 64)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if CheckTenant(name) != nil {
			return
		}
		if len(name) == 0 || len(name) > MaxTenantLength || name[0] == '-' {
			t.Fatalf("CheckTenant accepted %q", name)
		}
		if strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			t.Fatalf("CheckTenant accepted %q", name)
		}
	})
}
