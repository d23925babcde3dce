// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
)

var (
	_ backend.Tenants      = (*Tenants)(nil)
	_ backend.Backend      = tenantStore{}
	_ backend.SecretReader = tenantStore{}
)

// TenantsOptions configures OpenTenants.
type TenantsOptions struct {
	// Dir is the folder of the tenants' stores, one file <tenant>.db each.
	// It is created, with mode 0700, if missing.
	Dir string
	// EncryptionKey is the KeySize-byte AES-256 key that seals the client
	// secrets of every tenant. It is required: a server is given its key by
	// its operator, and keeps no key file.
	EncryptionKey []byte
	// LockTimeout is each store's Options.LockTimeout.
	LockTimeout time.Duration
}

// Tenants is a backend.Tenants that keeps each tenant in a store file of
// its own, so that names are unique, and objects visible, only within a
// tenant. A tenant's store is opened on first use and kept open until
// Close. It is safe for concurrent use.
type Tenants struct {
	dir         string
	key         []byte
	lockTimeout time.Duration

	mu     sync.Mutex
	stores map[string]*tenantEntry
	closed bool
	// opening counts the opens in flight, which Close waits for.
	opening sync.WaitGroup
}

// tenantEntry is a tenant's store, being opened until ready is closed.
// store and err are set, under Tenants.mu, before ready is closed.
type tenantEntry struct {
	ready chan struct{}
	store *Store
	err   error
}

// errTenantsClosed is the error of a Tenant call after Close.
var errTenantsClosed = errors.New("the embedded tenant stores are closed")

// OpenTenants prepares the folder of the tenants' stores, opening none of
// them yet.
func OpenTenants(_ context.Context, opts TenantsOptions) (*Tenants, error) {
	if opts.Dir == "" {
		return nil, errors.New("no folder was given for the embedded tenant stores")
	}
	if opts.EncryptionKey == nil {
		return nil, errors.New("no encryption key was given for the embedded tenant stores; " +
			"it is required to seal client secrets")
	}
	// Checked here rather than at each tenant's first use.
	if _, err := sealing.New(opts.EncryptionKey); err != nil {
		return nil, fmt.Errorf("embedded tenant stores: %w", err)
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("cannot resolve the embedded tenant stores' folder %q: %w",
			opts.Dir, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the embedded tenant stores' folder: %w", err)
	}
	return &Tenants{
		dir:         dir,
		key:         opts.EncryptionKey,
		lockTimeout: opts.LockTimeout,
		stores:      map[string]*tenantEntry{},
	}, nil
}

// Tenant returns the store of the named tenant, opening (and creating) its
// file on first use. Concurrent first uses of one tenant open it once. A
// failed open is not kept: the next call tries again. The store's Close
// does nothing; Tenants.Close closes it.
func (ts *Tenants) Tenant(ctx context.Context, tenant string) (backend.Backend, error) {
	if err := backend.CheckTenant(tenant); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("opening the store of tenant %s: %w", tenant, err)
	}
	ts.mu.Lock()
	if ts.closed {
		ts.mu.Unlock()
		return nil, errTenantsClosed
	}
	e, ok := ts.stores[tenant]
	if !ok {
		e = &tenantEntry{ready: make(chan struct{})}
		ts.stores[tenant] = e
		ts.opening.Add(1)
		// The open is not tied to this caller's context: others may be
		// waiting for it, and a store opened for a caller that gave up is
		// still worth keeping.
		go ts.open(context.WithoutCancel(ctx), tenant, e)
	}
	ts.mu.Unlock()

	select {
	case <-e.ready:
	case <-ctx.Done():
		return nil, fmt.Errorf("opening the store of tenant %s: %w", tenant, ctx.Err())
	}
	if e.err != nil {
		return nil, e.err
	}
	return tenantStore{e.store}, nil
}

func (ts *Tenants) open(ctx context.Context, tenant string, e *tenantEntry) {
	defer ts.opening.Done()
	s, err := Open(ctx, Options{
		Path:          filepath.Join(ts.dir, tenant+".db"),
		EncryptionKey: ts.key,
		LockTimeout:   ts.lockTimeout,
	})

	ts.mu.Lock()
	defer ts.mu.Unlock()
	if err != nil {
		delete(ts.stores, tenant)
		err = fmt.Errorf("opening the store of tenant %s: %w", tenant, err)
	}
	e.store, e.err = s, err
	close(e.ready)
}

// Ping reports whether the folder of the stores is there and a file can be
// created in it, as a tenant's first use needs.
func (ts *Tenants) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f, err := os.CreateTemp(ts.dir, ".ping-*")
	if err != nil {
		return fmt.Errorf("%s cannot be used: %w", ts.Describe(), err)
	}
	name := f.Name()
	err = f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("%s cannot be used: %w", ts.Describe(), err)
	}
	return nil
}

// Describe names the folder of the stores.
func (ts *Tenants) Describe() string {
	return "embedded stores, one per tenant, in " + ts.dir
}

// Close waits for the opens in flight, then closes every tenant's store.
// Tenant fails after Close.
func (ts *Tenants) Close() error {
	ts.mu.Lock()
	ts.closed = true
	ts.mu.Unlock()
	ts.opening.Wait()

	ts.mu.Lock()
	defer ts.mu.Unlock()
	var errs []error
	for tenant, e := range ts.stores {
		if e.store != nil {
			errs = append(errs, e.store.Close())
		}
		delete(ts.stores, tenant)
	}
	return errors.Join(errs...)
}

// tenantStore is a tenant's Store as Tenant hands it out: Tenants owns it,
// so its Close leaves it open for the tenant's other callers.
type tenantStore struct {
	*Store
}

// Close does nothing: Tenants.Close closes the store.
func (tenantStore) Close() error { return nil }
