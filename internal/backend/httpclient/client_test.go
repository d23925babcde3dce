// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package httpclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

const testToken = "tok-3f9a1c7e-never-show-me"

// newTestClient starts a fake API with the given handler and returns a
// client of it with short retry waits.
func newTestClient(t *testing.T, handler http.HandlerFunc, change ...func(*Options)) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	opts := Options{
		Endpoint:     srv.URL,
		Token:        testToken,
		MaxRetries:   3,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
	}
	for _, f := range change {
		f(&opts)
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// writeProblem answers with a problem document of the given type.
func writeProblem(w http.ResponseWriter, p *api.Problem) {
	p.RequestID = "req-42"
	w.Header().Set("Content-Type", api.MediaTypeProblem)
	w.Header().Set(api.HeaderRequestID, p.RequestID)
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func sampleProfile(id string) api.Profile {
	return api.Profile{
		ID: id, Name: "Acme", Environment: "sandbox", ClientID: "cid",
		CallbackURL: "https://example.com/cb", Enabled: true, Version: 3,
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	cases := map[string]struct {
		opts Options
		want string
	}{
		"no endpoint":    {Options{Token: "x"}, "no endpoint"},
		"relative":       {Options{Endpoint: "profiles.example.com", Token: "x"}, "absolute http"},
		"ftp":            {Options{Endpoint: "ftp://example.com", Token: "x"}, "absolute http"},
		"user info":      {Options{Endpoint: "https://u:p@example.com", Token: "x"}, "user info"},
		"no credentials": {Options{Endpoint: "https://example.com"}, "no credentials"},
		"both credentials": {Options{Endpoint: "https://example.com", Token: "x",
			TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "y"})}, "both"},
		"negative retries": {Options{Endpoint: "https://example.com", Token: "x", MaxRetries: -1},
			"max retries"},
		"negative rate": {Options{Endpoint: "https://example.com", Token: "x",
			RequestsPerSecond: -1}, "requests per second"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := New(tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New: got %v, want an error containing %q", err, tc.want)
			}
			if strings.Contains(err.Error(), ":p@") {
				t.Errorf("the error shows the endpoint's password: %v", err)
			}
		})
	}
}

func TestDescribeShowsNoCredentials(t *testing.T) {
	c, err := New(Options{Endpoint: "https://profiles.example.com/api/", Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Describe(), "HTTP backend at https://profiles.example.com/api"; got != want {
		t.Errorf("Describe: got %q, want %q", got, want)
	}
}

func TestSendsTokenAndHeaders(t *testing.T) {
	var got http.Header
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		writeJSON(w, http.StatusOK, sampleProfile("lcp_1"))
	}, func(o *Options) { o.UserAgent = "lever-test/1" })

	if _, err := c.GetProfile(context.Background(), "lcp_1"); err != nil {
		t.Fatal(err)
	}
	if got.Get("Authorization") != "Bearer "+testToken {
		t.Errorf("Authorization: got %q", got.Get("Authorization"))
	}
	if got.Get("User-Agent") != "lever-test/1" {
		t.Errorf("User-Agent: got %q", got.Get("User-Agent"))
	}
}

func TestTokenSource(t *testing.T) {
	var got string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("Authorization")
		writeJSON(w, http.StatusOK, sampleProfile("lcp_1"))
	}, func(o *Options) {
		o.Token = ""
		o.TokenSource = oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "from-source"})
	})

	if _, err := c.GetProfile(context.Background(), "lcp_1"); err != nil {
		t.Fatal(err)
	}
	if got != "Bearer from-source" {
		t.Errorf("Authorization: got %q", got)
	}
}

