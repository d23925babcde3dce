// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// testAccWriteOnlyConfig is a profile whose secret is write-only.
func testAccWriteOnlyConfig(storePath, description, secret string, version int) string {
	return testAccProviderBlock(storePath) + fmt.Sprintf(`
resource "lever_connector_profile" "test" {
  name                     = "Write Only"
  description              = %[1]q
  environment              = "sandbox"
  client_id                = "write-only"
  client_secret_wo         = %[2]q
  client_secret_wo_version = %[3]d
}
`, description, secret, version)
}

func TestAccConnectorProfile_writeOnlySecret(t *testing.T) {
	storePath := testStorePath(t)
	const first, second, elsewhere = "first-wo-secret-91c2", "second-wo-secret-4d7e", "rotated-elsewhere-0b1f"
	const description = "Keeps its secret out of Terraform's state."

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				Config: testAccWriteOnlyConfig(storePath, description, first, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("client_secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("client_secret_wo_version"),
						knownvalue.Int64Exact(1)),
					stateLacks(first),
					storedSecretIs(t, storePath, first, 1),
				},
			},
			{
				// Import with the same version plans nothing.
				ResourceName:    profileAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				Config: testAccWriteOnlyConfig(storePath, description, second, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(profileAddress, plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					stateLacks(second),
					storedSecretIs(t, storePath, second, 2),
				},
			},
			{
				// Rotated elsewhere, then a description-only change: the
				// rotation stays in place.
				PreConfig: func() {
					store := openTestStore(t, storePath)
					profile := onlyProfile(t, store)
					secret := elsewhere
					if _, err := store.UpdateProfile(context.Background(), profile.ID, profile.Version,
						backend.ProfileChange{ClientSecret: &secret}); err != nil {
						t.Fatalf("rotating out of band: %s", err)
					}
				},
				Config: testAccWriteOnlyConfig(storePath, "Keeps its secret out of Terraform's state, still.",
					second, 2),
				ConfigStateChecks: []statecheck.StateCheck{
					storedSecretIs(t, storePath, elsewhere, 0),
				},
			},
			{
				// A new version writes the configured secret again.
				Config: testAccWriteOnlyConfig(storePath, description, second, 3),
				ConfigStateChecks: []statecheck.StateCheck{
					storedSecretIs(t, storePath, second, 3),
				},
			},
		},
	})
}

func TestAccConnectorProfile_secretFormErrors(t *testing.T) {
	storePath := testStorePath(t)
	base := `  name        = "Secret Forms"
  description = "Exactly one form of the secret is allowed."
  environment = "sandbox"
  client_id   = "forms"
`
	cases := map[string]struct{ arguments, want string }{
		"neither":               {``, `(?s)Missing Attribute Configuration.*client_secret,client_secret_wo`},
		"both":                  {"  client_secret = \"a\"\n  client_secret_wo = \"b\"\n  client_secret_wo_version = 1", `(?s)Invalid Attribute Combination`},
		"write-only no version": {"  client_secret_wo = \"b\"", `(?s)Invalid Attribute Combination.*client_secret_wo_version`},
		"version without write-only": {"  client_secret = \"a\"\n  client_secret_wo_version = 1",
			`(?s)Invalid Attribute Combination.*client_secret_wo`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			config := testAccProviderBlock(storePath) + "resource \"lever_connector_profile\" \"test\" {\n" +
				base + tc.arguments + "\n}\n"
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
				Steps: []resource.TestStep{
					{Config: config, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)},
				},
			})
		})
	}
}

func TestAccConnectorProfile_lifecycleFlags(t *testing.T) {
	storePath := testStorePath(t)
	profile := func(label, name, environment string, isDefault, enabled bool) string {
		return fmt.Sprintf(`
resource "lever_connector_profile" %[1]q {
  name          = %[2]q
  description   = "A profile with lifecycle flags set."
  environment   = %[3]q
  client_id     = %[1]q
  client_secret = %[1]q
  default       = %[4]t
  enabled       = %[5]t
}
`, label, name, environment, isDefault, enabled)
	}
	first := testAccProviderBlock(storePath) + profile("test", "First", "sandbox", true, true)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: testAccProfileConfig(storePath, "First", "sandbox", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("default"), knownvalue.Bool(false)),
				},
			},
			{
				Config: first,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(profileAddress, tfjsonpath.New("default"), knownvalue.Bool(true)),
				},
			},
			{
				Config: first + profile("second", "Second", "sandbox", true, false),
				ExpectError: regexp.MustCompile(`(?s)Default Profile Already Set.*"First" \(id\s+lcp_[a-z2-7]{26}\)` +
					`.*default\s+=\s+false`),
			},
			{
				// Another environment has its own default.
				Config: first + profile("second", "Second", "production", true, false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("lever_connector_profile.second", tfjsonpath.New("enabled"),
						knownvalue.Bool(false)),
				},
			},
		},
	})
}

// stateLacks fails when a string appears anywhere in the state.
func stateLacks(secret string) statecheck.StateCheck {
	return stateLacksCheck{secret: secret}
}

type stateLacksCheck struct{ secret string }

func (c stateLacksCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if !strings.Contains(string(raw), `"client_secret_wo_version"`) {
		resp.Error = fmt.Errorf("the state holds no profile; the check would prove nothing")
		return
	}
	if strings.Contains(string(raw), c.secret) {
		resp.Error = fmt.Errorf("the state holds the write-only secret")
	}
}

// storedSecretIs checks the store's secret through its fingerprint, and the
// write-only version the store recorded with it.
func storedSecretIs(t *testing.T, storePath, secret string, version int64) statecheck.StateCheck {
	return storedProfileCheck(t, storePath, func(p backend.Profile) error {
		if !backend.FingerprintMatches(p.SecretFingerprint, secret) {
			return fmt.Errorf("the store's secret is not %q", secret)
		}
		if p.SecretVersion != version {
			return fmt.Errorf("the store records secret version %d, want %d", p.SecretVersion, version)
		}
		return nil
	})
}
