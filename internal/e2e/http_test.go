// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package e2e

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

// The tenant and static token of the tests' servers.
const (
	apiTenant = "acme"
	apiToken  = "e2e-manage-token-3b9f0c71d2a4"
)

// apiServer is the reference server on loopback, as one e2e test sees it.
type apiServer struct {
	url string
	// store is the test tenant's store, for looking behind the API.
	store backend.Backend
	// log holds the server's log lines, at debug level.
	log *servertest.LogBuffer
}

// apiOptions changes a test's server from the default: one static token,
// no rate limit, no fault.
type apiOptions struct {
	ratePerSecond float64
	burst         int
	jwt           *server.JWTConfig
	wrap          func(http.Handler) http.Handler
}

// forEachStore runs fn once for each store the server can keep profiles
// in: embedded stores always, PostgreSQL when the tests have a server.
func forEachStore(t *testing.T, fn func(t *testing.T, newTenants func(testing.TB) backend.Tenants)) {
	skipUnlessAcceptance(t)
	for kind, newTenants := range servertest.StoreKinds() {
		t.Run(kind, func(t *testing.T) { fn(t, newTenants) })
	}
}

func startAPI(t *testing.T, tenants backend.Tenants, opts apiOptions) *apiServer {
	t.Helper()
	skipUnlessAcceptance(t)
	logs := &servertest.LogBuffer{}
	srv := servertest.Start(t, servertest.Options{
		Tenants:       tenants,
		Tokens:        []server.Token{servertest.NewToken("e2e", apiTenant, servertest.RoleManage, apiToken)},
		JWT:           opts.jwt,
		RatePerSecond: opts.ratePerSecond,
		Burst:         opts.burst,
		Logger:        slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Wrap:          opts.wrap,
	})
	store, err := tenants.Tenant(context.Background(), apiTenant)
	if err != nil {
		t.Fatalf("opening the test tenant: %s", err)
	}
	return &apiServer{url: srv.URL, store: store, log: logs}
}

// providerBlock configures the provider on the server, with the static
// token from the environment, as a pipeline would pass it.
func (s *apiServer) providerBlock(extra string) string {
	return fmt.Sprintf("provider \"lever\" {\n  backend  = \"http\"\n  endpoint = %q\n%s\n}\n", s.url, extra)
}

// newWorkspace is a workspace on the server, holding the token in its
// environment.
func (s *apiServer) newWorkspace(t *testing.T, config string) *workspace {
	t.Helper()
	w := newWorkspace(t, config)
	w.env = append(w.env, "LEVER_TOKEN="+apiToken)
	return w
}

// TestE2E_httpDroppedReplyAfterCreate loses the server's answer to the
// first create after the server committed it. The provider retries with
// the same Idempotency-Key and gets the first result: one profile, not two,
// and no false "name taken".
func TestE2E_httpDroppedReplyAfterCreate(t *testing.T) {
	forEachStore(t, func(t *testing.T, newTenants func(testing.TB) backend.Tenants) {
		var dropped, creates atomic.Int32
		drop := func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodPost || r.URL.Path != api.PathProfiles {
					next.ServeHTTP(w, r)
					return
				}
				creates.Add(1)
				if !dropped.CompareAndSwap(0, 1) {
					next.ServeHTTP(w, r)
					return
				}
				committed := httptest.NewRecorder()
				next.ServeHTTP(committed, r)
				if committed.Code != http.StatusCreated {
					t.Errorf("the create to drop answered %d, not 201", committed.Code)
				}
				conn, _, err := http.NewResponseController(w).Hijack()
				if err == nil {
					_ = conn.Close()
				}
			})
		}
		s := startAPI(t, newTenants(t), apiOptions{wrap: drop})
		w := s.newWorkspace(t, s.providerBlock("")+profileBlocks("p", "dropped", 1))

		w.mustRun("apply", "-auto-approve", "-input=false")

		if dropped.Load() != 1 || creates.Load() < 2 {
			t.Fatalf("%d replies dropped of %d creates; the test injected no fault", dropped.Load(), creates.Load())
		}
		if got := countProfiles(t, s.store); got != 1 {
			t.Fatalf("the server holds %d profiles after a retried create, want 1", got)
		}
		if out, err := w.run("plan", "-detailed-exitcode", "-input=false"); err != nil {
			t.Fatalf("the plan after apply is not empty: %s\n%s", err, out)
		}
	})
}