func TestErrorMapping(t *testing.T) {
	problem := func(typ string, change func(*api.Problem)) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			p := api.NewProblem(typ, "detail of "+typ)
			if change != nil {
				change(p)
			}
			writeProblem(w, p)
		}
	}
	ctx := context.Background()

	t.Run("not found", func(t *testing.T) {
		c := newTestClient(t, problem(api.ProblemNotFound, nil))
		_, err := c.GetProfile(ctx, "lcp_1")
		if !errors.Is(err, backend.ErrNotFound) {
			t.Fatalf("got %v, want ErrNotFound", err)
		}
	})

	t.Run("bare 404 is not a deletion", func(t *testing.T) {
		c := newTestClient(t, http.NotFound)
		_, err := c.GetProfile(ctx, "lcp_1")
		var apiErr *APIError
		if errors.Is(err, backend.ErrNotFound) || !errors.As(err, &apiErr) || apiErr.Status != 404 {
			t.Fatalf("got %v, want an APIError with status 404", err)
		}
	})

	t.Run("name taken", func(t *testing.T) {
		c := newTestClient(t, problem(api.ProblemNameTaken, func(p *api.Problem) {
			p.ExistingID, p.ExistingName = "lcp_9", "Acme"
		}))
		_, err := c.CreateProfile(ctx, backend.ProfileInput{Name: "Acme", Environment: "sandbox"})
		var taken *backend.NameTakenError
		if !errors.As(err, &taken) {
			t.Fatalf("got %v, want a NameTakenError", err)
		}
		want := backend.NameTakenError{Kind: "profile", Name: "Acme", Environment: "sandbox",
			ExistingID: "lcp_9"}
		if *taken != want {
			t.Errorf("got %+v, want %+v", *taken, want)
		}
	})

	t.Run("scope set name taken", func(t *testing.T) {
		c := newTestClient(t, problem(api.ProblemNameTaken, func(p *api.Problem) {
			p.ExistingID = "lss_9"
		}))
		_, err := c.CreateScopeSet(ctx, backend.ScopeSetInput{Name: "Base"})
		var taken *backend.NameTakenError
		if !errors.As(err, &taken) || taken.Kind != "scope set" || taken.ExistingID != "lss_9" ||
			taken.Environment != "" {
			t.Fatalf("got %#v, want a scope set NameTakenError", err)
		}
	})

	t.Run("rename taken names the environment", func(t *testing.T) {
		c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet {
				p := sampleProfile("lcp_1")
				p.Environment = "production"
				writeJSON(w, http.StatusOK, p)
				return
			}
			p := api.NewProblem(api.ProblemNameTaken, "")
			p.ExistingID = "lcp_2"
			writeProblem(w, p)
		})
		name := "Other"
		_, err := c.UpdateProfile(ctx, "lcp_1", 3, backend.ProfileChange{Name: &name})
		var taken *backend.NameTakenError
		if !errors.As(err, &taken) || taken.Environment != "production" || taken.Name != "Other" {
			t.Fatalf("got %#v, want a NameTakenError in production", err)
		}
	})

	t.Run("default taken", func(t *testing.T) {
		c := newTestClient(t, problem(api.ProblemDefaultTaken, func(p *api.Problem) {
			p.ExistingID, p.ExistingName = "lcp_7", "Main"
		}))
		_, err := c.CreateProfile(ctx, backend.ProfileInput{Name: "A", Environment: "sandbox",
			Default: true})
		var taken *backend.DefaultTakenError
		if !errors.As(err, &taken) {
			t.Fatalf("got %v, want a DefaultTakenError", err)
		}
		want := backend.DefaultTakenError{Environment: "sandbox", ExistingID: "lcp_7",
			ExistingName: "Main"}
		if *taken != want {
			t.Errorf("got %+v, want %+v", *taken, want)
		}
	})

	t.Run("version mismatch", func(t *testing.T) {
		c := newTestClient(t, problem(api.ProblemVersionMismatch, func(p *api.Problem) {
			p.CurrentVersion = 5
		}))
		_, err := c.UpdateScopeSet(ctx, "lss_1", 3, backend.ScopeSetChange{})
		var conflict *backend.ConflictError
		if !errors.As(err, &conflict) {
			t.Fatalf("got %v, want a ConflictError", err)
		}
		want := backend.ConflictError{ID: "lss_1", Expected: 3, Actual: 5}
		if *conflict != want {
			t.Errorf("got %+v, want %+v", *conflict, want)
		}
	})

	t.Run("store busy", func(t *testing.T) {
		c := newTestClient(t, problem(api.ProblemStoreBusy, nil),
			func(o *Options) { o.MaxRetries = 1 })
		_, err := c.CreateScopeSet(ctx, backend.ScopeSetInput{Name: "Base"})
		var busy *backend.BusyError
		if !errors.As(err, &busy) {
			t.Fatalf("got %v, want a BusyError", err)
		}
		if busy.Store != c.Describe() || !strings.Contains(busy.Err.Error(), "2 tries") {
			t.Errorf("got %+v (%v)", busy, busy.Err)
		}
	})

	t.Run("validation", func(t *testing.T) {
		c := newTestClient(t, problem(api.ProblemValidation, func(p *api.Problem) {
			p.Errors = []api.FieldError{{Field: "scopes", Element: "bogus:read",
				Summary: "Unknown Scope", Detail: "Use a published scope."}}
		}))
		_, err := c.CreateProfile(ctx, backend.ProfileInput{Name: "A"})
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Tries != 1 {
			t.Fatalf("got %v, want an APIError after 1 try", err)
		}
		for _, want := range []string{"HTTP 422", "The request breaks Lever's rules",
			"detail of " + api.ProblemValidation, "req-42", "1 try", "bogus:read", "Unknown Scope"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("the error does not say %q:\n%v", want, err)
			}
		}
	})
}

