// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

const profileAddress = "lever_connector_profile.test"

// testAccProfileConfig is a complete profile on the given store; extra
// holds further arguments, written inside the resource block, which replace
// the defaults they name.
func testAccProfileConfig(storePath, name, environment, extra string) string {
	return dedupeArguments(testAccProviderBlock(storePath) + fmt.Sprintf(`
resource "lever_connector_profile" "test" {
  name          = %[1]q
  description   = "Syncs hiring data into the integration platform."
  environment   = %[2]q
  client_id     = "client-id-1234"
  client_secret = "s3cret-value-for-tests"
%[3]s
}
`, name, environment, extra))
}

func TestAccConnectorProfile_lifecycle(t *testing.T) {
	storePath := testStorePath(t)
	scopes := `  scopes  = ["offline_access", "users:read:admin", "opportunities:write:admin"]
  actions = ["list_opportunities", "create_opportunity"]`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccProfileConfig(storePath, "Acme Recruiting", "sandbox", scopes),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(profileAddress, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(profileAddress, tfjsonpath.New("effective_scopes"),
							knownvalue.SetExact(stringValues("offline_access", "opportunities:read:admin",
								"opportunities:write:admin", "users:read:admin"))),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^lcp_[a-z2-7]{26}$`))),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("type"),
						knownvalue.StringExact("oauth2")),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("callback_url"),
						knownvalue.StringExact(lever.DefaultCallbackURL)),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("api_base_url"),
						knownvalue.StringExact("https://api.sandbox.lever.co/v1")),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("logo_url"),
						knownvalue.Null()),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("authorization_url"),
						knownvalue.StringRegexp(regexp.MustCompile(
							`^https://sandbox-lever\.auth0\.com/authorize\?.*client_id=client-id-1234`))),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("created_at"),
						knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
				},
			},
			{
				ResourceName:            profileAddress,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"client_secret"},
			},
			{
				Config: testAccProfileConfig(storePath, "Acme Recruiting Renamed", "sandbox", `
  description = "Syncs hiring data, renamed and re-described in place."
  logo_url    = "https://cdn.example.com/acme.png"
  scopes      = ["users:read:admin", "offline_access"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(profileAddress, plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("logo_url"),
						knownvalue.StringExact("https://cdn.example.com/acme.png")),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("actions"),
						knownvalue.Null()),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("effective_scopes"),
						knownvalue.SetExact(stringValues("offline_access", "users:read:admin"))),
				},
			},
			{
				Config: testAccProfileConfig(storePath, "Acme Recruiting", "production", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(profileAddress,
							plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("api_base_url"),
						knownvalue.StringExact("https://api.lever.co/v1")),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("scopes"),
						knownvalue.Null()),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("effective_scopes"),
						knownvalue.SetExact(stringValues(lever.GrantedScopes(nil)...))),
				},
			},
		},
	})
}

func TestAccConnectorProfile_importFillsEverything(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccProfileConfig(storePath, "Imported", "production", `
  callback_url = "http://localhost:3000/login"
  logo_url     = "https://cdn.example.com/logo.png"
  scopes       = ["offline_access", "users:write:admin", "interviews:read:admin"]
  actions      = ["list_interviews", "list_users"]`)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				ResourceName:            profileAddress,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"client_secret"},
			},
			{
				// With an import block, the plan may set the secret, which
				// the store never returns, but never replaces the profile.
				ResourceName:       profileAddress,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(profileAddress, plancheck.ResourceActionUpdate),
					},
				},
			},
		},
	})
}

func TestAccConnectorProfile_outOfBandDelete(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccProfileConfig(storePath, "Deleted Elsewhere", "sandbox", "")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					store := openTestStore(t, storePath)
					profile := onlyProfile(t, store)
					if err := store.DeleteProfile(context.Background(), profile.ID); err != nil {
						t.Fatalf("deleting out of band: %s", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(profileAddress, plancheck.ResourceActionCreate),
					},
				},
			},
		},
	})
}

func TestAccConnectorProfile_secretChangedElsewhere(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccProfileConfig(storePath, "Rotated Elsewhere", "sandbox", "")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					store := openTestStore(t, storePath)
					profile := onlyProfile(t, store)
					secret := "rotated-by-someone-else"
					_, err := store.UpdateProfile(context.Background(), profile.ID, profile.Version,
						backend.ProfileChange{ClientSecret: &secret})
					if err != nil {
						t.Fatalf("rotating out of band: %s", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(profileAddress, plancheck.ResourceActionUpdate),
					},
				},
			},
		},
	})
}

func TestAccConnectorProfile_storeEditedToUnknownEnvironment(t *testing.T) {
	skipUnlessEmbedded(t, "the test edits the store's SQLite file by hand")
	storePath := testStorePath(t)
	config := testAccProfileConfig(storePath, "Edited By Hand", "sandbox", "")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					db, err := sql.Open("sqlite", "file:"+storePath)
					if err != nil {
						t.Fatal(err)
					}
					defer db.Close()
					if _, err := db.Exec(`UPDATE profiles SET environment = 'staging'`); err != nil {
						t.Fatalf("editing the store by hand: %s", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(profileAddress,
							plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
			},
		},
	})
}

func TestAccConnectorProfile_callbackSpelling(t *testing.T) {
	storePath := testStorePath(t)
	const spelt = "HTTPS://Hooks.Example.COM/Lever/Callback"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccProfileConfig(storePath, "Mixed Case Host", "sandbox",
					fmt.Sprintf("  callback_url = %q", spelt)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("callback_url"),
						knownvalue.StringExact(spelt)),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("authorization_url"),
						knownvalue.StringRegexp(regexp.MustCompile(
							`redirect_uri=https%3A%2F%2Fhooks\.example\.com%2FLever%2FCallback`))),
					storedProfileCheck(t, storePath, func(p backend.Profile) error {
						if p.CallbackURL != "https://hooks.example.com/Lever/Callback" {
							return fmt.Errorf("store has callback %q", p.CallbackURL)
						}
						return nil
					}),
				},
			},
		},
	})
}

func TestAccConnectorProfile_providerDefaultCallback(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccProviderBlock(storePath,
		`default_callback_url = "https://platform.example.com/oauth/lever"`) + `
resource "lever_connector_profile" "test" {
  name          = "Default Callback"
  description   = "Takes its callback from the provider block."
  environment   = "sandbox"
  client_id     = "abc"
  client_secret = "def"
}
`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("callback_url"),
						knownvalue.StringExact("https://platform.example.com/oauth/lever")),
				},
			},
		},
	})
}

func TestAccConnectorProfile_nameTaken(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccProviderBlock(storePath) + `
resource "lever_connector_profile" "first" {
  name          = "Twin"
  description   = "The first of two profiles with one name."
  environment   = "sandbox"
  client_id     = "one"
  client_secret = "one"
}

resource "lever_connector_profile" "second" {
  name          = "Twin"
  description   = "The second of two profiles with one name."
  environment   = "sandbox"
  client_id     = "two"
  client_secret = "two"
  depends_on    = [lever_connector_profile.first]
}
`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)named "Twin" already exists.*lcp_[a-z2-7]{26}.*terraform\s+import`),
			},
		},
	})
}

