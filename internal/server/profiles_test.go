// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

func TestProfileLifecycle(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		a := e.call(manageToken, http.MethodPost, api.PathProfiles, newProfile("Recruiting")).
			want(t, http.StatusCreated)
		created := decode[api.Profile](t, a)
		if got, want := a.header.Get("Location"), api.PathProfiles+"/"+created.ID; got != want {
			t.Errorf("Location = %q, want %q", got, want)
		}
		if a.header.Get("ETag") != api.ETag(created.Version) {
			t.Errorf("ETag = %q, want %q", a.header.Get("ETag"), api.ETag(created.Version))
		}
		if strings.Contains(string(a.body), clientSecret) {
			t.Errorf("the create's answer holds the secret: %s", a.body)
		}
		if created.CallbackURL != lever.DefaultCallbackURL || !created.Enabled || created.Scopes != nil {
			t.Errorf("defaults not applied: %+v", created)
		}
		fp := created.SecretFingerprint
		if !backend.FingerprintMatches(fp.Algorithm+"$"+fp.Salt+"$"+fp.Hash, clientSecret) {
			t.Errorf("the fingerprint %+v does not match the secret", fp)
		}

		path := api.PathProfiles + "/" + created.ID
		got := decode[api.Profile](t, e.call(readerToken, http.MethodGet, path, nil).want(t, http.StatusOK))
		if got.ID != created.ID || got.Name != "Recruiting" {
			t.Errorf("GET = %+v", got)
		}

		scopes := append(lever.DefaultScopes(), "opportunities:read:admin")
		a = e.call(manageToken, http.MethodPatch, path, api.ProfileUpdate{
			Name: api.Some("Recruiting EU"), Scopes: api.Some(scopes), Enabled: api.Some(false),
		}, "If-Match", a.header.Get("ETag")).want(t, http.StatusOK)
		updated := decode[api.Profile](t, a)
		if updated.Name != "Recruiting EU" || updated.Enabled || updated.Version <= created.Version ||
			!slices.Contains(updated.Scopes, "opportunities:read:admin") {
			t.Errorf("PATCH = %+v", updated)
		}

		list := decode[api.ProfileList](t, e.call(manageToken, http.MethodGet,
			api.PathProfiles+"?enabled=false&environment=sandbox", nil).want(t, http.StatusOK))
		if len(list.Items) != 1 || list.Items[0].ID != created.ID || list.NextCursor != "" {
			t.Errorf("list = %+v", list)
		}

		secret := decode[api.ProfileSecret](t, e.call(readerToken, http.MethodGet,
			path+api.SuffixSecret, nil).want(t, http.StatusOK))
		if secret.ClientSecret != clientSecret || secret.ID != created.ID {
			t.Errorf("secret = %+v", secret)
		}

		e.call(manageToken, http.MethodDelete, path, nil).want(t, http.StatusNoContent)
		e.call(manageToken, http.MethodGet, path, nil).want(t, http.StatusNotFound).
			problem(t, api.ProblemNotFound)
		e.call(manageToken, http.MethodDelete, path, nil).want(t, http.StatusNotFound)
	})
}

func TestProfileListPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		var ids []string
		for i := range 5 {
			ids = append(ids, e.createProfile(newProfile(fmt.Sprintf("Profile %d", i))).ID)
		}
		slices.Sort(ids)
		var seen []string
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("the pages do not end")
			}
			path := api.PathProfiles + "?limit=2"
			if cursor != "" {
				path += "&cursor=" + cursor
			}
			page := decode[api.ProfileList](t, e.call(manageToken, http.MethodGet, path, nil).
				want(t, http.StatusOK))
			for _, p := range page.Items {
				seen = append(seen, p.ID)
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if !slices.Equal(seen, ids) {
			t.Errorf("pages gave %v, want %v", seen, ids)
		}
		byName := decode[api.ProfileList](t, e.call(manageToken, http.MethodGet,
			api.PathProfiles+"?name=Profile+3", nil).want(t, http.StatusOK))
		if len(byName.Items) != 1 || byName.Items[0].Name != "Profile 3" {
			t.Errorf("by name: %+v", byName)
		}
		for _, q := range []string{"limit=0", "limit=501", "limit=x", "enabled=maybe", "cursor=%25%25",
			"cursor=garbage", "cursor=" + base64.RawURLEncoding.EncodeToString([]byte("lcp_abc")),
			"environment=SANDBOX", "colour=red", "limit=1&limit=2"} {
			p := e.call(manageToken, http.MethodGet, api.PathProfiles+"?"+q, nil).
				want(t, http.StatusBadRequest).problem(t, api.ProblemMalformed)
			if p.Field == "" {
				t.Errorf("%s: no field named: %+v", q, p)
			}
		}
	})
}