func TestRetriesHonourRetryAfter(t *testing.T) {
	for _, status := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			var calls atomic.Int32
			c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
				if calls.Add(1) < 3 {
					w.Header().Set("Retry-After", "1")
					writeProblem(w, api.NewProblem(api.ProblemRateLimited, "slow down"))
					return
				}
				writeJSON(w, http.StatusOK, sampleProfile("lcp_1"))
			})
			start := time.Now()
			if _, err := c.GetProfile(context.Background(), "lcp_1"); err != nil {
				t.Fatal(err)
			}
			if elapsed := time.Since(start); elapsed < 2*time.Second {
				t.Errorf("the client retried after %s, before the 2 x 1s Retry-After", elapsed)
			}
			if calls.Load() != 3 {
				t.Errorf("got %d tries, want 3", calls.Load())
			}
		})
	}
}

func TestGivesUpWithTheCountOfTries(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		writeProblem(w, api.NewProblem(api.ProblemInternal, "the disk is on fire"))
	}, func(o *Options) { o.MaxRetries = 2 })

	_, err := c.ListScopeSets(context.Background(), "")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Tries != 3 || calls.Load() != 3 {
		t.Fatalf("got %v after %d calls, want an APIError after 3 tries", err, calls.Load())
	}
	for _, want := range []string{"HTTP 500", "Internal server error", "the disk is on fire",
		"req-42", "3 tries", "all retries used"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
}

func TestConnectionErrorsGiveUpWithTheCount(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	endpoint := srv.URL
	srv.Close() // Nothing listens there any more.
	c, err := New(Options{Endpoint: endpoint, Token: testToken, MaxRetries: 2,
		RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}

	_, err = c.GetScopeSet(context.Background(), "lss_1")
	var transport *TransportError
	if !errors.As(err, &transport) || transport.Tries != 3 {
		t.Fatalf("got %v, want a TransportError after 3 tries", err)
	}
	if !strings.Contains(err.Error(), "3 tries") {
		t.Errorf("the error does not count the tries: %v", err)
	}
}

func TestDoesNotRetryClientErrors(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		writeProblem(w, api.NewProblem(api.ProblemForbidden, ""))
	})
	if _, err := c.GetProfile(context.Background(), "lcp_1"); err == nil {
		t.Fatal("want an error")
	}
	if calls.Load() != 1 {
		t.Errorf("a 403 was tried %d times", calls.Load())
	}
}

