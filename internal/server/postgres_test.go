// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server_test

import (
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// envPostgresURL points the handler tests at a PostgreSQL server as well,
// as in the PostgreSQL store's own tests.
const envPostgresURL = "LEVER_TEST_POSTGRES_URL"

// newPostgresTenants opens a PostgreSQL store on a database of its own.
func newPostgresTenants(tb testing.TB) backend.Tenants {
	// TODO: the PostgreSQL store does not yet implement backend.Tenants;
	// the handler tests run on it once it does.
	tb.Skip("the PostgreSQL store does not serve tenants yet")
	return nil
}
