// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package bench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/embedded"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

// The tenant and token of the benchmark's servers.
const (
	benchTenant = "bench"
	benchToken  = "bench-token-0f3c9a1e77d2"
)

// HTTP is the provider's HTTP backend against the reference server, started
// in this process on loopback over embedded stores or, when PostgresURL is
// set, over a fresh database on that PostgreSQL server.
type HTTP struct {
	// PostgresURL is the URL of a PostgreSQL server's postgres database,
	// as a role that may create databases; empty means embedded stores.
	PostgresURL string
}

// Name returns "http+embedded" or "http+postgres".
func (h HTTP) Name() string {
	if h.PostgresURL != "" {
		return "http+postgres"
	}
	return "http+embedded"
}

// Start starts a server over fresh stores and returns the provider block
// that points at it.
func (h HTTP) Start(ctx context.Context, dir string) (string, func(), error) {
	tenants, closeTenants, err := h.openTenants(ctx, dir)
	if err != nil {
		return "", nil, err
	}
	url, stopServer, err := Serve(tenants)
	if err != nil {
		closeTenants()
		return "", nil, err
	}
	block := fmt.Sprintf("provider \"lever\" {\n  backend  = \"http\"\n  endpoint = %q\n  token    = %q\n}\n",
		url, benchToken)
	return block, func() { stopServer(); closeTenants() }, nil
}

func (h HTTP) openTenants(ctx context.Context, dir string) (backend.Tenants, func(), error) {
	if h.PostgresURL != "" {
		return servertest.OpenPostgresTenants(ctx, h.PostgresURL, 16)
	}
	tenants, err := embedded.OpenTenants(ctx, embedded.TenantsOptions{
		Dir: dir + "/server", EncryptionKey: sealing.NewKey(),
	})
	if err != nil {
		return nil, nil, err
	}
	return tenants, func() { _ = tenants.Close() }, nil
}

// Serve serves the connector profile API over tenants on a loopback port,
// accepting benchToken for benchTenant, and returns its base URL and the
// function that stops it.
func Serve(tenants backend.Tenants) (string, func(), error) {
	sum := sha256.Sum256([]byte(benchToken))
	srv, err := server.New(server.Config{
		Tenants: tenants,
		Tokens: []server.Token{{Name: "bench", Tenant: benchTenant, Role: api.RoleManage,
			SHA256: hex.EncodeToString(sum[:])}},
	})
	if err != nil {
		return "", nil, err
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := hs.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Printf("bench server: %s\n", err)
		}
	}()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
		_ = srv.Close()
	}
	return "http://" + listener.Addr().String(), stop, nil
}
