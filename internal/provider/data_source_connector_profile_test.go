// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

const (
	sharedProfileAddress = "lever_connector_profile.shared"
	profileByIDAddress   = "data.lever_connector_profile.by_id"
	profileByNameAddress = "data.lever_connector_profile.by_name"
	sharedProfileSecret  = "shared-s3cret-for-data-source-tests"
	// missingProfileID is a well-formed profile id no store holds, and
	// scopeSetLikeID the id of a scope set given where a profile's belongs.
	missingProfileID = "lcp_aaaaaaaaaaaaaaaaaaaaaaaaaa"
	scopeSetLikeID   = "lss_aaaaaaaaaaaaaaaaaaaaaaaaaa"
)

// profileDataAttributeNames are the attributes the data sources share with
// the resource.
var profileDataAttributeNames = []string{
	"id", "name", "description", "environment", "client_id", "callback_url", "logo_url",
	"scopes", "actions", "type", "effective_scopes", "api_base_url", "authorization_url",
	"enabled", "default", "created_at", "updated_at",
}

// testAccSharedProfileConfig is a profile, as one configuration would
// manage it, with extra arguments added, plus one data source reading it
// back by id and one by environment and name.
func testAccSharedProfileConfig(storePath, environment, extra string) string {
	return testAccProviderBlock(storePath) + fmt.Sprintf(`
resource "lever_connector_profile" "shared" {
  name          = "Shared Profile"
  description   = "Managed in one configuration, read in another."
  environment   = %[1]q
  client_id     = "shared-client"
  client_secret = %[2]q
%[3]s
}

data "lever_connector_profile" "by_id" {
  id = lever_connector_profile.shared.id
}

data "lever_connector_profile" "by_name" {
  environment = lever_connector_profile.shared.environment
  name        = lever_connector_profile.shared.name
}
`, environment, sharedProfileSecret, extra)
}

// testAccProfileDataConfig is a provider block and one
// lever_connector_profile data source with the given arguments.
func testAccProfileDataConfig(storePath, arguments string) string {
	return testAccProviderBlock(storePath) + fmt.Sprintf(`
data "lever_connector_profile" "test" {
%[1]s
}
`, arguments)
}

func TestAccConnectorProfileDataSource_byIDAndByName(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccSharedProfileConfig(storePath, "sandbox", `
  logo_url = "https://cdn.example.com/shared.png"
  scopes   = ["offline_access", "users:read:admin", "opportunities:write:admin"]
  actions  = ["list_opportunities"]`)

	var checks []statecheck.StateCheck
	for _, address := range []string{profileByIDAddress, profileByNameAddress} {
		for _, name := range profileDataAttributeNames {
			checks = append(checks, statecheck.CompareValuePairs(sharedProfileAddress,
				tfjsonpath.New(name), address, tfjsonpath.New(name), compare.ValuesSame()))
		}
		checks = append(checks,
			statecheck.ExpectKnownValue(address, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("default"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("logo_url"),
				knownvalue.StringExact("https://cdn.example.com/shared.png")),
			noSecretInState(t, storePath, address, sharedProfileSecret),
		)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: checks},
		},
	})
}

func TestAccConnectorProfileDataSource_defaultsReadAsNull(t *testing.T) {
	storePath := testStorePath(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccSharedProfileConfig(storePath, "production", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileByIDAddress, tfjsonpath.New("scopes"),
						knownvalue.Null()),
					statecheck.ExpectKnownValue(profileByIDAddress, tfjsonpath.New("actions"),
						knownvalue.Null()),
					statecheck.ExpectKnownValue(profileByIDAddress, tfjsonpath.New("logo_url"),
						knownvalue.Null()),
					statecheck.CompareValuePairs(
						sharedProfileAddress, tfjsonpath.New("effective_scopes"),
						profileByIDAddress, tfjsonpath.New("effective_scopes"),
						compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccConnectorProfileDataSource_notFound(t *testing.T) {
	storePath := testStorePath(t)
	profile := testAccSharedProfileConfig(storePath, "production", "")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccProfileDataConfig(storePath, `id = "`+missingProfileID+`"`),
				ExpectError: regexp.MustCompile(`(?s)Connector Profile Not Found.*` +
					`(embedded\s+store|HTTP\s+backend)\s+at\s.*no\s+connector\s+profile\s+with\s+id\s+"lcp_a{26}"`),
			},
			{
				Config: testAccProfileDataConfig(storePath, `id = "`+scopeSetLikeID+`"`),
				ExpectError: regexp.MustCompile(`(?s)Connector Profile Not Found.*` +
					`"lss_"\s+belong\s+to\s+scope\s+sets`),
			},
			{Config: profile},
			{
				Config: profile + `
data "lever_connector_profile" "test" {
  environment = "sandbox"
  name        = "Shared Profile"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Connector Profile Not Found.*` +
					`(embedded\s+store|HTTP\s+backend)\s+at.*no\s+connector\s+profile\s+named\s+` +
					`"Shared\s+Profile"\s+in\s+the\s+sandbox` +
					`.*production\s+environment\s+has\s+one\s+\(lcp_[a-z2-7]{26}\)`),
			},
			{
				Config: profile + `
data "lever_connector_profile" "test" {
  environment = "production"
  name        = "shared profile"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Connector Profile Not Found.*` +
					`named\s+"shared\s+profile".*letter\s+case`),
			},
		},
	})
}

