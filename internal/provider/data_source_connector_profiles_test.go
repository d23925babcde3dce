// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// listedProfiles are the profiles testAccListedProfilesConfig manages, by
// resource name: alpha and beta in sandbox, gamma in production, and beta
// disabled.
var listedProfiles = []struct {
	name, environment string
	enabled           bool
}{{"alpha", "sandbox", true}, {"beta", "sandbox", false}, {"gamma", "production", true}}

// testAccListedProfilesConfig manages the listedProfiles, each with its own
// secret, and adds the given data sources. The profiles are separate blocks
// rather than one for_each, which state checks cannot address.
func testAccListedProfilesConfig(storePath, dataSources string) string {
	config := testAccProviderBlock(storePath)
	for _, p := range listedProfiles {
		config += fmt.Sprintf(`
resource "lever_connector_profile" %[1]q {
  name          = "Profile %[1]s"
  description   = "One of three profiles the list data source reads."
  environment   = %[2]q
  client_id     = "client-%[1]s"
  client_secret = "secret-%[1]s-for-list-tests"
  enabled       = %[3]t
}
`, p.name, p.environment, p.enabled)
	}
	return config + dataSources
}

// testAccProfileListData is one lever_connector_profiles data source with
// the given arguments.
func testAccProfileListData(name, arguments string) string {
	return fmt.Sprintf(`
data "lever_connector_profiles" %[1]q {
%[2]s
}
`, name, arguments)
}

func listedAddress(key string) string {
	return "lever_connector_profile." + key
}

// listHolds checks that the data source at address lists exactly the
// profiles of the given keys, ordered by id, with profiles and ids in step.
func listHolds(address string, keys ...string) []statecheck.StateCheck {
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, tfjsonpath.New("ids"), sortedStrings(len(keys))),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("profiles"),
			knownvalue.ListSizeExact(len(keys))),
	}
	for i := range keys {
		checks = append(checks, statecheck.CompareValuePairs(
			address, tfjsonpath.New("profiles").AtSliceIndex(i).AtMapKey("id"),
			address, tfjsonpath.New("ids").AtSliceIndex(i), compare.ValuesSame()))
	}
	for _, key := range keys {
		checks = append(checks, statecheck.CompareValueCollection(
			address, []tfjsonpath.Path{tfjsonpath.New("ids")},
			listedAddress(key), tfjsonpath.New("id"), compare.ValuesSame()))
	}
	return checks
}

func TestAccConnectorProfilesDataSource_filters(t *testing.T) {
	storePath := testStorePath(t)
	dataSources := testAccProfileListData("all", "") +
		testAccProfileListData("sandbox", `  environment = "sandbox"`) +
		testAccProfileListData("enabled", `  enabled = true`) +
		testAccProfileListData("disabled", `  enabled = false`) +
		testAccProfileListData("sandbox_enabled", `  environment = "sandbox"
  enabled     = true`) +
		testAccProfileListData("none", `  environment = "production"
  enabled     = false`)

	checks := slices.Concat(
		listHolds("data.lever_connector_profiles.all", "alpha", "beta", "gamma"),
		listHolds("data.lever_connector_profiles.sandbox", "alpha", "beta"),
		listHolds("data.lever_connector_profiles.enabled", "alpha", "gamma"),
		listHolds("data.lever_connector_profiles.disabled", "beta"),
		listHolds("data.lever_connector_profiles.sandbox_enabled", "alpha"),
		listHolds("data.lever_connector_profiles.none"),
		[]statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.lever_connector_profiles.disabled",
				tfjsonpath.New("profiles").AtSliceIndex(0), knownvalue.ObjectPartial(
					map[string]knownvalue.Check{
						"name":        knownvalue.StringExact("Profile beta"),
						"environment": knownvalue.StringExact("sandbox"),
						"enabled":     knownvalue.Bool(false),
						"default":     knownvalue.Bool(false),
						"type":        knownvalue.StringExact("oauth2"),
					})),
			statecheck.ExpectKnownValue("data.lever_connector_profiles.none",
				tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
			noSecretInState(t, storePath, "data.lever_connector_profiles.all",
				"secret-alpha-for-list-tests", "secret-beta-for-list-tests",
				"secret-gamma-for-list-tests"),
		},
	)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			// The data sources come in the second step: they read at plan,
			// before the first step has created anything.
			{Config: testAccListedProfilesConfig(storePath, "")},
			{
				Config:            testAccListedProfilesConfig(storePath, dataSources),
				ConfigStateChecks: checks,
			},
		},
	})
}

func TestAccConnectorProfilesDataSource_emptyStore(t *testing.T) {
	const address = "data.lever_connector_profiles.all"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccProviderBlock(testStorePath(t)) + testAccProfileListData("all", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("ids"),
						knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("profiles"),
						knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
		},
	})
}

func TestAccConnectorProfilesDataSource_unknownEnvironment(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccProviderBlock(testStorePath(t)) +
					testAccProfileListData("test", `  environment = "staging"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unknown Lever Environment.*production`),
			},
		},
	})
}

// sortedStrings checks a list of size strings in ascending order.
func sortedStrings(size int) knownvalue.Check {
	return sortedStringsCheck{size: size}
}

type sortedStringsCheck struct{ size int }

func (c sortedStringsCheck) CheckValue(value any) error {
	list, ok := value.([]any)
	if !ok {
		return fmt.Errorf("expected a list, got %T", value)
	}
	if len(list) != c.size {
		return fmt.Errorf("expected %d elements, got %d", c.size, len(list))
	}
	strs := make([]string, len(list))
	for i, v := range list {
		if strs[i], ok = v.(string); !ok {
			return fmt.Errorf("element %d is %T, not a string", i, v)
		}
	}
	if !slices.IsSorted(strs) {
		return fmt.Errorf("%v is not in ascending order", strs)
	}
	return nil
}

func (c sortedStringsCheck) String() string {
	return fmt.Sprintf("%d strings in ascending order", c.size)
}
