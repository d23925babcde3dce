// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
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

const scopeSetAddress = "lever_scope_set.test"

func testAccScopeSetConfig(storePath, name, scopes string) string {
	return testAccProviderBlock(storePath) + fmt.Sprintf(`
resource "lever_scope_set" "test" {
  name   = %[1]q
  scopes = %[2]s
}
`, name, scopes)
}

func TestAccScopeSet_lifecycle(t *testing.T) {
	storePath := testStorePath(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccScopeSetConfig(storePath, "read-only",
					`["opportunities:read:admin", "postings:read:admin", "opportunities:read:admin"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scopeSetAddress, tfjsonpath.New("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^lss_[a-z2-7]{26}$`))),
					statecheck.ExpectKnownValue(scopeSetAddress, tfjsonpath.New("meets_profile_minimum"),
						knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(scopeSetAddress, tfjsonpath.New("description"),
						knownvalue.Null()),
				},
			},
			{
				ResourceName:      scopeSetAddress,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				Config: testAccProviderBlock(storePath) + `
resource "lever_scope_set" "test" {
  name        = "hiring-writes"
  description = "What the hiring sync needs."
  scopes      = ["offline_access", "users:write:admin", "opportunities:write:admin"]
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(scopeSetAddress, plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scopeSetAddress, tfjsonpath.New("meets_profile_minimum"),
						knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(scopeSetAddress, tfjsonpath.New("effective_scopes"),
						knownvalue.SetExact(stringValues("offline_access", "opportunities:read:admin",
							"opportunities:write:admin", "users:read:admin", "users:write:admin"))),
				},
			},
		},
	})
}

func TestAccScopeSet_usedByProfile(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccProviderBlock(storePath) + `
resource "lever_scope_set" "test" {
  name   = "shared"
  scopes = ["offline_access", "users:read:admin", "interviews:write:admin"]
}

resource "lever_connector_profile" "test" {
  name          = "Uses A Scope Set"
  description   = "Takes its scopes from a shared scope set."
  environment   = "production"
  client_id     = "shared"
  client_secret = "shared"
  scopes        = lever_scope_set.test.scopes
  actions       = ["create_interview", "list_interviews"]
}
`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("effective_scopes"),
						knownvalue.SetExact(stringValues("interviews:read:admin",
							"interviews:write:admin", "offline_access", "users:read:admin"))),
				},
			},
		},
	})
}

func TestAccScopeSet_outOfBandDelete(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccScopeSetConfig(storePath, "gone", `["tags:read:admin"]`)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					store := openTestStore(t, storePath)
					if err := store.DeleteScopeSet(context.Background(), onlyScopeSet(t, store).ID); err != nil {
						t.Fatalf("deleting out of band: %s", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(scopeSetAddress, plancheck.ResourceActionCreate),
					},
				},
			},
		},
	})
}

func TestAccScopeSet_driftIsReverted(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccScopeSetConfig(storePath, "drifting", `["tags:read:admin"]`)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					store := openTestStore(t, storePath)
					set := onlyScopeSet(t, store)
					_, err := store.UpdateScopeSet(context.Background(), set.ID, set.Version,
						backend.ScopeSetChange{Scopes: []string{"stages:read:admin"}})
					if err != nil {
						t.Fatalf("changing out of band: %s", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(scopeSetAddress, plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scopeSetAddress, tfjsonpath.New("scopes"),
						knownvalue.SetExact(stringValues("tags:read:admin"))),
				},
			},
		},
	})
}

func TestAccScopeSet_nameTaken(t *testing.T) {
	storePath := testStorePath(t)
	config := testAccProviderBlock(storePath) + `
resource "lever_scope_set" "first" {
  name   = "twin"
  scopes = ["tags:read:admin"]
}

resource "lever_scope_set" "second" {
  name       = "twin"
  scopes     = ["stages:read:admin"]
  depends_on = [lever_scope_set.first]
}
`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)named "twin" already exists.*lss_[a-z2-7]{26}`),
			},
		},
	})
}

func TestAccScopeSet_planTimeErrors(t *testing.T) {
	cases := map[string]struct{ name, scopes, summary, attribute, detail string }{
		"empty": {scopes: `[]`, summary: "Empty Scope List", attribute: "scopes"},
		"over twenty": {scopes: "[" + strings.Join(quoted(lever.ScopeNames()[:21]), ", ") + "]",
			summary: "Too Many Scopes", attribute: "scopes", detail: `20`},
		"wrong case": {scopes: `["Users:Read:Admin"]`, summary: "Unknown Lever Scope",
			attribute: "scopes", detail: `"Users:Read:Admin".*"users:read:admin"`},
		"blank name": {name: " ", scopes: `["tags:read:admin"]`, summary: "Missing Name",
			attribute: "name"},
		"padded name": {name: "padded ", scopes: `["tags:read:admin"]`,
			summary: "Name Has Surrounding Whitespace", attribute: "name"},
		"missing :admin": {scopes: `["tags:read"]`, summary: "Unknown Lever Scope",
			attribute: "scopes", detail: `"tags:read:admin"`},
		"plural slip": {scopes: `["contacts:write:admin"]`, summary: "Unknown Lever Scope",
			attribute: "scopes", detail: `"contact:write:admin"`},
		"not even close": {scopes: `["xyz"]`, summary: "Unknown Lever Scope", attribute: "scopes",
			detail: `"xyz"`},
		"trailing space": {scopes: `["tags:read:admin "]`, summary: "Unknown Lever Scope",
			attribute: "scopes", detail: `"tags:read:admin"`},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			setName := tc.name
			if setName == "" {
				setName = "plan-time"
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{
						Config:      testAccScopeSetConfig(testStorePath(t), setName, tc.scopes),
						PlanOnly:    true,
						ExpectError: attributeError(tc.summary, "lever_scope_set", tc.attribute, tc.detail),
					},
				},
			})
		})
	}
}

// onlyScopeSet returns the single scope set a test's store holds.
func onlyScopeSet(t *testing.T, store backend.Backend) backend.ScopeSet {
	t.Helper()
	sets, err := store.ListScopeSets(context.Background(), "")
	if err != nil || len(sets) != 1 {
		t.Fatalf("expected one scope set in the store, got %d (%v)", len(sets), err)
	}
	return sets[0]
}