// TestAccConnectorProfileDataSource_lookupErrors holds one case per way to
// name a profile wrongly; each fails at plan.
func TestAccConnectorProfileDataSource_lookupErrors(t *testing.T) {
	cases := map[string]struct{ arguments, want string }{
		"both id and name": {
			arguments: `  id          = "lcp_aaaaaaaaaaaaaaaaaaaaaaaaaa"
  environment = "sandbox"
  name        = "Both"`,
			want: `(?s)Invalid Attribute Combination.*Exactly one of these.*\[id,name\]`,
		},
		"neither": {
			arguments: ``,
			want:      `(?s)Missing Attribute Configuration.*Exactly one of these.*\[id,name\]`,
		},
		"name without environment": {
			arguments: `  name = "Alone"`,
			want:      `(?s)Invalid Attribute Combination.*together: \[environment,name\]`,
		},
		"id with environment": {
			arguments: `  id          = "lcp_aaaaaaaaaaaaaaaaaaaaaaaaaa"
  environment = "sandbox"`,
			want: `(?s)Invalid Attribute Combination.*together: \[environment,name\]`,
		},
		"unknown environment": {
			arguments: `  environment = "Sandbox"
  name        = "Cased"`,
			want: `(?s)Unknown Lever Environment.*"sandbox"`,
		},
		"empty name": {
			arguments: `  environment = "sandbox"
  name        = ""`,
			want: `(?s)Invalid Attribute Value Length.*name`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{
						Config:      testAccProfileDataConfig(testStorePath(t), tc.arguments),
						PlanOnly:    true,
						ExpectError: regexp.MustCompile(tc.want),
					},
				},
			})
		})
	}
}

// noSecretInState fails when any value of the resource at address, however
// deeply nested, holds one of the secrets or the fingerprint of a profile
// in the store, or when an attribute is named like a secret.
func noSecretInState(t *testing.T, storePath, address string, secrets ...string) statecheck.StateCheck {
	return noSecretCheck{t: t, storePath: storePath, address: address, secrets: secrets}
}

type noSecretCheck struct {
	t         *testing.T
	storePath string
	address   string
	secrets   []string
}

func (c noSecretCheck) CheckState(ctx context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	forbidden := append([]string(nil), c.secrets...)
	profiles, err := openTestStore(c.t, c.storePath).ListProfiles(ctx, backend.ProfileFilter{})
	if err != nil {
		resp.Error = err
		return
	}
	for _, p := range profiles {
		forbidden = append(forbidden, p.SecretFingerprint)
	}
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("no state to check for %s", c.address)
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address == c.address {
			resp.Error = findSecret(c.address, r.AttributeValues, forbidden)
			return
		}
	}
	resp.Error = fmt.Errorf("%s is not in the state", c.address)
}

// findSecret walks a state value and reports the first place that holds a
// forbidden string or a key named like a secret.
func findSecret(at string, value any, forbidden []string) error {
	switch v := value.(type) {
	case map[string]any:
		for key, inner := range v {
			if strings.Contains(key, "secret") || strings.Contains(key, "fingerprint") {
				return fmt.Errorf("%s has an attribute %q", at, key)
			}
			if err := findSecret(at+"."+key, inner, forbidden); err != nil {
				return err
			}
		}
	case []any:
		for i, inner := range v {
			if err := findSecret(fmt.Sprintf("%s[%d]", at, i), inner, forbidden); err != nil {
				return err
			}
		}
	case string:
		for _, f := range forbidden {
			if f != "" && strings.Contains(v, f) {
				return fmt.Errorf("%s holds a secret or its fingerprint", at)
			}
		}
	}
	return nil
}