func TestAccConnectorProfile_nameTakenInStoreFailsPlan(t *testing.T) {
	storePath := testStorePath(t)
	first := testAccProfileConfig(storePath, "Taken", "sandbox", "")
	second := first + `
resource "lever_connector_profile" "second" {
  name          = "Taken"
  description   = "Wants the name the first profile has."
  environment   = "sandbox"
  client_id     = "second"
  client_secret = "second"
}
`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: first},
			{
				Config:   second,
				PlanOnly: true,
				ExpectError: regexp.MustCompile(`Error: Name Already Taken\s+with ` +
					`lever_connector_profile\.second,\s+on \S+ line \d+, in resource ` +
					`"lever_connector_profile" "second":\s+\d+:\s+name\s+=(?s).*lcp_[a-z2-7]{26}`),
			},
			{
				// The same name in the other environment is free.
				Config: strings.Replace(second, `environment   = "sandbox"
  client_id     = "second"`, `environment   = "production"
  client_id     = "second"`, 1),
			},
		},
	})
}

func TestAccConnectorProfile_importErrors(t *testing.T) {
	storePath := testStorePath(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: testAccProfileConfig(storePath, "Import Target", "sandbox", "")},
			{
				ResourceName:  profileAddress,
				ImportState:   true,
				ImportStateId: "lcp_doesnotexistdoesnotexist",
				ExpectError: regexp.MustCompile(`(?s)Cannot Import lever_connector_profile.*` +
					`lcp_doesnotexistdoesnotexist.*(embedded_path|endpoint)`),
			},
			{
				ResourceName:  profileAddress,
				ImportState:   true,
				ImportStateId: "lss_aaaaaaaaaaaaaaaaaaaaaaaaaa",
				ExpectError:   regexp.MustCompile(`(?s)"lss_".*belong\s+to\s+lever_scope_set`),
			},
		},
	})
}

