// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/embedded"
)

// testAccProviders serves the provider in-process to the terraform binary
// the acceptance tests run; each command gets a fresh provider.
var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"lever": providerserver.NewProtocol6WithError(New("test")()),
}

// testStorePath returns a fresh embedded store path for one test.
func testStorePath(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "profiles.db")
}

// testAccProviderBlock configures the provider on the given store.
func testAccProviderBlock(storePath string) string {
	return fmt.Sprintf(`
provider "lever" {
  embedded_path = %[1]q
}
`, storePath)
}

// openTestStore opens a second handle on a test's store, for changes made
// "outside Terraform".
func openTestStore(t *testing.T, storePath string) *embedded.Store {
	t.Helper()
	store, err := embedded.Open(context.Background(), embedded.Options{Path: storePath})
	if err != nil {
		t.Fatalf("opening the test store: %s", err)
	}
	t.Cleanup(func() { _ = store.Close() })
	return store
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
`, testStorePath(t))

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

provider "lever" {
  embedded_path        = %[1]q
  default_callback_url = terraform_data.callback.output
}

resource "lever_connector_profile" "test" {
  name          = "Late Default Callback"
  description   = "Gets a provider default known only at apply."
  environment   = "sandbox"
  client_id     = "late"
  client_secret = "late"
}
`, testStorePath(t))

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
	_ = os.RemoveAll(home)
	os.Exit(code)
}
