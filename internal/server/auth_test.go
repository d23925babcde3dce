// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

func TestAuthentication(t *testing.T) {
	e := newEnv(t, servertest.Options{})
	for name, token := range map[string]string{"none": "", "unknown": "not-a-token",
		"jwt-shaped": "a.b.c"} {
		t.Run(name, func(t *testing.T) {
			a := e.call(token, http.MethodGet, api.PathProfiles, nil).want(t, http.StatusUnauthorized)
			a.problem(t, api.ProblemUnauthenticated)
			if !strings.HasPrefix(a.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate = %q", a.header.Get("WWW-Authenticate"))
			}
		})
	}
	a := e.call("", http.MethodGet, api.PathProfiles, nil, "Authorization", "Basic "+manageToken)
	a.want(t, http.StatusUnauthorized)

	e.call("", http.MethodGet, api.PathHealth, nil).want(t, http.StatusOK)
	e.call("", http.MethodGet, api.PathReady, nil).want(t, http.StatusOK)
}

// TestEveryRouteNeedsAToken sends each operation of the OpenAPI document
// without a token: only health and readiness answer, every other route is
// refused before it reads the store or the body.
func TestEveryRouteNeedsAToken(t *testing.T) {
	e := newEnv(t, servertest.Options{SkipValidation: true})
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for path, item := range doc.Paths.Map() {
		concrete := strings.NewReplacer("{id}", "lcp_aaaaaaaaaaaaaaaaaaaaaaaaaa").Replace(path)
		for method := range item.Operations() {
			want := http.StatusUnauthorized
			if path == api.PathHealth || path == api.PathReady {
				want = http.StatusOK
			}
			e.call("", method, concrete, `{}`).want(t, want)
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d operations in the document; the test would prove little", checked)
	}
}

func TestRoles(t *testing.T) {
	e := newEnv(t, servertest.Options{})
	created := e.createProfile(newProfile("Roles"))
	path := api.PathProfiles + "/" + created.ID

	forbidden := []struct{ token, method, path string }{
		{manageToken, http.MethodGet, path + api.SuffixSecret},
		{readerToken, http.MethodPost, api.PathProfiles},
		{readerToken, http.MethodPatch, path},
		{readerToken, http.MethodDelete, path},
		{readerToken, http.MethodGet, api.PathScopeSets},
		{readerToken, http.MethodPost, api.PathScopeSets},
	}
	for _, f := range forbidden {
		e.call(f.token, f.method, f.path, nil).want(t, http.StatusForbidden).problem(t, api.ProblemForbidden)
	}
	e.call(readerToken, http.MethodGet, path, nil).want(t, http.StatusOK)
	e.call(readerToken, http.MethodGet, api.PathProfiles, nil).want(t, http.StatusOK)
	e.call(readerToken, http.MethodGet, path+api.SuffixSecret, nil).want(t, http.StatusOK)

	// Another tenant sees nothing of acme's.
	e.call(otherToken, http.MethodGet, path, nil).want(t, http.StatusNotFound)
	e.call(otherToken, http.MethodDelete, path, nil).want(t, http.StatusNotFound)
	list := decode[api.ProfileList](t, e.call(otherToken, http.MethodGet, api.PathProfiles, nil))
	if len(list.Items) != 0 {
		t.Errorf("tenant other lists acme's profiles: %+v", list)
	}
}

func TestTokenConfiguration(t *testing.T) {
	tenants := servertest.NewEmbeddedTenants(t)
	good := servertest.NewToken("a", "acme", api.RoleManage, "x")
	for name, tokens := range map[string][]server.Token{
		"no name":      {{Tenant: "acme", Role: api.RoleManage, SHA256: good.SHA256}},
		"same name":    {good, good},
		"bad hash":     {{Name: "a", Tenant: "acme", Role: api.RoleManage, SHA256: "abc"}},
		"bad tenant":   {{Name: "a", Tenant: "Acme Corp", Role: api.RoleManage, SHA256: good.SHA256}},
		"unknown role": {{Name: "a", Tenant: "acme", Role: "admin", SHA256: good.SHA256}},
	} {
		if _, err := server.New(server.Config{Tenants: tenants, Tokens: tokens}); err == nil {
			t.Errorf("%s: New accepted %+v", name, tokens)
		}
	}
}

func TestRateLimit(t *testing.T) {
	e := newEnv(t, servertest.Options{RatePerSecond: 0.5, Burst: 2})
	for range 2 {
		e.call(manageToken, http.MethodGet, api.PathProfiles, nil).want(t, http.StatusOK)
	}
	a := e.call(manageToken, http.MethodGet, api.PathProfiles, nil).want(t, http.StatusTooManyRequests)
	a.problem(t, api.ProblemRateLimited)
	seconds, err := strconv.Atoi(a.header.Get("Retry-After"))
	if err != nil || seconds < 1 {
		t.Errorf("Retry-After = %q, want whole seconds, at least 1", a.header.Get("Retry-After"))
	}
	// The limit is per token.
	e.call(readerToken, http.MethodGet, api.PathProfiles, nil).want(t, http.StatusOK)
	// Health checks are not limited.
	e.call("", http.MethodGet, api.PathHealth, nil).want(t, http.StatusOK)
}