func TestAccConnectorProfile_unknownAtPlanCheckedAtApply(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccProviderBlock(storePath) + `
resource "terraform_data" "scopes" {
  input = ["opportunities:read:admin", "users:read:admin"]
}

resource "lever_connector_profile" "test" {
  name          = "Late Scopes"
  description   = "Scopes that are only known at apply time."
  environment   = "sandbox"
  client_id     = "late"
  client_secret = "late"
  scopes        = terraform_data.scopes.output
}
`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)offline_access`),
			},
		},
	})
}

func TestAccConnectorProfile_knownElementsCheckedAtPlan(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccProviderBlock(storePath) + `
resource "terraform_data" "scope" {
  input = "offline_access"
}

resource "lever_connector_profile" "test" {
  name          = "Partly Known"
  description   = "One scope known at plan, one not."
  environment   = "sandbox"
  client_id     = "partly"
  client_secret = "partly"
  scopes        = ["contacts:read:admin", terraform_data.scope.output]
}
`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      config,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)contacts:read:admin.*contact:read:admin`),
			},
		},
	})
}

// TestAccConnectorProfile_planTimeErrors holds one case per rule: each must
// fail at plan with its summary, pointing at the attribute's line, with a
// detail that says how to fix it.
func TestAccConnectorProfile_planTimeErrors(t *testing.T) {
	twentyOne := strings.Join(append(quoted(lever.DefaultScopes()),
		`"audit_events:read:admin"`, `"panels:read:admin"`, `"tasks:read:admin"`), ", ")
	cases := map[string]struct {
		name, environment, extra   string
		summary, attribute, detail string
	}{
		"blank name": {name: "   ", summary: "Missing Name", attribute: "name"},
		"name with spaces round": {name: " Acme ", summary: "Name Has Surrounding Whitespace",
			attribute: "name"},
		"name too long": {name: strings.Repeat("n", 101), summary: "Name Too Long",
			attribute: "name", detail: `100`},
		"description too short": {extra: `  description = "Zwölf Zeichen…"`,
			summary: "Invalid Attribute Value Length", attribute: "description", detail: `20`},
		"description too long": {extra: fmt.Sprintf("  description = %q", strings.Repeat("é", 141)),
			summary: "Invalid Attribute Value Length", attribute: "description", detail: `141`},
		"environment case": {environment: "Sandbox", summary: "Unknown Lever Environment",
			attribute: "environment", detail: `"sandbox"`},
		"environment unknown": {environment: "staging", summary: "Unknown Lever Environment",
			attribute: "environment", detail: `production`},
		"name with a zero-width space": {name: "Acme\u200b", summary: "Name Contains Invisible Characters",
			attribute: "name", detail: `U\+200B`},
		"description blank": {extra: fmt.Sprintf("  description = %q", strings.Repeat(" ", 25)),
			summary: "Missing Description", attribute: "description"},
		"description with a control character": {
			extra:   `  description = "Twenty characters and\u0000 a NUL"`,
			summary: "Description Contains Control Characters", attribute: "description"},
		"callback port out of range": {extra: `  callback_url = "https://a.example:99999/cb"`,
			summary: "Invalid Callback URL", attribute: "callback_url", detail: `(?i)port`},
		"callback javascript scheme": {extra: `  callback_url = "javascript:alert(1)"`,
			summary: "Unsupported Callback URL Scheme", attribute: "callback_url"},
		"callback host with underscore": {extra: `  callback_url = "https://a_b.example/cb"`,
			summary: "Invalid Callback URL Host", attribute: "callback_url"},
		"client id spaces": {extra: `  client_id = "abc def"`, summary: "Invalid Client ID",
			attribute: "client_id", detail: `(?i)whitespace`},
		"client secret blank": {extra: `  client_secret = " "`, summary: "Missing Client Secret",
			attribute: "client_secret"},
		"callback plain http": {extra: `  callback_url = "http://example.com/cb"`,
			summary: "Insecure Callback URL", attribute: "callback_url", detail: `localhost`},
		"callback fragment": {extra: `  callback_url = "https://example.com/cb#x"`,
			summary: "Callback URL Has Fragment", attribute: "callback_url"},
		"callback user info": {extra: `  callback_url = "https://user:pw@example.com/cb"`,
			summary: "Callback URL Has User Info", attribute: "callback_url"},
		"callback relative": {extra: `  callback_url = "/callback"`,
			summary: "Callback URL Not Absolute", attribute: "callback_url"},
		"logo not https": {extra: `  logo_url = "http://cdn.example.com/logo.png"`,
			summary: "Insecure Logo URL", attribute: "logo_url"},
		"scope unknown with suggestion": {
			extra:   `  scopes = ["offline_access", "users:read:admin", "opportunity:read:admin"]`,
			summary: "Unknown Lever Scope", attribute: "scopes",
			detail: `"opportunity:read:admin".*"opportunities:read:admin"`},
		"scopes empty": {extra: `  scopes = []`, summary: "Empty Scope List", attribute: "scopes",
			detail: `(?i)omit.*default`},
		"scopes over twenty": {extra: "  scopes = [" + twentyOne + "]", summary: "Too Many Scopes",
			attribute: "scopes", detail: `21.*20`},
		"scopes without offline_access": {extra: `  scopes = ["users:read:admin"]`,
			summary: "Missing Required Scope", attribute: "scopes", detail: `offline_access`},
		"scopes without users read": {extra: `  scopes = ["offline_access"]`,
			summary: "Missing Required Scope", attribute: "scopes", detail: `users:read:admin`},
		"action unknown": {extra: `  actions = ["list_opportunity"]`,
			summary: "Unknown Lever Action", attribute: "actions", detail: `"list_opportunities"`},
		"action not covered": {
			extra: `  scopes = ["offline_access", "users:read:admin"]
  actions = ["create_opportunity"]`,
			summary: "Action Needs Missing Scope", attribute: "actions",
			detail: `"create_opportunity".*"opportunities:write:admin"`},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			profileName, environment := tc.name, tc.environment
			if profileName == "" {
				profileName = "Plan Time Errors"
			}
			if environment == "" {
				environment = "sandbox"
			}
			config := testAccProfileConfig(testStorePath(t), profileName, environment, tc.extra)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{
						Config:      config,
						PlanOnly:    true,
						ExpectError: attributeError(tc.summary, "lever_connector_profile", tc.attribute, tc.detail),
					},
				},
			})
		})
	}
}

