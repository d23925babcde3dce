// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package bench

import (
	"strings"
	"testing"
)

func TestConfigsDeclareTheSameProfiles(t *testing.T) {
	profile := `
  name          = "Bench Profile 00001"
  description   = "Benchmark profile 1, synced with nothing at all."
  environment   = "sandbox"
  client_id     = "bench-client-1"
  client_secret = "bench-secret-1"
`
	for name, tc := range map[string]struct {
		config string
		want   []string
	}{
		"profiles": {ProfilesConfig("provider \"lever\" {}\n", 2), []string{
			`source = "connectorprofiles/lever"`, `provider "lever" {}`,
			"resource \"lever_connector_profile\" \"p1\" {" + profile + "}\n"}},
		"terraform_data": {FloorConfig(2), []string{
			"resource \"terraform_data\" \"p1\" {\n  input = {" +
				strings.ReplaceAll(profile, "\n  ", "\n    ") + "  }\n}\n"}},
		"framework floor": {FrameworkFloorConfig(2), []string{
			`source = "connectorprofiles/floor"`, "resource \"floor_profile\" \"p1\" {" + profile + "}\n"}},
	} {
		for _, want := range tc.want {
			if !strings.Contains(tc.config, want) {
				t.Errorf("%s: the configuration lacks\n%s\nin\n%s", name, want, tc.config)
			}
		}
		if got := strings.Count(tc.config, "\nresource "); got != 2 {
			t.Errorf("%s: %d resources, want 2", name, got)
		}
	}
}
