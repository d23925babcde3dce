// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// knownStringList is an exact check for a list of strings.
func knownStringList(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(checks)
}

func TestAccNormalizeScopesFunction_basic(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   testAccFunctionVersions,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccFunctionOutput(`provider::lever::normalize_scopes([
    "users:read:admin",
    "notes:read:admin",
    "offline_access",
    "notes:write:admin",
    "uploads:write:admin",
    "offline_access",
    "offers:read:admin",
  ])`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("result", knownStringList(
						"notes:write:admin",
						"offers:read:admin",
						"offline_access",
						"uploads:write:admin",
						"users:read:admin",
					)),
				},
			},
		},
	})
}

func TestAccNormalizeScopesFunction_empty(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   testAccFunctionVersions,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccFunctionOutput(`provider::lever::normalize_scopes([])`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("result", knownStringList()),
				},
			},
		},
	})
}

// A call on a value known only after apply is planned unknown by Terraform
// and runs once the value is known.
func TestAccNormalizeScopesFunction_knownAfterApply(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   testAccFunctionVersions,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: `
resource "terraform_data" "scopes" {
  input = ["stages:read:admin", "stages:read:admin", "offline_access"]
}
` + testAccFunctionOutput(`provider::lever::normalize_scopes(terraform_data.scopes.output)`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownOutputValue("result"),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("result",
						knownStringList("offline_access", "stages:read:admin")),
				},
			},
		},
	})
}

func TestAccNormalizeScopesFunction_unknownScope(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   testAccFunctionVersions,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccFunctionOutput(
					`provider::lever::normalize_scopes(["offline_access", "postngs:read:admin"])`),
				ExpectError: expectArgumentError("scopes", `Unknown Lever Scope`,
					`"postngs:read:admin" is not one of Lever's 52 published scopes`,
					`Did you mean "postings:read:admin"?`),
			},
		},
	})
}

func TestAccNormalizeScopesFunction_nullElement(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   testAccFunctionVersions,
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccFunctionOutput(
					`provider::lever::normalize_scopes(["offline_access", null, "tags:read:admin"])`),
				ExpectError: expectArgumentError("scopes", `Null Scope: scopes[1] is null`,
					`compact()`),
			},
		},
	})
}
