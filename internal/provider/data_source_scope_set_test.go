// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

const scopeSetDataAddress = "data.lever_scope_set.test"

// testAccScopeSetDataConfig is a provider block and a lever_scope_set data
// source reading the given name, written as HCL.
func testAccScopeSetDataConfig(storePath, name string) string {
	return testAccProviderBlock(storePath) + fmt.Sprintf(`
data "lever_scope_set" "test" {
  name = %[1]s
}
`, name)
}

func TestAccScopeSetDataSource_byName(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccScopeSetDataConfig(storePath, "lever_scope_set.shared.name") + `
resource "lever_scope_set" "shared" {
  name        = "hiring-sync"
  description = "What the hiring sync needs."
  scopes      = ["offline_access", "users:read:admin", "opportunities:write:admin"]
}
`
	var checks []statecheck.StateCheck
	for _, name := range []string{"id", "name", "description", "scopes", "effective_scopes",
		"meets_profile_minimum"} {
		checks = append(checks, statecheck.CompareValuePairs("lever_scope_set.shared",
			tfjsonpath.New(name), scopeSetDataAddress, tfjsonpath.New(name), compare.ValuesSame()))
	}
	checks = append(checks,
		statecheck.ExpectKnownValue(scopeSetDataAddress, tfjsonpath.New("meets_profile_minimum"),
			knownvalue.Bool(true)),
		statecheck.ExpectKnownValue(scopeSetDataAddress, tfjsonpath.New("effective_scopes"),
			knownvalue.SetExact(stringValues("offline_access", "opportunities:read:admin",
				"opportunities:write:admin", "users:read:admin"))),
	)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: checks},
		},
	})
}

// TestAccScopeSetDataSource_definedElsewhere reads a scope set that another
// configuration made, and gives its scopes to a profile.
func TestAccScopeSetDataSource_definedElsewhere(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccScopeSetDataConfig(storePath, `"read-only"`) + `
resource "lever_connector_profile" "reader" {
  name          = "Reader"
  description   = "Takes its scopes from a shared scope set."
  environment   = "sandbox"
  client_id     = "reader"
  client_secret = "reader-secret"
  scopes        = data.lever_scope_set.test.scopes
}
`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					_, err := openTestStore(t, storePath).CreateScopeSet(t.Context(),
						backend.ScopeSetInput{Name: "read-only",
							Scopes: []string{"offline_access", "users:read:admin"}})
					if err != nil {
						t.Fatalf("creating the scope set elsewhere: %s", err)
					}
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scopeSetDataAddress, tfjsonpath.New("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^lss_[a-z2-7]{26}$`))),
					statecheck.ExpectKnownValue(scopeSetDataAddress, tfjsonpath.New("description"),
						knownvalue.Null()),
					statecheck.CompareValuePairs(scopeSetDataAddress, tfjsonpath.New("scopes"),
						"lever_connector_profile.reader", tfjsonpath.New("scopes"),
						compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccScopeSetDataSource_notFound(t *testing.T) {
	storePath := testStorePath(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccScopeSetDataConfig(storePath, `"no-such-set"`),
				ExpectError: regexp.MustCompile(`(?s)Scope Set Not Found.*` +
					`(embedded\s+store|HTTP\s+backend)\s+at\s.*no\s+scope\s+set\s+named\s+"no-such-set"`),
			},
			{
				Config:      testAccScopeSetDataConfig(storePath, `""`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Length.*name`),
			},
		},
	})
}
