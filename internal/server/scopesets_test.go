// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

func TestScopeSetLifecycle(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		in := api.ScopeSetCreate{Name: "Readers", Scopes: []string{"opportunities:read:admin"}}
		a := e.call(manageToken, http.MethodPost, api.PathScopeSets, in, api.HeaderIdempotencyKey, "s-1").
			want(t, http.StatusCreated)
		created := decode[api.ScopeSet](t, a)
		path := api.PathScopeSets + "/" + created.ID
		if a.header.Get("Location") != path {
			t.Errorf("Location = %q", a.header.Get("Location"))
		}
		replay := e.call(manageToken, http.MethodPost, api.PathScopeSets, in, api.HeaderIdempotencyKey, "s-1").
			want(t, http.StatusCreated)
		if replay.header.Get(api.HeaderIdempotentReplayed) != "true" ||
			decode[api.ScopeSet](t, replay).ID != created.ID {
			t.Errorf("no replay: %s", replay.body)
		}
		p := e.call(manageToken, http.MethodPost, api.PathScopeSets, in).
			want(t, http.StatusConflict).problem(t, api.ProblemNameTaken)
		if p.ExistingID != created.ID {
			t.Errorf("existing_id = %q", p.ExistingID)
		}
		p = e.call(manageToken, http.MethodPost, api.PathScopeSets,
			api.ScopeSetCreate{Name: "Bad", Scopes: []string{"opportunities:reed:admin"}}).
			want(t, http.StatusUnprocessableEntity).problem(t, api.ProblemValidation)
		if p.Field != lever.FieldScopes {
			t.Errorf("field = %q", p.Field)
		}
		p = e.call(manageToken, http.MethodPost, api.PathScopeSets,
			api.ScopeSetCreate{Name: "Hidden", Description: "shared \u202escopes",
				Scopes: []string{"opportunities:read:admin"}}).
			want(t, http.StatusUnprocessableEntity).problem(t, api.ProblemValidation)
		if p.Field != lever.FieldDescription {
			t.Errorf("a description with a bidi override: field = %q", p.Field)
		}

		got := decode[api.ScopeSet](t, e.call(manageToken, http.MethodGet, path, nil).want(t, http.StatusOK))
		if got.Name != "Readers" || !slices.Equal(got.Scopes, in.Scopes) {
			t.Errorf("GET = %+v", got)
		}
		e.call(manageToken, http.MethodPatch, path, api.ScopeSetUpdate{Description: api.Some("x")}).
			want(t, http.StatusPreconditionRequired)
		updated := decode[api.ScopeSet](t, e.call(manageToken, http.MethodPatch, path,
			api.ScopeSetUpdate{Scopes: api.Some([]string{"opportunities:write:admin"})},
			"If-Match", api.ETag(created.Version)).want(t, http.StatusOK))
		if !slices.Equal(updated.Scopes, []string{"opportunities:write:admin"}) {
			t.Errorf("PATCH = %+v", updated)
		}
		e.call(manageToken, http.MethodPatch, path, api.ScopeSetUpdate{Name: api.Some("Other")},
			"If-Match", api.ETag(created.Version)).want(t, http.StatusPreconditionFailed)

		e.call(manageToken, http.MethodPost, api.PathScopeSets,
			api.ScopeSetCreate{Name: "Writers", Scopes: []string{"offline_access"}}).want(t, http.StatusCreated)
		list := decode[api.ScopeSetList](t, e.call(manageToken, http.MethodGet, api.PathScopeSets+"?limit=1", nil))
		if len(list.Items) != 1 || list.NextCursor == "" {
			t.Errorf("first page = %+v", list)
		}
		list = decode[api.ScopeSetList](t, e.call(manageToken, http.MethodGet,
			api.PathScopeSets+"?limit=1&cursor="+list.NextCursor, nil))
		if len(list.Items) != 1 || list.NextCursor != "" {
			t.Errorf("second page = %+v", list)
		}
		byName := decode[api.ScopeSetList](t, e.call(manageToken, http.MethodGet,
			api.PathScopeSets+"?name=Writers", nil))
		if len(byName.Items) != 1 || byName.Items[0].Name != "Writers" {
			t.Errorf("by name = %+v", byName)
		}

		e.call(otherToken, http.MethodGet, path, nil).want(t, http.StatusNotFound)
		e.call(manageToken, http.MethodDelete, path, nil, "If-Match", api.ETag(created.Version)).
			want(t, http.StatusPreconditionFailed)
		e.call(manageToken, http.MethodDelete, path, nil).want(t, http.StatusNoContent)
		e.call(manageToken, http.MethodGet, path, nil).want(t, http.StatusNotFound)
	})
}
