// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

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
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/backendtest"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
)

// envServerURL names the variable that points the tests at a PostgreSQL
// server: the URL of its postgres database, as a role that may create
// databases. Each test works in a database of its own, dropped at its end.
const envServerURL = "LEVER_TEST_POSTGRES_URL"

const skipMessage = envServerURL + " is not set. To run the PostgreSQL store's tests, start " +
	"a throwaway server with internal/backend/postgres/testdata/start-postgres.sh DIR PORT " +
	"and set " + envServerURL + " to the URL it prints"

// testKey is the key the tests' stores are opened with.
var testKey = sealing.NewKey()

// serverURL returns the server the tests use, or skips the test.
func serverURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(envServerURL)
	if u == "" {
		tb.Skip(skipMessage)
	}
	return u
}

// newDatabase creates an empty database with a random name on the test
// server, drops it when the test ends, and returns its URL.
func newDatabase(tb testing.TB) string {
	tb.Helper()
	server := serverURL(tb)
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	name := "lever_test_" + hex.EncodeToString(b)

	// A database name is an identifier, which cannot be a parameter; this
	// one is ours, and quoted all the same.
	adminExec(tb, server, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize())
	tb.Cleanup(func() {
		adminExec(tb, server, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+
			` WITH (FORCE)`)
	})
	return databaseURL(tb, server, name)
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

// databaseURL is server's URL pointed at another database.
func databaseURL(tb testing.TB, server, database string) string {
	tb.Helper()
	if !isURL(server) {
		// The key=value form: a later key overrides an earlier one.
		return server + " dbname=" + database
	}
	u, err := url.Parse(server)
	if err != nil {
		tb.Fatalf("%s is not a valid URL: %v", envServerURL, err)
	}
	u.Path = "/" + database
	return u.String()
}

// smallPool limits the pool of a store opened on dbURL, so that tests
// running in parallel stay well within the server's connection limit.
// Only pgxpool knows the setting; a single connection refuses it.
func smallPool(dbURL string) string {
	switch {
	case !isURL(dbURL):
		return dbURL + " pool_max_conns=4"
	case strings.Contains(dbURL, "?"):
		return dbURL + "&pool_max_conns=4"
	}
	return dbURL + "?pool_max_conns=4"
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// openStore opens a store on the database at dbURL with testKey, closing
// it when the test ends.
func openStore(tb testing.TB, dbURL string, lockTimeout time.Duration) *Store {
	tb.Helper()
	s, err := Open(context.Background(), Options{
		URL: smallPool(dbURL), EncryptionKey: testKey, LockTimeout: lockTimeout,
	})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s
}

// testTenant is the tenant the tests work in, unless they need another.
const testTenant = "acme"

// tenantOf returns the named tenant's view of s.
func tenantOf(tb testing.TB, s *Store, tenant string) *tenantStore {
	tb.Helper()
	b, err := s.Tenant(context.Background(), tenant)
	if err != nil {
		tb.Fatalf("Tenant(%s): %v", tenant, err)
	}
	return b.(*tenantStore)
}

// openTenant opens a store on the database at dbURL, as openStore does,
// and returns testTenant's view of it.
func openTenant(tb testing.TB, dbURL string, lockTimeout time.Duration) *tenantStore {
	tb.Helper()
	return tenantOf(tb, openStore(tb, dbURL, lockTimeout), testTenant)
}

// TestConformance runs the suite on a tenant's view, which is what a
// server hands its handlers.
func TestConformance(t *testing.T) {
	serverURL(t)
	backendtest.Run(t, func(t *testing.T) backend.Backend {
		return openTenant(t, newDatabase(t), 0)
	})
}

func TestTenantsConformance(t *testing.T) {
	serverURL(t)
	backendtest.RunTenants(t, func(t *testing.T) backend.Tenants {
		s, err := Open(context.Background(), Options{
			URL: smallPool(newDatabase(t)), EncryptionKey: testKey,
		})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return s
	})
}
