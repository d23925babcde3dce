// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccExpandScopesFunction_basic(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   testAccFunctionVersions,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccFunctionOutput(`provider::lever::expand_scopes([
    "offline_access",
    "notes:write:admin",
    "uploads:write:admin",
    "notes:read:admin",
    "offline_access",
    "offers:read:admin",
  ])`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("result", knownStringList(
						"notes:read:admin",
						"notes:write:admin",
						"offers:read:admin",
						"offline_access",
						"uploads:write:admin",
					)),
				},
			},
		},
	})
}

// expand_scopes and normalize_scopes undo each other on what a list grants.
func TestAccExpandScopesFunction_inverseOfNormalize(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   testAccFunctionVersions,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: `
locals {
  scopes = ["users:write:admin", "users:read:admin", "tasks:read:admin", "forms:write:admin"]
}

output "normalized_expansion" {
  value = provider::lever::normalize_scopes(provider::lever::expand_scopes(local.scopes))
}

output "same_grant" {
  value = (provider::lever::expand_scopes(provider::lever::normalize_scopes(local.scopes)) ==
  provider::lever::expand_scopes(local.scopes))
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("normalized_expansion", knownStringList(
						"forms:write:admin", "tasks:read:admin", "users:write:admin")),
					statecheck.ExpectKnownOutputValue("same_grant", knownvalue.Bool(true)),
				},
			},
		},
	})
}

func TestAccExpandScopesFunction_unknownScope(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   testAccFunctionVersions,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccFunctionOutput(
					`provider::lever::expand_scopes(["Users:Write", "offers:write:admin"])`),
				ExpectError: expectArgumentError("scopes",
					`Unknown Lever Scope: "Users:Write" is not one of`,
					`Did you mean "users:write:admin"?`,
					`Unknown Lever Scope: "offers:write:admin" is not one of`,
					`For that resource Lever publishes only "offers:read:admin"`),
			},
		},
	})
}

func TestAccExpandScopesFunction_nullElement(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   testAccFunctionVersions,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccFunctionOutput(
					`provider::lever::expand_scopes([null, "notes:write:admin", null])`),
				ExpectError: expectArgumentError("scopes",
					`Null Scope: scopes[0] and scopes[2] are null`),
			},
		},
	})
}
