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

// versionsBlock declares the provider's source, which the CLI configuration's
// dev_overrides entry maps to the binary under test.
const versionsBlock = `terraform {
  required_providers {
    lever = {
      source = "connectorprofiles/lever"
    }
  }
}
`

// ProfilesConfig declares n valid connector profiles with distinct names
// and plain client secrets, after the given provider block.
func ProfilesConfig(providerBlock string, n int) string {
	var b strings.Builder
	b.WriteString(versionsBlock)
	b.WriteString("\n")
	b.WriteString(providerBlock)
	for i := range n {
		fmt.Fprintf(&b, `
resource "lever_connector_profile" "p%[1]d" {
  name          = "Bench Profile %05[1]d"
  description   = "Benchmark profile %[1]d, synced with nothing at all."
  environment   = "sandbox"
  client_id     = "bench-client-%[1]d"
  client_secret = "bench-secret-%[1]d"
}
`, i)
	}
	return b.String()
}

// FloorConfig declares n terraform_data resources holding about as much data
// as ProfilesConfig's profiles: Terraform's own cost for n resources, with no
// provider process at all.
func FloorConfig(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `
resource "terraform_data" "p%[1]d" {
  input = {
    name          = "Bench Profile %05[1]d"
    description   = "Benchmark profile %[1]d, synced with nothing at all."
    environment   = "sandbox"
    client_id     = "bench-client-%[1]d"
    client_secret = "bench-secret-%[1]d"
  }
}
`, i)
	}
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
	b.WriteString(`terraform {
  required_providers {
    floor = {
      source = "connectorprofiles/floor"
    }
  }
}
`)
	for i := range n {
		fmt.Fprintf(&b, `
resource "floor_profile" "p%[1]d" {
  name          = "Bench Profile %05[1]d"
  description   = "Benchmark profile %[1]d, synced with nothing at all."
  environment   = "sandbox"
  client_id     = "bench-client-%[1]d"
  client_secret = "bench-secret-%[1]d"
}
`, i)
	}
	return b.String()
}