func TestProfileValidation(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		in := newProfile("Bad scopes")
		in.Scopes = []string{"offline_access", "candidates:raed:admin"}
		p := e.call(manageToken, http.MethodPost, api.PathProfiles, in).
			want(t, http.StatusUnprocessableEntity).problem(t, api.ProblemValidation)
		if p.Field != lever.FieldScopes {
			t.Errorf("field = %q, want scopes: %+v", p.Field, p)
		}
		if !slices.ContainsFunc(p.Errors, func(fe api.FieldError) bool {
			return fe.Element == "candidates:raed:admin" && fe.Severity == "error"
		}) {
			t.Errorf("no error about the unknown scope: %+v", p.Errors)
		}

		in = newProfile("Short")
		in.Description = "too short"
		in.ClientID = ""
		p = e.call(manageToken, http.MethodPost, api.PathProfiles, in).
			want(t, http.StatusUnprocessableEntity).problem(t, api.ProblemValidation)
		if p.Field != lever.FieldDescription || len(p.Errors) < 2 {
			t.Errorf("want the description first and every error: %+v", p)
		}

		// A read scope beside its write scope is a warning, which passes.
		in = newProfile("Warned")
		in.Scopes = append(lever.DefaultScopes(), "opportunities:read:admin", "opportunities:write:admin")
		e.call(manageToken, http.MethodPost, api.PathProfiles, in).want(t, http.StatusCreated)

		created := e.createProfile(newProfile("Patched"))
		path := api.PathProfiles + "/" + created.ID
		p = e.call(manageToken, http.MethodPatch, path, api.ProfileUpdate{Scopes: api.Some([]string{})},
			"If-Match", api.ETag(created.Version)).
			want(t, http.StatusUnprocessableEntity).problem(t, api.ProblemValidation)
		if p.Field != lever.FieldScopes {
			t.Errorf("PATCH field = %q: %+v", p.Field, p)
		}
		// A stored value that breaks a rule does not block a change that
		// leaves it, and is judged when a change sets it.
		store, err := e.srv.Tenants.Tenant(t.Context(), "acme")
		if err != nil {
			t.Fatal(err)
		}
		legacy, err := store.CreateProfile(t.Context(), backend.ProfileInput{Name: "Legacy",
			Description: "short", Environment: lever.EnvironmentSandbox, ClientID: "c",
			ClientSecret: clientSecret, CallbackURL: lever.DefaultCallbackURL, Enabled: true})
		if err != nil {
			t.Fatal(err)
		}
		legacyPath := api.PathProfiles + "/" + legacy.ID
		e.call(manageToken, http.MethodPatch, legacyPath, api.ProfileUpdate{Enabled: api.Some(false)},
			"If-Match", api.ETag(legacy.Version)).want(t, http.StatusOK)
		e.call(manageToken, http.MethodPatch, legacyPath, api.ProfileUpdate{Description: api.Some("still short")},
			"If-Match", api.ETag(legacy.Version+1)).
			want(t, http.StatusUnprocessableEntity).problem(t, api.ProblemValidation)

		body := `{"name": null}`
		p = e.call(manageToken, http.MethodPatch, path, body, "If-Match", api.ETag(created.Version)).
			want(t, http.StatusBadRequest).problem(t, api.ProblemMalformed)
		if p.Field != "name" {
			t.Errorf("null name: %+v", p)
		}
	})
}

func TestProfileConflicts(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		first := e.createProfile(newProfile("Taken"))
		p := e.call(manageToken, http.MethodPost, api.PathProfiles, newProfile("Taken")).
			want(t, http.StatusConflict).problem(t, api.ProblemNameTaken)
		if p.ExistingID != first.ID {
			t.Errorf("existing_id = %q, want %q", p.ExistingID, first.ID)
		}
		// Names are per environment and per tenant.
		prod := newProfile("Taken")
		prod.Environment = lever.EnvironmentProduction
		e.call(manageToken, http.MethodPost, api.PathProfiles, prod).want(t, http.StatusCreated)
		e.call(otherToken, http.MethodPost, api.PathProfiles, newProfile("Taken")).want(t, http.StatusCreated)

		def := newProfile("Default one")
		def.Default = true
		defaultOne := e.createProfile(def)
		def.Name = "Default two"
		p = e.call(manageToken, http.MethodPost, api.PathProfiles, def).
			want(t, http.StatusConflict).problem(t, api.ProblemDefaultTaken)
		if p.ExistingID != defaultOne.ID || p.ExistingName != "Default one" {
			t.Errorf("default taken: %+v", p)
		}
	})
}