// TestE2E_httpRateLimited applies more profiles than the server's rate
// allows at once: the 429 answers slow the apply down, and it succeeds.
func TestE2E_httpRateLimited(t *testing.T) {
	forEachStore(t, func(t *testing.T, newTenants func(testing.TB) backend.Tenants) {
		var limited atomic.Int32
		count := func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				rec := &statusRecorder{ResponseWriter: w}
				next.ServeHTTP(rec, r)
				if rec.status == http.StatusTooManyRequests {
					limited.Add(1)
				}
			})
		}
		s := startAPI(t, newTenants(t), apiOptions{ratePerSecond: 4, burst: 4, wrap: count})
		w := s.newWorkspace(t, s.providerBlock("  max_retries = 10")+profileBlocks("p", "limited", 16))

		w.mustRun("apply", "-auto-approve", "-input=false", "-parallelism=10")

		if limited.Load() == 0 {
			t.Fatal("the server answered no 429; the test put no load on its limit")
		}
		if got := countProfiles(t, s.store); got != 16 {
			t.Fatalf("the server holds %d profiles, want 16", got)
		}
		t.Logf("%d requests were answered 429 and retried", limited.Load())
	})
}

// statusRecorder notes the status a handler answers with.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// TestE2E_httpSavedPlanConflict makes two saved plans for one profile from
// the same state, as two pipelines with their own copy of it would, and
// applies them one after the other: the second fails with the conflict
// error, and the first one's change stays.
func TestE2E_httpSavedPlanConflict(t *testing.T) {
	forEachStore(t, func(t *testing.T, newTenants func(testing.TB) backend.Tenants) {
		s := startAPI(t, newTenants(t), apiOptions{})
		first := s.newWorkspace(t, s.providerBlock("")+profileBlocks("p", "p", 1))
		first.mustRun("apply", "-auto-approve", "-input=false")
		second := first.copy()

		change := func(w *workspace, what string) {
			w.write(s.providerBlock("") + strings.Replace(profileBlocks("p", "p", 1),
				"Profile ${count.index} of", what+" to profile ${count.index} of", 1))
			w.mustRun("plan", "-out=change.tfplan", "-input=false")
		}
		change(first, "First change")
		change(second, "Second change")

		first.mustRun("apply", "-input=false", "change.tfplan")
		out, err := second.run("apply", "-input=false", "change.tfplan")
		if err == nil || !strings.Contains(out, "Changed Outside Terraform") {
			t.Fatalf("the second saved plan did not fail with the conflict (err %v):\n%s", err, out)
		}
		profiles, err := s.store.ListProfiles(context.Background(), backend.ProfileFilter{})
		if err != nil || len(profiles) != 1 {
			t.Fatalf("want one profile: %d (%v)", len(profiles), err)
		}
		if !strings.HasPrefix(profiles[0].Description, "First change") {
			t.Fatalf("the first plan's change was overwritten: %q", profiles[0].Description)
		}
	})
}

// TestE2E_httpTwoProcesses applies two configurations with different
// profiles at once against one server.
func TestE2E_httpTwoProcesses(t *testing.T) {
	forEachStore(t, func(t *testing.T, newTenants func(testing.TB) backend.Tenants) {
		s := startAPI(t, newTenants(t), apiOptions{})
		applyAtOnce(t,
			s.newWorkspace(t, s.providerBlock("")+profileBlocks("first", "first", 15)),
			s.newWorkspace(t, s.providerBlock("")+profileBlocks("second", "second", 15)))

		if got := countProfiles(t, s.store); got != 30 {
			t.Fatalf("the server holds %d profiles after two applies of 15", got)
		}
	})
}

