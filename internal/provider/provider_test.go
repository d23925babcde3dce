// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/embedded"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

// testAccProviders serves the provider in-process to the terraform binary
// the acceptance tests run; each command gets a fresh provider.
var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"lever": providerserver.NewProtocol6WithError(New("test")()),
}

// envTestBackend chooses where the acceptance tests keep their profiles:
// unset or "embedded" for a store file per test, "http" for a tenant per
// test on an in-process API server. The server's tenants are embedded
// stores in a temporary folder, or rows of a PostgreSQL database when
// servertest.PostgresURLEnv names a server.
const envTestBackend = "LEVER_TEST_BACKEND"

// testBackend is where one acceptance test keeps its profiles, and how the
// test reaches them both through Terraform and "outside Terraform".
type testBackend struct {
	// key names the test's backend in the helpers that build
	// configurations, which pass it around as a string: the store's path
	// for an embedded store.
	key  string
	path string
	// The API server's URL, the test's token and tenant, and the server's
	// tenants, for the HTTP backend.
	endpoint string
	token    string
	tenant   string
	tenants  backend.Tenants

	mu    sync.Mutex
	store backend.Backend
}

// testBackends finds a test's backend by its key.
var testBackends sync.Map

// testHTTPBackend reports whether the tests run on the HTTP backend.
func testHTTPBackend() bool { return os.Getenv(envTestBackend) == backendHTTP }

// newTestBackend gives one test a fresh, empty backend of the kind
// LEVER_TEST_BACKEND names.
func newTestBackend(t *testing.T) *testBackend {
	t.Helper()
	if !testHTTPBackend() {
		path := filepath.Join(t.TempDir(), "profiles.db")
		return registerTestBackend(t, &testBackend{key: path, path: path})
	}
	tenant := "t-" + randomHex(t, 8)
	token := "test-token-" + randomHex(t, 16)
	tenants := sharedPostgresTenants(t)
	if tenants == nil {
		tenants = servertest.NewEmbeddedTenants(t)
	}
	srv := servertest.Start(t, servertest.Options{
		Tenants: tenants,
		Tokens:  []server.Token{servertest.NewToken(t.Name(), tenant, servertest.RoleManage, token)},
	})
	return registerTestBackend(t, &testBackend{key: "http:" + tenant, endpoint: srv.URL,
		token: token, tenant: tenant, tenants: tenants})
}

func registerTestBackend(t *testing.T, b *testBackend) *testBackend {
	testBackends.Store(b.key, b)
	t.Cleanup(func() { testBackends.Delete(b.key) })
	return b
}

// lookupTestBackend returns the backend a key names.
func lookupTestBackend(key string) *testBackend {
	b, ok := testBackends.Load(key)
	if !ok {
		// A path the test made itself, not through the harness.
		return &testBackend{key: key, path: key}
	}
	return b.(*testBackend)
}

// ProviderBlock configures the provider on the test's backend, with any
// extra arguments.
func (b *testBackend) ProviderBlock(extra ...string) string {
	arguments := fmt.Sprintf("  embedded_path = %q\n", b.path)
	if b.endpoint != "" {
		arguments = fmt.Sprintf("  backend  = %q\n  endpoint = %q\n  token    = %q\n",
			backendHTTP, b.endpoint, b.token)
	}
	for _, e := range extra {
		arguments += "  " + strings.TrimSpace(e) + "\n"
	}
	return "\nprovider \"lever\" {\n" + arguments + "}\n"
}

// Store returns the test's backend itself, for changes made outside
// Terraform and for checking what Terraform wrote.
func (b *testBackend) Store(t *testing.T) backend.Backend {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.store != nil {
		return b.store
	}
	if b.tenants != nil {
		store, err := b.tenants.Tenant(context.Background(), b.tenant)
		if err != nil {
			t.Fatalf("opening the test's tenant: %s", err)
		}
		b.store = store // Owned by the tenants, which the server's test closes.
		return store
	}
	store, err := embedded.Open(context.Background(), embedded.Options{Path: b.path})
	if err != nil {
		t.Fatalf("opening the test store: %s", err)
	}
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		_ = store.Close()
		b.store = nil
	})
	b.store = store
	return store
}