// hijackAndClose drops the connection without an answer, as a server that
// dies after doing the work would.
func hijackAndClose(t *testing.T, w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_ = conn.Close()
}

func TestDroppedCreateIsRetriedWithTheSameKey(t *testing.T) {
	var (
		mu      sync.Mutex
		keys    []string
		created = map[string]api.ScopeSet{}
	)
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		key := r.Header.Get(api.HeaderIdempotencyKey)
		keys = append(keys, key)
		if s, ok := created[key]; ok {
			writeJSON(w, http.StatusCreated, s)
			return
		}
		var in api.ScopeSetCreate
		_ = json.NewDecoder(r.Body).Decode(&in)
		created[key] = api.ScopeSet{ID: fmt.Sprintf("lss_%d", len(created)+1), Name: in.Name,
			Scopes: in.Scopes, Version: 1}
		hijackAndClose(t, w)
	})

	s, err := c.CreateScopeSet(context.Background(), backend.ScopeSetInput{Name: "Base",
		Scopes: []string{"offline_access"}})
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "lss_1" || len(created) != 1 {
		t.Errorf("got %+v and %d created, want lss_1 created once", s, len(created))
	}
	if len(keys) < 2 || keys[0] == "" || keys[0] != keys[len(keys)-1] {
		t.Errorf("got keys %q, want one non-empty key on every try", keys)
	}
}

func TestCreatesUseFreshKeysOrTheRequestKey(t *testing.T) {
	var keys []string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		keys = append(keys, r.Header.Get(api.HeaderIdempotencyKey))
		writeJSON(w, http.StatusCreated, sampleProfile("lcp_1"))
	})
	ctx := context.Background()
	for _, in := range []backend.ProfileInput{{}, {}, {RequestKey: "mine"}} {
		if _, err := c.CreateProfile(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	if len(keys[0]) != 32 || keys[0] == keys[1] || keys[2] != "mine" {
		t.Errorf("got keys %q, want two random keys and then %q", keys, "mine")
	}
}

func TestRetriedDeleteFindingNothingSucceeds(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			hijackAndClose(t, w)
			return
		}
		writeProblem(w, api.NewProblem(api.ProblemNotFound, ""))
	})
	if err := c.DeleteProfile(context.Background(), "lcp_1"); err != nil {
		t.Fatalf("DeleteProfile: %v", err)
	}

	// A first try that finds nothing is still "not found".
	c = newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		writeProblem(w, api.NewProblem(api.ProblemNotFound, ""))
	})
	if err := c.DeleteScopeSet(context.Background(), "lss_1"); !errors.Is(err, backend.ErrNotFound) {
		t.Fatalf("DeleteScopeSet: got %v, want ErrNotFound", err)
	}
}

func TestRetriesStopBeforeTheDeadline(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "10")
		writeProblem(w, api.NewProblem(api.ProblemUnavailable, ""))
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()

	start := time.Now()
	_, err := c.GetProfile(ctx, "lcp_1")
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("the call took %s: it slept towards a retry past the deadline", elapsed)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 503 || calls.Load() != 1 {
		t.Fatalf("got %v after %d calls, want the 503 after 1 try", err, calls.Load())
	}
	if !strings.Contains(err.Error(), "deadline") {
		t.Errorf("the error does not say why it stopped: %v", err)
	}
}

func TestCancelledContextEndsTheCall(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		writeProblem(w, api.NewProblem(api.ProblemUnavailable, ""))
	}, func(o *Options) { o.RetryWaitMin, o.RetryWaitMax = time.Hour, time.Hour })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)

	_, err := c.GetProfile(ctx, "lcp_1")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestRequestTimeoutBoundsEachTry(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		writeJSON(w, http.StatusOK, sampleProfile("lcp_1"))
	}, func(o *Options) { o.RequestTimeout = 200 * time.Millisecond })

	start := time.Now()
	if _, err := c.GetProfile(context.Background(), "lcp_1"); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second || calls.Load() != 2 {
		t.Errorf("took %s and %d tries, want a timed out try and a quick second", elapsed,
			calls.Load())
	}
}

