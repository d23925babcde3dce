// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"net/url"
	"strings"
	"testing"
)

func TestProfileAuthorizationURL(t *testing.T) {
	env, _ := LookupEnvironment(EnvironmentSandbox)
	cases := map[string]struct {
		callback, wantRedirect string
		scopes                 []string
		wantScope              string
	}{
		"canonical callback, normalised scopes": {
			callback: "HTTPS://Hooks.Example.COM/Cb", wantRedirect: "https://hooks.example.com/Cb",
			scopes:    []string{"users:read:admin", "users:write:admin", "offline_access"},
			wantScope: "offline_access users:write:admin",
		},
		"nil scopes mean the defaults": {
			callback: DefaultCallbackURL, wantRedirect: DefaultCallbackURL,
			wantScope: strings.Join(NormalizeScopes(DefaultScopes()), " "),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			u, err := url.Parse(ProfileAuthorizationURL(env, "cid", tc.callback, tc.scopes, ""))
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			if got := q.Get("redirect_uri"); got != tc.wantRedirect {
				t.Errorf("redirect_uri = %q, want %q", got, tc.wantRedirect)
			}
			if got := q.Get("scope"); got != tc.wantScope {
				t.Errorf("scope = %q, want %q", got, tc.wantScope)
			}
			if q.Has("state") {
				t.Errorf("state is set with an empty state")
			}
		})
	}
}
