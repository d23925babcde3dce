// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// Backend is a store the provider keeps profiles in during a benchmark.
type Backend interface {
	// Name labels the backend's rows in the table, such as "embedded".
	Name() string
	// Start prepares a fresh store for one workspace in dir and returns the
	// provider block that uses it, with a function that releases what Start
	// made (a server, say).
	Start(ctx context.Context, dir string) (providerBlock string, stop func(), err error)
}

// Embedded is the provider's embedded SQLite store, in a file of the
// workspace, with its default full durability: every commit is synced.
type Embedded struct{}

// Name returns "embedded".
func (Embedded) Name() string { return "embedded" }

// Start names a new store file in dir; the provider creates it on first use.
func (Embedded) Start(_ context.Context, dir string) (string, func(), error) {
	block := fmt.Sprintf("provider \"lever\" {\n  embedded_path = %q\n}\n",
		filepath.Join(dir, "profiles.db"))
	return block, func() {}, nil
}

// requiredProvider declares a provider source of this project, which the
// CLI configuration's dev_overrides entry maps to the binary under test.
func requiredProvider(name string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    %[1]s = {
      source = "connectorprofiles/%[1]s"
    }
  }
}
`, name)
}

// resources writes n resources of the given type, each holding the
// arguments of a valid connector profile with a distinct name, inside an
// object named wrap when wrap is set.
func resources(b *strings.Builder, resourceType, wrap string, n int) {
	for i := range n {
		open, end, indent := "", "", "  "
		if wrap != "" {
			open, end, indent = "  "+wrap+" = {\n", "  }\n", "    "
		}
		fmt.Fprintf(b, "\nresource %q \"p%d\" {\n%s", resourceType, i, open)
		for _, kv := range [][2]string{
			{"name         ", fmt.Sprintf("Bench Profile %05d", i)},
			{"description  ", fmt.Sprintf("Benchmark profile %d, synced with nothing at all.", i)},
			{"environment  ", "sandbox"},
			{"client_id    ", fmt.Sprintf("bench-client-%d", i)},
			{"client_secret", fmt.Sprintf("bench-secret-%d", i)},
		} {
			fmt.Fprintf(b, "%s%s = %q\n", indent, kv[0], kv[1])
		}
		b.WriteString(end + "}\n")
	}
}

// ProfilesConfig declares n valid connector profiles with distinct names
// and plain client secrets, after the given provider block.
func ProfilesConfig(providerBlock string, n int) string {
	var b strings.Builder
	b.WriteString(requiredProvider("lever") + "\n" + providerBlock)
	resources(&b, "lever_connector_profile", "", n)
	return b.String()
}

// FloorConfig declares n terraform_data resources holding the same data as
// ProfilesConfig's profiles: Terraform's own cost for n resources, with no
// provider process at all.
func FloorConfig(n int) string {
	var b strings.Builder
	resources(&b, "terraform_data", "input", n)
	return b.String()
}

// Framework is the framework floor (see FrameworkFloor) in the place of a
// backend: its resources need no store.
type Framework struct{}

// Name returns FrameworkFloor.
func (Framework) Name() string { return FrameworkFloor }

// Start has nothing to start.
func (Framework) Start(context.Context, string) (string, func(), error) { return "", func() {}, nil }

// FrameworkFloorConfig declares n floor_profile resources with the
// arguments ProfilesConfig gives its profiles.
func FrameworkFloorConfig(n int) string {
	var b strings.Builder
	b.WriteString(requiredProvider("floor"))
	resources(&b, "floor_profile", "", n)
	return b.String()
}