// attributeError matches Terraform's rendering of an error with the given
// summary on the given attribute of resource "<resourceType>" "test", whose
// detail matches the detail pattern.
func attributeError(summary, resourceType, attribute, detail string) *regexp.Regexp {
	return regexp.MustCompile(fmt.Sprintf(
		`Error: %s\s+with %s\.test,\s+on \S+ line \d+, in resource "%s" "test":\s+\d+:\s+%s\s+=(?s).*%s`,
		regexp.QuoteMeta(summary), resourceType, resourceType, attribute, detail))
}

// dedupeArguments keeps the last assignment of each argument in a resource
// block, so a test case can override one of testAccProfileConfig's lines.
func dedupeArguments(config string) string {
	lines := strings.Split(config, "\n")
	last := map[string]int{}
	for i, line := range lines {
		if key, _, ok := strings.Cut(strings.TrimSpace(line), "="); ok && strings.HasPrefix(line, "  ") {
			last[strings.TrimSpace(key)] = i
		}
	}
	var out []string
	for i, line := range lines {
		if key, _, ok := strings.Cut(strings.TrimSpace(line), "="); ok && strings.HasPrefix(line, "  ") {
			if last[strings.TrimSpace(key)] != i {
				continue
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func quoted(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

func stringValues(values ...string) []knownvalue.Check {
	out := make([]knownvalue.Check, len(values))
	for i, v := range values {
		out[i] = knownvalue.StringExact(v)
	}
	return out
}

// onlyProfile returns the single profile a test's store holds.
func onlyProfile(t *testing.T, store backend.Backend) backend.Profile {
	t.Helper()
	profiles, err := store.ListProfiles(context.Background(), backend.ProfileFilter{})
	if err != nil || len(profiles) != 1 {
		t.Fatalf("expected one profile in the store, got %d (%v)", len(profiles), err)
	}
	return profiles[0]
}

// storedProfileCheck asserts on the single profile in a test's store.
func storedProfileCheck(t *testing.T, storePath string, check func(backend.Profile) error) statecheck.StateCheck {
	return storeStateCheck{t: t, storePath: storePath, check: check}
}

type storeStateCheck struct {
	t         *testing.T
	storePath string
	check     func(backend.Profile) error
}

func (c storeStateCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c.check(onlyProfile(c.t, openTestStore(c.t, c.storePath)))
}
