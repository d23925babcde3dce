// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

// Tokens of the tests' servers. Tenant acme has a manager and a secret
// reader; tenant other has a manager.
const (
	manageToken = "tok-manage-acme-7f3e9a1c5b"
	readerToken = "tok-reader-acme-2d8b4f6e0a"
	otherToken  = "tok-manage-other-9c1a7e3f5d"
	// clientSecret is the client secret the tests' profiles get.
	clientSecret = "lever-secret-Zq81Xv0PpW3"
)

var testTokens = []struct{ name, tenant, role, value string }{
	{"acme-manager", "acme", api.RoleManage, manageToken},
	{"acme-reader", "acme", api.RoleReadSecrets, readerToken},
	{"other-manager", "other", api.RoleManage, otherToken},
}

// env is a server under test and its captured log.
type env struct {
	t    *testing.T
	url  string
	logs *servertest.LogBuffer
	srv  *servertest.Server
}

// forEachStore runs fn on a server over each kind of store.
func forEachStore(t *testing.T, fn func(t *testing.T, e *env)) {
	for kind, newTenants := range servertest.StoreKinds() {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			fn(t, newEnv(t, servertest.Options{Tenants: newTenants(t)}))
		})
	}
}

// newEnv starts a server with the test tokens, logging at debug level.
func newEnv(t *testing.T, opts servertest.Options) *env {
	t.Helper()
	logs := &servertest.LogBuffer{}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if opts.Tokens == nil {
		for _, tok := range testTokens {
			opts.Tokens = append(opts.Tokens, servertest.NewToken(tok.name, tok.tenant, tok.role, tok.value))
		}
	}
	srv := servertest.Start(t, opts)
	return &env{t: t, url: srv.URL, logs: logs, srv: srv}
}

// answer is a response, read whole.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// call sends a request with a JSON body (unless body is nil or already
// bytes) and the given header pairs.
func (e *env) call(token, method, path string, body any, headers ...string) answer {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(e.t.Context(), method, e.url+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: raw}
}

// want fails the test unless the answer has the status.
func (a answer) want(t *testing.T, status int) answer {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d: %s", a.status, status, a.body)
	}
	return a
}

// problem decodes a problem answer and checks its type.
func (a answer) problem(t *testing.T, typ string) api.Problem {
	t.Helper()
	var p api.Problem
	if err := json.Unmarshal(a.body, &p); err != nil {
		t.Fatalf("decoding a problem: %v: %s", err, a.body)
	}
	if p.Type != typ {
		t.Fatalf("problem type %q, want %q: %s", p.Type, typ, a.body)
	}
	return p
}

func decode[T any](t *testing.T, a answer) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(a.body, &v); err != nil {
		t.Fatalf("decoding %T: %v: %s", v, err, a.body)
	}
	return v
}

// newProfile is a valid profile create named name.
func newProfile(name string) api.ProfileCreate {
	return api.ProfileCreate{
		Name: name, Description: "Syncs candidates into the platform for tests",
		Environment: lever.EnvironmentSandbox, ClientID: "client-" + strings.ReplaceAll(name, " ", "-"),
		ClientSecret: clientSecret,
	}
}

// createProfile creates a profile as the acme manager.
func (e *env) createProfile(in api.ProfileCreate) api.Profile {
	e.t.Helper()
	return decode[api.Profile](e.t, e.call(manageToken, http.MethodPost, api.PathProfiles, in).
		want(e.t, http.StatusCreated))
}