func TestRateLimit(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, sampleProfile("lcp_1"))
	}, func(o *Options) { o.RequestsPerSecond = 4 })

	start := time.Now()
	for range 6 {
		if _, err := c.GetProfile(context.Background(), "lcp_1"); err != nil {
			t.Fatal(err)
		}
	}
	// A burst of 4, then one every 250ms.
	if elapsed := time.Since(start); elapsed < 400*time.Millisecond {
		t.Errorf("6 requests at 4 per second took only %s", elapsed)
	}
}

func TestListFollowsTheCursor(t *testing.T) {
	const total = 250
	var queries []string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		queries = append(queries, r.URL.RawQuery)
		start, _ := strconv.Atoi(q.Get("cursor"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		page := api.ProfileList{Items: []api.Profile{}}
		for i := start; i < min(start+limit, total); i++ {
			page.Items = append(page.Items, sampleProfile(fmt.Sprintf("lcp_%03d", i)))
		}
		if start+limit < total {
			page.NextCursor = strconv.Itoa(start + limit)
		}
		writeJSON(w, http.StatusOK, page)
	})
	enabled := true

	got, err := c.ListProfiles(context.Background(), backend.ProfileFilter{
		Environment: "sandbox", Name: "Acme", Enabled: &enabled})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != total || got[0].ID != "lcp_000" || got[total-1].ID != "lcp_249" {
		t.Fatalf("got %d profiles, want %d in order", len(got), total)
	}
	if len(queries) != 3 {
		t.Fatalf("got %d pages, want 3", len(queries))
	}
	for _, want := range []string{"environment=sandbox", "name=Acme", "enabled=true", "limit=100"} {
		if !strings.Contains(queries[2], want) {
			t.Errorf("the last page's query %q lacks %q", queries[2], want)
		}
	}
}

func TestListRefusesACursorLoop(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, api.ScopeSetList{Items: []api.ScopeSet{}, NextCursor: "again"})
	})
	if _, err := c.ListScopeSets(context.Background(), ""); err == nil {
		t.Fatal("a list whose cursor repeats should fail, not loop")
	}
}

func TestEmptyListIsNotNil(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, api.ScopeSetList{})
	})
	got, err := c.ListScopeSets(context.Background(), "")
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("got %#v, %v; want an empty list", got, err)
	}
}

func TestUpdateSendsOnlyTheChange(t *testing.T) {
	var (
		body    map[string]json.RawMessage
		ifMatch string
	)
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		ifMatch = r.Header.Get("If-Match")
		body = map[string]json.RawMessage{}
		_ = json.NewDecoder(r.Body).Decode(&body)
		writeJSON(w, http.StatusOK, sampleProfile("lcp_1"))
	})
	description, enabled := "New words", false

	_, err := c.UpdateProfile(context.Background(), "lcp_1", 7, backend.ProfileChange{
		Description: &description, Enabled: &enabled, SetScopes: true,
		SetActions: true, Actions: []string{},
	})
	if err != nil {
		t.Fatal(err)
	}
	if ifMatch != `"7"` {
		t.Errorf("If-Match: got %q, want %q", ifMatch, `"7"`)
	}
	want := map[string]string{"description": `"New words"`, "enabled": "false",
		"scopes": "null", "actions": "[]"}
	if len(body) != len(want) {
		t.Errorf("the body has members %v, want only %v", keysOf(body), want)
	}
	for k, v := range want {
		if string(body[k]) != v {
			t.Errorf("%s: got %s, want %s", k, body[k], v)
		}
	}
}