// skipUnlessEmbedded skips a test of the embedded store itself when the
// tests run on another backend.
func skipUnlessEmbedded(t *testing.T, why string) {
	t.Helper()
	if testHTTPBackend() {
		t.Skipf("embedded store only: %s", why)
	}
}

// testStorePath returns the key of a fresh backend for one test: the store
// path on the embedded store.
func testStorePath(t *testing.T) string {
	t.Helper()
	return newTestBackend(t).key
}

// testAccProviderBlock configures the provider on the backend a key names.
func testAccProviderBlock(key string, extra ...string) string {
	return lookupTestBackend(key).ProviderBlock(extra...)
}

// openTestStore returns the backend a key names, for changes made "outside
// Terraform".
func openTestStore(t *testing.T, key string) backend.Backend {
	t.Helper()
	return lookupTestBackend(key).Store(t)
}

func randomHex(t *testing.T, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// sharedPostgres is one PostgreSQL store per test process, in a database of
// its own, its tenants shared by the tests' servers.
var sharedPostgres struct {
	once    sync.Once
	tenants backend.Tenants
	drop    func()
	err     error
}

// sharedPostgresTenants returns the process's PostgreSQL tenants, or nil
// when LEVER_TEST_POSTGRES_URL is unset.
func sharedPostgresTenants(t *testing.T) backend.Tenants {
	t.Helper()
	admin := os.Getenv(servertest.PostgresURLEnv)
	if admin == "" {
		return nil
	}
	sharedPostgres.once.Do(func() {
		sharedPostgres.tenants, sharedPostgres.drop, sharedPostgres.err =
			servertest.OpenPostgresTenants(context.Background(), admin, 8)
	})
	if sharedPostgres.err != nil {
		t.Fatalf("opening the tests' PostgreSQL store: %s", sharedPostgres.err)
	}
	return sharedPostgres.tenants
}

// closeSharedPostgres closes and drops the process's PostgreSQL store.
func closeSharedPostgres() {
	if sharedPostgres.drop != nil {
		sharedPostgres.drop()
	}
}

func TestAccProvider_storePathUnknownAtPlan(t *testing.T) {
	config := fmt.Sprintf(`
resource "terraform_data" "path" {
  input = %[1]q
}

provider "lever" {
  embedded_path = terraform_data.path.output
}

data "lever_environment" "test" {
  name = "sandbox"
}
`, filepath.Join(t.TempDir(), "profiles.db"))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Store Setting Unknown at Plan.*embedded_path`),
			},
		},
	})
}

func TestAccProvider_defaultCallbackUnknownAtPlan(t *testing.T) {
	config := fmt.Sprintf(`
resource "terraform_data" "callback" {
  input = "https://hooks.example.com/lever"
}

%[1]s
resource "lever_connector_profile" "test" {
  name          = "Late Default Callback"
  description   = "Gets a provider default known only at apply."
  environment   = "sandbox"
  client_id     = "late"
  client_secret = "late"
}
`, testAccProviderBlock(testStorePath(t), "default_callback_url = terraform_data.callback.output"))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue(profileAddress, tfjsonpath.New("callback_url")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("callback_url"),
						knownvalue.StringExact("https://hooks.example.com/lever")),
				},
			},
		},
	})
}

func TestAccProvider_configErrors(t *testing.T) {
	cases := map[string]struct{ arguments, want string }{
		"insecure default callback": {`default_callback_url = "http://example.com/cb"`,
			`(?s)Insecure Default Callback URL.*default_callback_url`},
		"blank default callback": {`default_callback_url = ""`,
			`(?s)Missing Default Callback URL.*omit\s+default_callback_url`},
		"negative lock timeout": {`embedded_lock_timeout = "-1s"`,
			`(?s)Invalid Duration.*positive`},
		"blank store path": {`embedded_path = " "`, `(?s)Blank Value.*embedded_path`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			config := fmt.Sprintf(`
provider "lever" {
  %[1]s
}

data "lever_environment" "test" {
  name = "sandbox"
}
`, tc.arguments)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{Config: config, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)},
				},
			})
		})
	}
}

// TestMain keeps the tests away from the real user's configuration folder,
// where the embedded store creates its key file when none is configured.
func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "lever-provider-test-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_ = os.Setenv("HOME", home)
	_ = os.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	code := m.Run()
	closeSharedPostgres()
	_ = os.RemoveAll(home)
	os.Exit(code)
}
