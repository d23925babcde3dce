// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package e2e

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

// TestE2E_httpServerErrorBursts answers every third request with a 500 or a
// 503 and no Retry-After: the provider's retries carry the apply through.
func TestE2E_httpServerErrorBursts(t *testing.T) {
	var seen, failed atomic.Int32
	burst := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n := seen.Add(1); n%3 == 0 {
				failed.Add(1)
				status := http.StatusServiceUnavailable
				if n%2 == 0 {
					status = http.StatusInternalServerError
				}
				http.Error(w, "injected fault", status)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	s := startAPI(t, servertest.NewEmbeddedTenants(t), apiOptions{wrap: burst})
	w := s.newWorkspace(t, s.providerBlock("  max_retries = 6")+profileBlocks("p", "burst", 12))

	w.mustRun("apply", "-auto-approve", "-input=false")

	if failed.Load() == 0 {
		t.Fatal("no request was failed; the test injected no fault")
	}
	if got := countProfiles(t, s.store); got != 12 {
		t.Fatalf("the server holds %d profiles, want 12", got)
	}
	if out, err := w.run("plan", "-detailed-exitcode", "-input=false"); err != nil {
		t.Fatalf("the plan after apply is not empty: %s\n%s", err, out)
	}
}

// TestE2E_httpStalledServer holds requests past the provider's request
// timeout: a stall that passes is retried through, and a server that never
// answers fails the run in bounded time with an error that says so.
func TestE2E_httpStalledServer(t *testing.T) {
	var stallAll atomic.Bool
	var stalled atomic.Int32
	stall := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if stallAll.Load() || stalled.Add(1) == 1 {
				select {
				case <-r.Context().Done():
				case <-time.After(30 * time.Second):
				}
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	s := startAPI(t, servertest.NewEmbeddedTenants(t), apiOptions{wrap: stall})
	config := s.providerBlock("  request_timeout = \"1s\"\n  max_retries = 2") + profileBlocks("p", "stall", 2)
	w := s.newWorkspace(t, config)

	w.mustRun("apply", "-auto-approve", "-input=false")
	if got := countProfiles(t, s.store); got != 2 {
		t.Fatalf("the server holds %d profiles after a stalled request, want 2", got)
	}

	stallAll.Store(true)
	start := time.Now()
	out, err := w.run("plan", "-input=false")
	if err == nil {
		t.Fatalf("a plan against a server that never answers passed:\n%s", out)
	}
	if took := time.Since(start); took > time.Minute {
		t.Errorf("the plan took %s to give up", took)
	}
	if !strings.Contains(out, "3 tries") || !strings.Contains(out, "within the request timeout of 1s") {
		t.Errorf("the error does not say the server timed out after 3 tries:\n%s", out)
	}
}

// TestE2E_httpServerRestartedMidApply stops the server while an apply is
// creating profiles and starts it again on the same address: the provider
// retries until it answers, and every profile is there once.
func TestE2E_httpServerRestartedMidApply(t *testing.T) {
	forEachStore(t, func(t *testing.T, newTenants func(testing.TB) backend.Tenants) {
		tenants := newTenants(t)
		srv := newRestartableServer(t, tenants)
		store, err := tenants.Tenant(context.Background(), apiTenant)
		if err != nil {
			t.Fatal(err)
		}
		s := &apiServer{url: srv.url, store: store, log: &servertest.LogBuffer{}}
		w := s.newWorkspace(t, s.providerBlock("  max_retries = 10")+profileBlocks("p", "restart", 30))

		apply := w.applyInBackground()
		waitForProfiles(t, store, 5, apply.done)
		srv.stop()
		time.Sleep(1500 * time.Millisecond)
		srv.start(t)

		if out, err := apply.wait(); err != nil {
			t.Fatalf("the apply did not survive the restart: %s\n%s", err, out)
		}
		if got := countProfiles(t, store); got != 30 {
			t.Fatalf("the server holds %d profiles, want 30", got)
		}
		if out, err := w.run("plan", "-detailed-exitcode", "-input=false"); err != nil {
			t.Fatalf("the plan after apply is not empty: %s\n%s", err, out)
		}
	})
}

// TestE2E_killedMidApply kills terraform and its provider while they create
// profiles in the embedded store. The store stays intact, holds no name
// twice, and the next apply either converges or names the profile to
// import.
func TestE2E_killedMidApply(t *testing.T) {
	storePath := filepath.Join(t.TempDir(), "killed.db")
	w := newWorkspace(t, providerBlock(storePath, "")+profileBlocks("p", "killed", 40))
	store := openStore(t, storePath)

	cmd := exec.Command(terraformPath(), "apply", "-auto-approve", "-input=false", "-no-color")
	cmd.Dir, cmd.Env = w.dir, w.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	waitForProfiles(t, store, 8, done)
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	t.Logf("the killed apply ended with: %v", <-done)

	checkIntegrity(t, storePath)
	checkNoDuplicateNames(t, store)
	before := countProfiles(t, store)

	out, err := w.run("apply", "-auto-approve", "-input=false")
	switch {
	case err == nil:
		if got := countProfiles(t, store); got != 40 {
			t.Fatalf("the apply after the kill converged on %d profiles, want 40", got)
		}
	case strings.Contains(out, "Name Already Taken") && strings.Contains(out, "terraform import"):
		t.Logf("the next apply names the profiles to import, as it may: %d were made before the kill", before)
	default:
		t.Fatalf("the apply after the kill neither converged nor named a profile to import: %s\n%s", err, out)
	}
	checkIntegrity(t, storePath)
	checkNoDuplicateNames(t, store)
}

// TestE2E_postgresRestartedUnderServer restarts the server's PostgreSQL
// during an apply: the server answers 5xx while it is gone, the provider
// retries, and the apply ends with every profile stored once.
func TestE2E_postgresRestartedUnderServer(t *testing.T) {
	pg := startOwnPostgres(t)
	tenants, closeTenants, err := servertest.OpenPostgresTenants(context.Background(), pg.url, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeTenants)
	s := startAPI(t, tenants, apiOptions{})
	w := s.newWorkspace(t, s.providerBlock("  max_retries = 10")+profileBlocks("p", "pg", 30))

	apply := w.applyInBackground()
	waitForProfiles(t, s.store, 5, apply.done)
	pg.restart(t)

	if out, err := apply.wait(); err != nil {
		t.Fatalf("the apply did not survive PostgreSQL's restart: %s\n%s", err, out)
	}
	if got := countProfiles(t, s.store); got != 30 {
		t.Fatalf("the server holds %d profiles, want 30", got)
	}
	checkNoDuplicateNames(t, s.store)
}

// TestE2E_httpFourProcessesTwoHundredProfiles applies 200 profiles from
// four terraform processes at once against one server, and loses none.
func TestE2E_httpFourProcessesTwoHundredProfiles(t *testing.T) {
	forEachStore(t, func(t *testing.T, newTenants func(testing.TB) backend.Tenants) {
		s := startAPI(t, newTenants(t), apiOptions{})
		var workspaces []*workspace
		for i := range 4 {
			workspaces = append(workspaces,
				s.newWorkspace(t, s.providerBlock("")+profileBlocks("p", fmt.Sprintf("w%d", i), 50)))
		}
		applyAtOnce(t, workspaces...)
		if got := countProfiles(t, s.store); got != 200 {
			t.Fatalf("the server holds %d profiles after four applies of 50", got)
		}
		checkNoDuplicateNames(t, s.store)
	})
}

// waitForProfiles waits until store holds at least n profiles, failing the
// test if the apply in flight ends first or it takes too long.
func waitForProfiles(t *testing.T, store backend.Backend, n int, done chan error) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for countProfiles(t, store) < n {
		select {
		case err := <-done:
			done <- err
			t.Fatalf("the apply ended before %d profiles were made: %v", n, err)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %d profiles after two minutes", n)
		}
	}
}

func checkNoDuplicateNames(t *testing.T, store backend.Backend) {
	t.Helper()
	profiles, err := store.ListProfiles(context.Background(), backend.ProfileFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, p := range profiles {
		key := p.Environment + "/" + p.Name
		if other, ok := seen[key]; ok {
			t.Errorf("%s is stored twice: %s and %s", key, other, p.ID)
		}
		seen[key] = p.ID
	}
}

// restartableServer is the reference server on a fixed loopback address,
// which a test can stop and start again.
type restartableServer struct {
	url     string
	addr    string
	handler http.Handler
	mu      sync.Mutex
	hs      *http.Server
}

func newRestartableServer(t *testing.T, tenants backend.Tenants) *restartableServer {
	t.Helper()
	skipUnlessAcceptance(t)
	h, err := server.New(server.Config{
		Tenants: tenants,
		Tokens:  []server.Token{servertest.NewToken("e2e", apiTenant, servertest.RoleManage, apiToken)},
		Logger:  slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &restartableServer{addr: listener.Addr().String(), handler: h}
	r.url = "http://" + r.addr
	r.serve(listener)
	t.Cleanup(r.stop)
	return r
}

func (r *restartableServer) serve(listener net.Listener) {
	r.mu.Lock()
	defer r.mu.Unlock()
	hs := &http.Server{Handler: r.handler, ReadHeaderTimeout: 10 * time.Second}
	r.hs = hs
	go func() { _ = hs.Serve(listener) }()
}

// stop closes the server and every connection at once, as a crash would.
func (r *restartableServer) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.hs != nil {
		_ = r.hs.Close()
		r.hs = nil
	}
}

func (r *restartableServer) start(t *testing.T) {
	t.Helper()
	listener, err := net.Listen("tcp", r.addr)
	if err != nil {
		t.Fatalf("listening on %s again: %s", r.addr, err)
	}
	r.serve(listener)
}

// ownPostgres is a PostgreSQL server of one test's own, which it may restart.
type ownPostgres struct {
	url, dir, port, scripts string
}

// startOwnPostgres starts a throwaway PostgreSQL with the scripts that
// `make check` uses, on a free port, or skips the test where PostgreSQL is
// not installed. Its folder is under /tmp, where the postgres user that it
// runs as under root can reach it.
func startOwnPostgres(t *testing.T) *ownPostgres {
	t.Helper()
	skipUnlessAcceptance(t)
	if os.Getenv(servertest.PostgresURLEnv) == "" {
		t.Skipf("%s is unset: the tests run without PostgreSQL", servertest.PostgresURLEnv)
	}
	_, file, _, _ := runtime.Caller(0)
	scripts := filepath.Join(filepath.Dir(file), "..", "backend", "postgres", "testdata")
	// Not t.TempDir, whose parents the postgres user cannot enter.
	dir, err := os.MkdirTemp("/tmp", "lever-e2e-pg-") //nolint:usetesting

	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(listener.Addr().(*net.TCPAddr).Port)
	_ = listener.Close()
	pg := &ownPostgres{dir: dir, port: port, scripts: scripts}
	pg.url = pg.run(t, "start-postgres.sh", dir, port)
	t.Cleanup(func() {
		_ = exec.Command("bash", filepath.Join(scripts, "stop-postgres.sh"), dir).Run()
		_ = os.RemoveAll(dir)
	})
	return pg
}

func (pg *ownPostgres) run(t *testing.T, script string, args ...string) string {
	t.Helper()
	cmd := exec.Command("bash", append([]string{filepath.Join(pg.scripts, script)}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", script, err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// restart stops the server, waits a moment with it down, and starts it again.
func (pg *ownPostgres) restart(t *testing.T) {
	t.Helper()
	pg.run(t, "stop-postgres.sh", pg.dir)
	time.Sleep(time.Second)
	pg.run(t, "start-postgres.sh", pg.dir, pg.port)
}