func TestScopeSetUpdateSendsOnlyTheChange(t *testing.T) {
	var body map[string]json.RawMessage
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewDecoder(r.Body).Decode(&body)
		writeJSON(w, http.StatusOK, api.ScopeSet{ID: "lss_1"})
	})
	_, err := c.UpdateScopeSet(context.Background(), "lss_1", 2, backend.ScopeSetChange{
		Scopes: []string{"offline_access"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(body) != 1 || string(body["scopes"]) != `["offline_access"]` {
		t.Errorf("got body %v, want only scopes", body)
	}
}

func keysOf(m map[string]json.RawMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestCreateSendsEveryField(t *testing.T) {
	var body map[string]json.RawMessage
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewDecoder(r.Body).Decode(&body)
		writeJSON(w, http.StatusCreated, sampleProfile("lcp_1"))
	})
	_, err := c.CreateProfile(context.Background(), backend.ProfileInput{
		Name: "A", Environment: "sandbox", ClientSecret: "s", Enabled: false})
	if err != nil {
		t.Fatal(err)
	}
	// A disabled profile must say so: the API enables a profile that omits it.
	for k, v := range map[string]string{"enabled": "false", "scopes": "null", "actions": "null"} {
		if string(body[k]) != v {
			t.Errorf("%s: got %s, want %s", k, body[k], v)
		}
	}
}

func TestProfileRecord(t *testing.T) {
	stored := backend.Fingerprint("the-secret")
	parts := strings.Split(stored, "$")
	p := sampleProfile("lcp_1")
	p.SecretFingerprint = api.Fingerprint{Algorithm: parts[0], Salt: parts[1], Hash: parts[2]}
	p.Actions = []string{}
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, p)
	})

	got, err := c.GetProfile(context.Background(), "lcp_1")
	if err != nil {
		t.Fatal(err)
	}
	if !backend.FingerprintMatches(got.SecretFingerprint, "the-secret") ||
		backend.FingerprintMatches(got.SecretFingerprint, "another") {
		t.Errorf("the fingerprint %q does not check the secret", got.SecretFingerprint)
	}
	if got.Scopes != nil || got.Actions == nil || got.Version != 3 {
		t.Errorf("got %+v: want nil scopes, empty actions and version 3", got)
	}
}

func TestNoTokenInErrors(t *testing.T) {
	// A server that echoes the credentials it got, at every status.
	echo := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			p := api.NewProblem(api.ProblemUnauthenticated, "got "+r.Header.Get("Authorization"))
			p.Status = status
			writeProblem(w, p)
		}
	}
	var errs []error
	for _, status := range []int{401, 500, 503} {
		c := newTestClient(t, echo(status), func(o *Options) { o.MaxRetries = 1 })
		_, err := c.GetProfile(context.Background(), "lcp_1")
		errs = append(errs, err)
		_, err = c.CreateProfile(context.Background(), backend.ProfileInput{Name: "A"})
		errs = append(errs, err)
	}
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "not json "+testToken)
	})
	_, err := c.GetScopeSet(context.Background(), "lss_1")
	errs = append(errs, err)
	c, _ = New(Options{Endpoint: "http://127.0.0.1:1", Token: testToken})
	_, err = c.GetScopeSet(context.Background(), "lss_1")
	errs = append(errs, err)

	for _, err := range errs {
		if err == nil {
			t.Fatal("want an error")
		}
		if strings.Contains(fmt.Sprintf("%v %+v", err, err), testToken) {
			t.Errorf("the error shows the token: %v", err)
		}
	}
}

func TestTokenSourceFailure(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, func(_ http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
	}, func(o *Options) {
		o.Token = ""
		o.TokenSource = failingSource{}
	})
	_, err := c.GetProfile(context.Background(), "lcp_1")
	if err == nil || !strings.Contains(err.Error(), "access token") || calls.Load() != 0 {
		t.Fatalf("got %v after %d calls, want an access token error and no call", err, calls.Load())
	}
	if strings.Contains(err.Error(), "2 tries") {
		t.Errorf("a refused credential was retried: %v", err)
	}
}

type failingSource struct{}

func (failingSource) Token() (*oauth2.Token, error) {
	return nil, &oauth2.RetrieveError{Response: &http.Response{StatusCode: 401},
		ErrorCode: "invalid_client"}
}
