// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package servertest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/postgres"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
)

// PostgresURLEnv names the PostgreSQL server the tests may use: the URL of
// its postgres database, as a role that may create databases. Unset, the
// tests run on embedded stores only.
const PostgresURLEnv = "LEVER_TEST_POSTGRES_URL"

// StoreKinds names the stores a test of the server runs on, each with a
// function that makes fresh tenants of that kind: the embedded stores
// always, PostgreSQL when PostgresURLEnv names a server.
func StoreKinds() map[string]func(testing.TB) backend.Tenants {
	kinds := map[string]func(testing.TB) backend.Tenants{"embedded": NewEmbeddedTenants}
	if os.Getenv(PostgresURLEnv) != "" {
		kinds["postgres"] = NewPostgresTenants
	}
	return kinds
}

// NewPostgresTenants opens a PostgreSQL store on a database of its own on
// the server PostgresURLEnv names, closed and dropped when the test ends.
func NewPostgresTenants(tb testing.TB) backend.Tenants {
	tb.Helper()
	tenants, drop, err := OpenPostgresTenants(context.Background(), os.Getenv(PostgresURLEnv), 4)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(drop)
	return tenants
}

// OpenPostgresTenants creates a database of its own on the server at admin
// and opens a PostgreSQL store on it, with a pool of at most maxConns
// connections and a fresh key. The returned function closes the store and
// drops the database.
func OpenPostgresTenants(ctx context.Context, admin string, maxConns int) (backend.Tenants, func(), error) {
	u, err := url.Parse(admin)
	if err != nil || !strings.HasPrefix(u.Scheme, "postgres") {
		return nil, nil, fmt.Errorf("%s must be a postgres:// URL", PostgresURLEnv)
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	name := pgx.Identifier{"lever_test_" + hex.EncodeToString(b)}
	if err := adminExec(ctx, admin, "CREATE DATABASE "+name.Sanitize()); err != nil {
		return nil, nil, err
	}
	drop := func() {
		_ = adminExec(context.Background(), admin, "DROP DATABASE IF EXISTS "+name.Sanitize()+" WITH (FORCE)")
	}

	u.Path = "/" + name[0]
	q := u.Query()
	q.Set("pool_max_conns", fmt.Sprint(maxConns))
	u.RawQuery = q.Encode()
	store, err := postgres.Open(ctx, postgres.Options{URL: u.String(), EncryptionKey: sealing.NewKey()})
	if err != nil {
		drop()
		return nil, nil, fmt.Errorf("opening the PostgreSQL store: %w", err)
	}
	return store, func() { _ = store.Close(); drop() }, nil
}

func adminExec(ctx context.Context, server, sql string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return fmt.Errorf("connecting to the test PostgreSQL server: %w", err)
	}
	defer func() { _ = conn.Close(ctx) }()
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", sql, err)
	}
	return nil
}

// LogBuffer collects a server's log lines; it is safe for the server's
// goroutines.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the buffer.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what the buffer holds.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
