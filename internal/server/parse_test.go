// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

func TestIfMatch(t *testing.T) {
	tests := []struct {
		header  string
		version int64
		ok, bad bool
	}{
		{header: ""},
		{header: `"3"`, version: 3, ok: true},
		{header: ` "12" `, version: 12, ok: true},
		{header: `3`, bad: true},
		{header: `W/"3"`, bad: true},
		{header: `"0"`, bad: true},
		{header: `"-1"`, bad: true},
		{header: `"3", "4"`, bad: true},
		{header: `*`, bad: true},
		{header: `"99999999999999999999"`, bad: true},
	}
	for _, tc := range tests {
		r := httptest.NewRequest(http.MethodPatch, "/", nil)
		r.Header.Set("If-Match", tc.header)
		v, ok, p := ifMatch(r)
		if v != tc.version || ok != tc.ok || (p != nil) != tc.bad {
			t.Errorf("If-Match %q: got %d %v %v", tc.header, v, ok, p)
		}
	}
}

func TestBearer(t *testing.T) {
	for header, want := range map[string]string{
		"Bearer abc": "abc", "bearer abc": "abc", "Bearer  abc ": "abc",
		"": "", "Bearer": "", "Bearer ": "", "Basic abc": "", "abc": "",
	} {
		got, ok := bearer(header)
		if got != want || ok != (want != "") {
			t.Errorf("bearer(%q) = %q, %v", header, got, ok)
		}
	}
}

func TestIdempotencyReplay(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, api.PathProfiles, nil)
	r.Header.Set(api.HeaderIdempotencyKey, "k")
	a, _ := readIdempotency(r, []byte(`{"name":"a"}`))
	b, _ := readIdempotency(r, []byte(`{"name":"b"}`))
	if !strings.HasPrefix(a.requestKey, "k.") || len(a.requestKey) != len("k.")+16 || a == b {
		t.Fatalf("request keys %q and %q", a.requestKey, b.requestKey)
	}
	if replayed, p := a.replay(a.requestKey); !replayed || p != nil {
		t.Errorf("its own key is no replay")
	}
	if _, p := a.replay(b.requestKey); p == nil || p.Type != api.ProblemIdempotencyKeyReused {
		t.Errorf("another body under the key is not refused: %v", p)
	}
	for _, other := range []string{"", "k2.0123456789abcdef", "kk.0123456789abcdef", "k.short"} {
		if replayed, p := a.replay(other); replayed || p != nil {
			t.Errorf("%q: %v %v", other, replayed, p)
		}
	}
}

// FuzzReadBody feeds any body to the decoder of PATCH bodies: it must
// accept it or answer a 4xx problem, never fail otherwise.
func FuzzReadBody(f *testing.F) {
	for _, seed := range []string{`{}`, `{"name":"x","scopes":null}`, `{"colour":1}`, `{"name":7}`,
		`[]`, `{`, `{} {}`, `{"scopes":[1]}`, `{"logo_url":null,"enabled":"yes"}`} {
		f.Add(seed)
	}
	s := &Server{maxBodyBytes: 256}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPatch, "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		var in api.ProfileUpdate
		_, p := s.readBody(httptest.NewRecorder(), r, &in)
		if p != nil && (p.Status < 400 || p.Status >= 500) {
			t.Errorf("body %q: status %d", body, p.Status)
		}
		if p == nil {
			if _, p := profileChange(in, ""); p != nil && p.Status != http.StatusBadRequest {
				t.Errorf("body %q: change status %d", body, p.Status)
			}
		}
	})
}

// FuzzCursor checks that the cursor of every id reads back as that id, and
// that any other text is refused as a cursor rather than read as some id.
func FuzzCursor(f *testing.F) {
	f.Add("lcp_aaaaaaaaaaaaaaaaaaaaaaaaaa")
	f.Add("lss_234567abcdefghijklmnopqr")
	f.Add("lcp_abc")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		isID := backend.IsID(backend.ProfileIDPrefix, s) || backend.IsID(backend.ScopeSetIDPrefix, s)
		got, err := decodeCursor(encodeCursor(s))
		if isID && (err != nil || got != s) {
			t.Errorf("cursor of %q reads back as %q, %v", s, got, err)
		}
		if !isID && err == nil {
			t.Errorf("the cursor of %q, which is no id, was accepted as %q", s, got)
		}
		if id, err := decodeCursor(s); err == nil && !backend.IsID(id[:4], id) {
			t.Errorf("the cursor %q was accepted as %q, which is no id", s, id)
		}
	})
}
