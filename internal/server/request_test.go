// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

func TestRequestBodies(t *testing.T) {
	e := newEnv(t, servertest.Options{MaxBodyBytes: 1024})

	big := newProfile("Big")
	big.Description = strings.Repeat("d", 2000)
	e.call(manageToken, http.MethodPost, api.PathProfiles, big).
		want(t, http.StatusRequestEntityTooLarge).problem(t, api.ProblemBodyTooLarge)

	e.call(manageToken, http.MethodPost, api.PathProfiles, `name=x`, "Content-Type", "text/plain").
		want(t, http.StatusUnsupportedMediaType).problem(t, api.ProblemUnsupportedMedia)

	p := e.call(manageToken, http.MethodPost, api.PathProfiles,
		`{"name":"x","environment":"sandbox","client_id":"c","client_secret":"s","colour":"red"}`).
		want(t, http.StatusBadRequest).problem(t, api.ProblemMalformed)
	if p.Field != "colour" || !strings.Contains(p.Detail, "colour") {
		t.Errorf("the unknown member is not named: %+v", p)
	}

	p = e.call(manageToken, http.MethodPost, api.PathProfiles, `{"name": 7}`).
		want(t, http.StatusBadRequest).problem(t, api.ProblemMalformed)
	if p.Field != "name" {
		t.Errorf("the mistyped member is not named: %+v", p)
	}
	// Bodies that encoding/json would read one way and a proxy another.
	valid := `"environment":"sandbox","client_id":"c","client_secret":"s",` +
		`"description":"Twenty characters at least."`
	for body, field := range map[string]string{
		`{"name":"Dup A","name":"Dup B",` + valid + `}`:            "name",
		`{"Name":"Dup E",` + valid + `}`:                           "Name",
		`{"name":"Dup C","NAME":"Dup D",` + valid + `}`:            "NAME",
		`{"name":"A\ud800B",` + valid + `}`:                        "name",
		"{\"name\":\"A\xffB\"," + valid + "}":                      "",
		`{"name":"Scopes",` + valid + `,"scopes":["x","x\udc00"]}`: "scopes",
	} {
		p := e.call(manageToken, http.MethodPost, api.PathProfiles, body).
			want(t, http.StatusBadRequest).problem(t, api.ProblemMalformed)
		if p.Field != field {
			t.Errorf("body %q: the problem names %q, want %q: %+v", body, p.Field, field, p)
		}
	}
	for _, body := range []string{`{`, ``, `{} {}`, `[]`} {
		e.call(manageToken, http.MethodPost, api.PathProfiles, body).want(t, http.StatusBadRequest)
	}
	e.call(manageToken, http.MethodPost, api.PathProfiles, newProfile("Charset"),
		"Content-Type", "application/json; charset=utf-8").want(t, http.StatusCreated)
}

func TestRoutesAnswerProblems(t *testing.T) {
	e := newEnv(t, servertest.Options{})
	e.call(manageToken, http.MethodGet, "/v1/nothing", nil).
		want(t, http.StatusNotFound).problem(t, api.ProblemNotFound)
	a := e.call(manageToken, http.MethodPut, api.PathProfiles+"/x", nil).want(t, http.StatusMethodNotAllowed)
	a.problem(t, api.ProblemMethodNotAllowed)
	if !strings.Contains(a.header.Get("Allow"), http.MethodPatch) {
		t.Errorf("Allow = %q", a.header.Get("Allow"))
	}
	a = e.call(manageToken, http.MethodGet, api.PathHealth, nil, api.HeaderRequestID, "trace-42")
	if a.header.Get(api.HeaderRequestID) != "trace-42" {
		t.Errorf("the caller's request id was not kept: %q", a.header.Get(api.HeaderRequestID))
	}
	a = e.call(manageToken, http.MethodGet, api.PathHealth, nil, api.HeaderRequestID, "bad id; with spaces")
	if a.header.Get(api.HeaderRequestID) == "bad id; with spaces" {
		t.Errorf("an unsafe request id was kept")
	}
}

// busyTenants is a store whose every profile read finds the store locked
// and whose Ping fails.
type busyTenants struct {
	backend.Tenants
}

func (b busyTenants) Tenant(ctx context.Context, tenant string) (backend.Backend, error) {
	store, err := b.Tenants.Tenant(ctx, tenant)
	return busyStore{store}, err
}

func (busyTenants) Ping(context.Context) error { return errors.New("connection refused") }

type busyStore struct {
	backend.Backend
}

func (s busyStore) GetProfile(context.Context, string) (backend.Profile, error) {
	return backend.Profile{}, &backend.BusyError{Store: s.Describe(), Timeout: time.Second}
}

func TestStoreBusyAndNotReady(t *testing.T) {
	e := newEnv(t, servertest.Options{Tenants: busyTenants{servertest.NewEmbeddedTenants(t)}})
	a := e.call(manageToken, http.MethodGet, api.PathProfiles+"/lcp_x", nil).
		want(t, http.StatusServiceUnavailable)
	a.problem(t, api.ProblemStoreBusy)
	if a.header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After = %q", a.header.Get("Retry-After"))
	}
	e.call("", http.MethodGet, api.PathReady, nil).
		want(t, http.StatusServiceUnavailable).problem(t, api.ProblemUnavailable)
	e.call("", http.MethodGet, api.PathHealth, nil).want(t, http.StatusOK)
	if !strings.Contains(e.logs.String(), "connection refused") {
		t.Errorf("the failed readiness check is not logged:\n%s", e.logs)
	}
}
