// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"net/url"
	"slices"
	"testing"

	"golang.org/x/oauth2"
)

func TestAuthorizationURL(t *testing.T) {
	sandbox, _ := LookupEnvironment("sandbox")
	production, _ := LookupEnvironment("production")
	tests := []struct {
		name     string
		env      Environment
		scopes   []string
		state    string
		endpoint string
		want     url.Values
	}{
		{
			name:     "production without state",
			env:      production,
			scopes:   []string{"users:read:admin", "offline_access"},
			endpoint: "https://auth.lever.co/authorize",
			want: url.Values{
				"client_id":     {"client-123"},
				"redirect_uri":  {DefaultCallbackURL},
				"response_type": {"code"},
				"scope":         {"offline_access users:read:admin"},
				"audience":      {"https://api.lever.co/v1/"},
				"prompt":        {"consent"},
			},
		},
		{
			name:     "sandbox with state",
			env:      sandbox,
			scopes:   []string{"opportunities:read:admin", "offline_access", "users:write:admin"},
			state:    "a b&c=d",
			endpoint: "https://sandbox-lever.auth0.com/authorize",
			want: url.Values{
				"client_id":     {"client-123"},
				"redirect_uri":  {DefaultCallbackURL},
				"response_type": {"code"},
				// Sorted, but not expanded or normalised: exactly what was asked for.
				"scope":    {"offline_access opportunities:read:admin users:write:admin"},
				"audience": {"https://api.sandbox.lever.co/v1/"},
				"prompt":   {"consent"},
				"state":    {"a b&c=d"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.scopes)
			raw := AuthorizationURL(tt.env, "client-123", DefaultCallbackURL, in, tt.state)
			if !slices.Equal(in, tt.scopes) {
				t.Errorf("AuthorizationURL reordered the caller's scopes: %q", in)
			}
			u, err := url.Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := u.Scheme + "://" + u.Host + u.Path; got != tt.endpoint {
				t.Errorf("endpoint = %q, want %q", got, tt.endpoint)
			}
			got := u.Query()
			if len(got) != len(tt.want) {
				t.Errorf("parameters %v, want exactly %v", got, tt.want)
			}
			for k, v := range tt.want {
				if !slices.Equal(got[k], v) {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
			if _, ok := got["state"]; ok != (tt.state != "") {
				t.Errorf("state present = %v, want %v", ok, tt.state != "")
			}
		})
	}
}

func TestOAuthConfig(t *testing.T) {
	env, _ := LookupEnvironment("production")
	cfg := OAuthConfig(env, "id", "secret", DefaultCallbackURL, []string{"b", "a"})
	if cfg.Endpoint.AuthStyle != oauth2.AuthStyleInParams {
		t.Errorf("AuthStyle = %v; Lever reads the secret from the body", cfg.Endpoint.AuthStyle)
	}
	if cfg.Endpoint.TokenURL != env.TokenURL || cfg.Endpoint.AuthURL != env.AuthorizeURL {
		t.Errorf("endpoint = %+v", cfg.Endpoint)
	}
	if !slices.Equal(cfg.Scopes, []string{"a", "b"}) || cfg.ClientSecret != "secret" {
		t.Errorf("config = %+v", cfg)
	}
}