// TestE2E_httpClientCredentials has the provider get its bearer tokens
// from a local OAuth issuer with the client credentials grant, and the
// server check them against the issuer's keys.
func TestE2E_httpClientCredentials(t *testing.T) {
	const clientSecret = "e2e-client-secret-5e1d77"
	issuer := servertest.NewIssuer(t, map[string]servertest.IssuerClient{
		"lever-ci": {Secret: clientSecret, Claims: jwt.MapClaims{"tenant": apiTenant}},
	})
	s := startAPI(t, servertest.NewEmbeddedTenants(t), apiOptions{jwt: &server.JWTConfig{
		Issuer: servertest.IssuerName, Audience: servertest.IssuerAudience, JWKSURL: issuer.JWKSURL,
	}})
	grant := fmt.Sprintf(`  oauth2 = {
    token_url     = %q
    client_id     = "lever-ci"
    client_secret = var.client_secret
    scopes        = ["lever:manage"]
    audience      = %q
  }`, issuer.TokenURL, servertest.IssuerAudience)
	variable := "variable \"client_secret\" {\n  type      = string\n  sensitive = true\n}\n"
	w := newWorkspace(t, variable+s.providerBlock(grant)+profileBlocks("p", "granted", 3))
	w.env = append(w.env, "TF_VAR_client_secret="+clientSecret)

	out := w.mustRun("apply", "-auto-approve", "-input=false")

	if got := countProfiles(t, s.store); got != 3 {
		t.Fatalf("the server holds %d profiles, want 3", got)
	}
	if issuer.Issued() == 0 {
		t.Fatal("the issuer granted no token; the provider did not use client credentials")
	}
	if strings.Contains(out, clientSecret) || strings.Contains(s.log.String(), clientSecret) {
		t.Error("the client secret shows in terraform's output or the server's log")
	}

	w.env = append(w.env, "TF_VAR_client_secret=not-the-secret")
	out, err := w.run("plan", "-input=false")
	if err == nil || !strings.Contains(out, "invalid_client") {
		t.Fatalf("a wrong client secret did not fail with the issuer's answer (err %v):\n%s", err, out)
	}
}

// TestE2E_httpTraceLogShowsNoSecret applies, changes and destroys a
// profile on the HTTP backend with TF_LOG=trace and the server logging at
// debug level: neither log, nor anything terraform printed, holds the
// client secret or the API token.
func TestE2E_httpTraceLogShowsNoSecret(t *testing.T) {
	const secret = "zq-http-secret-0c4e12"
	forEachStore(t, func(t *testing.T, newTenants func(testing.TB) backend.Tenants) {
		s := startAPI(t, newTenants(t), apiOptions{})
		profile := func(description string) string {
			return secretKeeper(s.providerBlock(""), description, "")
		}
		w := s.newWorkspace(t, profile("Keeps its secret out of every log."))
		logPath := filepath.Join(t.TempDir(), "trace.log")
		w.env = append(w.env, "TF_LOG=trace", "TF_LOG_PATH="+logPath, "TF_VAR_secret="+secret)

		var printed strings.Builder
		printed.WriteString(w.mustRun("apply", "-auto-approve", "-input=false"))
		w.write(profile("Keeps its secret out of every log, still."))
		printed.WriteString(w.mustRun("apply", "-auto-approve", "-input=false"))
		printed.WriteString(w.mustRun("destroy", "-auto-approve", "-input=false"))

		trace, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(trace), "creating connector profile") ||
			!strings.Contains(s.log.String(), api.PathProfiles) {
			t.Fatal("the logs hold no line of the provider or the server; the check would prove nothing")
		}
		for name, text := range map[string]string{
			"the trace log": string(trace), "the server's log": s.log.String(),
			"terraform's output": printed.String(),
		} {
			if strings.Contains(text, secret) {
				t.Errorf("%s holds the client secret", name)
			}
			if strings.Contains(text, apiToken) {
				t.Errorf("%s holds the API token", name)
			}
		}
	})
}
