// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/embedded"
)

// testAccProviders serves the provider in-process to the terraform binary
// the acceptance tests run; each command gets a fresh provider.
var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"lever": providerserver.NewProtocol6WithError(New("test")()),
}

// testStorePath returns a fresh embedded store path for one test.
func testStorePath(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "profiles.db")
}

// testAccProviderBlock configures the provider on the given store.
func testAccProviderBlock(storePath string) string {
	return fmt.Sprintf(`
provider "lever" {
  embedded_path = %[1]q
}
`, storePath)
}

// openTestStore opens a second handle on a test's store, for changes made
// "outside Terraform".
func openTestStore(t *testing.T, storePath string) *embedded.Store {
	t.Helper()
	store, err := embedded.Open(context.Background(), embedded.Options{Path: storePath})
	if err != nil {
		t.Fatalf("opening the test store: %s", err)
	}
	t.Cleanup(func() { _ = store.Close() })
	return store
}
