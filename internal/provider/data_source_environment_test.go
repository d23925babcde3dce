// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

func testAccEnvironmentConfig(storePath, name string) string {
	return testAccProviderBlock(storePath) + fmt.Sprintf(`
data "lever_environment" "test" {
  name = %[1]q
}
`, name)
}

func TestAccEnvironmentDataSource_facts(t *testing.T) {
	storePath := testStorePath(t)
	const address = "data.lever_environment.test"
	for _, env := range lever.Environments() {
		t.Run(env.Name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{
						Config: testAccEnvironmentConfig(storePath, env.Name),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(address, tfjsonpath.New("api_base_url"),
								knownvalue.StringExact(env.APIBaseURL)),
							statecheck.ExpectKnownValue(address, tfjsonpath.New("authorize_url"),
								knownvalue.StringExact(env.AuthorizeURL)),
							statecheck.ExpectKnownValue(address, tfjsonpath.New("token_url"),
								knownvalue.StringExact(env.TokenURL)),
							statecheck.ExpectKnownValue(address, tfjsonpath.New("audience"),
								knownvalue.StringExact(env.Audience)),
							statecheck.ExpectKnownValue(address, tfjsonpath.New("default_callback_url"),
								knownvalue.StringExact(lever.DefaultCallbackURL)),
							statecheck.ExpectKnownValue(address, tfjsonpath.New("scopes"),
								knownvalue.ListSizeExact(52)),
							statecheck.ExpectKnownValue(address, tfjsonpath.New("required_scopes"),
								knownvalue.ListExact(stringValues("offline_access", "users:read:admin"))),
							statecheck.ExpectKnownValue(address, tfjsonpath.New("default_scopes"),
								knownvalue.ListSizeExact(len(lever.DefaultScopes()))),
							statecheck.ExpectKnownValue(address, tfjsonpath.New("max_scopes"),
								knownvalue.Int64Exact(20)),
							statecheck.ExpectKnownValue(address, tfjsonpath.New("description_min_length"),
								knownvalue.Int64Exact(20)),
							statecheck.ExpectKnownValue(address,
								tfjsonpath.New("actions").AtMapKey("list_opportunities").AtMapKey("scopes"),
								knownvalue.ListExact(stringValues("opportunities:read:admin"))),
						},
					},
				},
			})
		})
	}
}

func TestAccEnvironmentDataSource_unknownName(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      testAccEnvironmentConfig(testStorePath(t), "Production"),
				ExpectError: regexp.MustCompile(`(?s)Production.*production`),
			},
		},
	})
}
