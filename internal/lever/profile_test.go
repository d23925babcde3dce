// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"strings"
	"testing"
)

func validProfile() ProfileSpec {
	return ProfileSpec{
		Name:         "Acme Recruiting",
		Description:  "Syncs candidates and interviews into Acme's hiring dashboard.",
		Environment:  "production",
		ClientID:     "AbC123dEf456",
		ClientSecret: "Zq9xW7-very-secret-value",
	}
}

func TestCheckProfile(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*ProfileSpec)
		wants  []want
	}{
		{name: "minimal", modify: func(*ProfileSpec) {}},
		{name: "everything set", modify: func(p *ProfileSpec) {
			p.CallbackURL = "http://localhost:3000/login"
			p.LogoURL = "https://cdn.example.com/logo.png"
			p.Scopes = []string{"offline_access", "users:read:admin", "interviews:write:admin"}
			p.Actions = []string{"list_interviews", "create_interview", "list_users"}
		}},
		{name: "default actions", modify: func(p *ProfileSpec) {
			p.Actions = []string{"list_opportunities", "list_feedback"}
		}},
		{name: "all bad", modify: func(p *ProfileSpec) {
			*p = ProfileSpec{
				Name:         " ",
				Description:  "short",
				Environment:  "Production",
				ClientID:     "a b",
				ClientSecret: "",
				CallbackURL:  "http://example.com/cb",
				LogoURL:      "ftp://x/logo.png",
				Scopes:       []string{"users:read:admin"},
				Actions:      []string{"create_note"},
			}
		}, wants: []want{
			errorOn("name", "Missing Name"),
			errorOn("description", "Description Too Short", "5 characters"),
			errorOn("environment", "Unknown Lever Environment", `Did you mean "production"?`),
			errorOn("client_id", "Invalid Client ID"),
			errorOn("client_secret", "Missing Client Secret"),
			errorOn("callback_url", "Insecure Callback URL"),
			errorOn("logo_url", "Insecure Logo URL"),
			errorOn("scopes", "Missing Required Scope", `"offline_access"`),
			{field: "actions", element: "create_note", summary: "Action Needs Missing Scope"},
		}},
		{name: "description content", modify: func(p *ProfileSpec) {
			p.Description = "Syncs candidates into Acme's dashboard.\n"
		}, wants: []want{errorOn("description", "Description Contains Control Characters",
			"line break")}},
		{name: "invisible characters", modify: func(p *ProfileSpec) {
			p.Name = "Acme\u200b"
			p.ClientID = "\ufeffAbC123"
		}, wants: []want{
			errorOn("name", "Name Contains Invisible Characters"),
			errorOn("client_id", "Client ID Contains Invisible Characters"),
		}},
		{name: "empty scopes", modify: func(p *ProfileSpec) { p.Scopes = []string{} },
			wants: []want{errorOn("scopes", "Empty Scope List")}},
		{name: "warning only", modify: func(p *ProfileSpec) {
			p.Scopes = []string{"offline_access", "users:read:admin", "users:write:admin"}
		}, wants: []want{{field: "scopes", element: "users:read:admin",
			severity: SeverityWarning, summary: "Redundant Read Scope"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProfile()
			tt.modify(&p)
			ps := CheckProfile(p)
			assertProblems(t, ps, tt.wants...)
			for _, pr := range ps {
				if p.ClientSecret != "" && strings.Contains(pr.Detail, p.ClientSecret) {
					t.Errorf("problem shows the client secret: %s", pr.Detail)
				}
			}
		})
	}
}

func TestCheckProfileNeverShowsSecret(t *testing.T) {
	for _, secret := range []string{" Zq9xW7-Kp3v ", "Zq9xW7\nKp3v", "Zq9xW7\x00"} {
		p := validProfile()
		p.ClientSecret = secret
		ps := CheckProfile(p)
		if !HasErrors(ps) {
			t.Errorf("secret %q accepted", secret)
		}
		assertNoSecret(t, ps, secret)
	}
}
