// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package servertest starts the reference server of the connector profile
// API inside a test, on loopback, with embedded tenant stores in a
// temporary folder, and holds every exchange to the OpenAPI document.
package servertest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/embedded"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server"
)

// Options configures Start. The zero value is a server over fresh embedded
// stores that accepts no token.
type Options struct {
	// Tenants is the store; nil means NewEmbeddedTenants.
	Tenants backend.Tenants
	// Tokens, JWT, RatePerSecond, Burst, MaxBodyBytes and Logger are as in
	// server.Config.
	Tokens        []server.Token
	JWT           *server.JWTConfig
	RatePerSecond float64
	Burst         int
	MaxBodyBytes  int64
	Logger        *slog.Logger
	// SkipValidation serves without checking exchanges against the OpenAPI
	// document, for tests that send what the document does not allow on
	// purpose and check no answer.
	SkipValidation bool
	// Wrap, when set, puts a handler in front of the server, such as one
	// that injects faults; the exchanges it makes up are not validated.
	Wrap func(http.Handler) http.Handler
}

// Server is a started test server.
type Server struct {
	// URL is the server's base URL, such as http://127.0.0.1:40123.
	URL string
	// Tenants is the server's store, for checking what it holds.
	Tenants backend.Tenants
	// Handler is the server behind URL.
	Handler *server.Server
}

// Start starts a server on 127.0.0.1 and stops it, and closes the stores
// it made, when the test ends. Unless opts.SkipValidation is set, a request
// or answer that breaks the OpenAPI document fails the test.
func Start(tb testing.TB, opts Options) *Server {
	tb.Helper()
	if opts.Tenants == nil {
		opts.Tenants = NewEmbeddedTenants(tb)
	}
	srv, err := server.New(server.Config{
		Tenants: opts.Tenants, Tokens: opts.Tokens, JWT: opts.JWT,
		RatePerSecond: opts.RatePerSecond, Burst: opts.Burst,
		MaxBodyBytes: opts.MaxBodyBytes, Logger: opts.Logger,
	})
	if err != nil {
		tb.Fatalf("starting the test server: %v", err)
	}
	var h http.Handler = srv
	if !opts.SkipValidation {
		h = Validating(tb, srv)
	}
	if opts.Wrap != nil {
		h = opts.Wrap(h)
	}
	ts := httptest.NewServer(h)
	tb.Cleanup(func() {
		ts.Close()
		_ = srv.Close()
	})
	return &Server{URL: ts.URL, Tenants: opts.Tenants, Handler: srv}
}

// NewEmbeddedTenants opens embedded tenant stores in a temporary folder
// with a fresh key, closed when the test ends.
func NewEmbeddedTenants(tb testing.TB) backend.Tenants {
	tb.Helper()
	ts, err := embedded.OpenTenants(context.Background(), embedded.TenantsOptions{
		Dir: tb.TempDir(), EncryptionKey: sealing.NewKey(),
	})
	if err != nil {
		tb.Fatalf("opening embedded tenant stores: %v", err)
	}
	tb.Cleanup(func() { _ = ts.Close() })
	return ts
}

// NewToken returns the server's configuration of a static token with the
// given value.
func NewToken(name, tenant, role, value string) server.Token {
	return server.Token{Name: name, Tenant: tenant, Role: role, SHA256: HashToken(value)}
}

// HashToken is the hex SHA-256 a server.Token holds for a token.
func HashToken(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:])
}

// Roles, for NewToken.
const (
	RoleManage      = api.RoleManage
	RoleReadSecrets = api.RoleReadSecrets
)