func TestProfilePreconditions(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		created := e.createProfile(newProfile("Guarded"))
		path := api.PathProfiles + "/" + created.ID
		change := api.ProfileUpdate{Description: api.Some("A description that is long enough here")}

		e.call(manageToken, http.MethodPatch, path, change).
			want(t, http.StatusPreconditionRequired).problem(t, api.ProblemPreconditionRequired)
		e.call(manageToken, http.MethodPatch, path, change, "If-Match", "3").
			want(t, http.StatusBadRequest).problem(t, api.ProblemMalformed)
		e.call(manageToken, http.MethodPatch, path, change, "If-Match", api.ETag(created.Version)).
			want(t, http.StatusOK)
		p := e.call(manageToken, http.MethodPatch, path, change, "If-Match", api.ETag(created.Version)).
			want(t, http.StatusPreconditionFailed).problem(t, api.ProblemVersionMismatch)
		if p.CurrentVersion != created.Version+1 {
			t.Errorf("current_version = %d, want %d", p.CurrentVersion, created.Version+1)
		}
		e.call(manageToken, http.MethodDelete, path, nil, "If-Match", api.ETag(created.Version)).
			want(t, http.StatusPreconditionFailed).problem(t, api.ProblemVersionMismatch)
		e.call(manageToken, http.MethodDelete, path, nil, "If-Match", api.ETag(created.Version+1)).
			want(t, http.StatusNoContent)
	})
}

func TestProfileIdempotency(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		in := newProfile("Once")
		first := e.call(manageToken, http.MethodPost, api.PathProfiles, in, api.HeaderIdempotencyKey, "k-1").
			want(t, http.StatusCreated)
		retry := e.call(manageToken, http.MethodPost, api.PathProfiles, in, api.HeaderIdempotencyKey, "k-1").
			want(t, http.StatusCreated)
		if retry.header.Get(api.HeaderIdempotentReplayed) != "true" {
			t.Errorf("the retry is not marked as a replay: %v", retry.header)
		}
		if first.header.Get(api.HeaderIdempotentReplayed) != "" {
			t.Errorf("the first create is marked as a replay")
		}
		if decode[api.Profile](t, first).ID != decode[api.Profile](t, retry).ID {
			t.Errorf("the retry answered another profile:\n%s\n%s", first.body, retry.body)
		}
		list := decode[api.ProfileList](t, e.call(manageToken, http.MethodGet, api.PathProfiles, nil))
		if len(list.Items) != 1 {
			t.Errorf("%d profiles after a retried create, want 1", len(list.Items))
		}

		in.ClientID = "another-client"
		e.call(manageToken, http.MethodPost, api.PathProfiles, in, api.HeaderIdempotencyKey, "k-1").
			want(t, http.StatusUnprocessableEntity).problem(t, api.ProblemIdempotencyKeyReused)
		// Without a key, or with another one, the name is simply taken.
		e.call(manageToken, http.MethodPost, api.PathProfiles, in).want(t, http.StatusConflict)
		e.call(manageToken, http.MethodPost, api.PathProfiles, in, api.HeaderIdempotencyKey, "k-2").
			want(t, http.StatusConflict)
		e.call(manageToken, http.MethodPost, api.PathProfiles, in,
			api.HeaderIdempotencyKey, strings.Repeat("k", api.MaxIdempotencyKeyLength+1)).
			want(t, http.StatusBadRequest)

		created := decode[api.Profile](t, first)
		path := api.PathProfiles + "/" + created.ID
		change := api.ProfileUpdate{ClientSecret: api.Some("rotated-Secret-1"), SecretVersion: api.Some[int64](2)}
		etag := api.ETag(created.Version)
		patched := e.call(manageToken, http.MethodPatch, path, change, "If-Match", etag,
			api.HeaderIdempotencyKey, "p-1").want(t, http.StatusOK)
		again := e.call(manageToken, http.MethodPatch, path, change, "If-Match", etag,
			api.HeaderIdempotencyKey, "p-1").want(t, http.StatusOK)
		if again.header.Get(api.HeaderIdempotentReplayed) != "true" ||
			decode[api.Profile](t, again).Version != decode[api.Profile](t, patched).Version {
			t.Errorf("the retried PATCH is no replay:\n%s\n%s", patched.body, again.body)
		}
		change.SecretVersion = api.Some[int64](3)
		e.call(manageToken, http.MethodPatch, path, change, "If-Match", etag,
			api.HeaderIdempotencyKey, "p-1").
			want(t, http.StatusUnprocessableEntity).problem(t, api.ProblemIdempotencyKeyReused)
		e.call(manageToken, http.MethodPatch, path, change, "If-Match", etag,
			api.HeaderIdempotencyKey, "p-2").
			want(t, http.StatusPreconditionFailed)
	})
}
