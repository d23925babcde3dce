// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"context"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

var (
	_ backend.Tenants      = (*Store)(nil)
	_ backend.Backend      = (*tenantStore)(nil)
	_ backend.SecretReader = (*tenantStore)(nil)
)

// Tenant returns the named tenant's view of the store. It is cheap, asking
// nothing of the database: a tenant exists by having rows, so its first
// use creates nothing. The view shares the Store's pool, and its Close does
// nothing; Store.Close closes the pool.
func (s *Store) Tenant(_ context.Context, tenant string) (backend.Backend, error) {
	if err := backend.CheckTenant(tenant); err != nil {
		return nil, err
	}
	db := s.database
	db.where += ", tenant " + tenant
	return &tenantStore{database: db, tenant: tenant}, nil
}

// Ping reports whether the database answers, for readiness.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return s.fail("pinging the database", err)
	}
	return nil
}

// tenantStore is one tenant's objects in the store: a backend.Backend and
// backend.SecretReader whose every query is filtered by the tenant.
type tenantStore struct {
	database
	tenant string
}

// Describe names the store and the tenant for messages, never showing a
// password.
func (s *tenantStore) Describe() string { return s.where }

// Close does nothing: the pool is the Store's.
func (s *tenantStore) Close() error { return nil }
