// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/postgres"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
)

// envPostgresURL points the handler tests at a PostgreSQL server as well,
// as in the PostgreSQL store's own tests: the URL of its postgres database,
// as a role that may create databases.
const envPostgresURL = "LEVER_TEST_POSTGRES_URL"

// newPostgresTenants opens a PostgreSQL store on a database of its own,
// dropped when the test ends.
func newPostgresTenants(tb testing.TB) backend.Tenants {
	tb.Helper()
	admin := os.Getenv(envPostgresURL)
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	name := "lever_server_test_" + hex.EncodeToString(b)
	adminExec(tb, admin, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize())
	tb.Cleanup(func() {
		adminExec(tb, admin, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`)
	})

	u, err := url.Parse(admin)
	if err != nil || !strings.HasPrefix(u.Scheme, "postgres") {
		tb.Fatalf("%s must be a postgres:// URL", envPostgresURL)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Set("pool_max_conns", "4")
	u.RawQuery = q.Encode()
	store, err := postgres.Open(context.Background(), postgres.Options{
		URL: u.String(), EncryptionKey: sealing.NewKey(),
	})
	if err != nil {
		tb.Fatalf("opening the PostgreSQL store: %v", err)
	}
	tb.Cleanup(func() { _ = store.Close() })
	return store
}

func adminExec(tb testing.TB, server, sql string) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		tb.Fatalf("connecting to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
}
