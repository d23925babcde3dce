// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package backend defines where connector profiles and scope sets are kept:
// the Backend interface every store implements, the records it exchanges and
// the typed errors callers can act on.
package backend

import (
	"context"
	"time"
)

// Backend stores connector profiles and scope sets.
//
// Implementations must be safe for concurrent use, check nothing about Lever
// (callers validate with package lever first) and return the typed errors of
// this package so that callers can tell "gone" from "busy" from "taken".
type Backend interface {
	// CreateProfile stores a new profile. A profile with the same name in the
	// same environment yields a *NameTakenError, and a second default profile
	// of an environment a *DefaultTakenError.
	CreateProfile(ctx context.Context, in ProfileInput) (Profile, error)
	// GetProfile returns the profile with the given id, or ErrNotFound.
	GetProfile(ctx context.Context, id string) (Profile, error)
	// UpdateProfile applies the fields set in ch to the profile, provided it
	// is still at version expected; otherwise it returns a *ConflictError.
	// A change that alters nothing (for example a secret equal to the stored
	// one) writes nothing and keeps the version.
	UpdateProfile(ctx context.Context, id string, expected int64, ch ProfileChange) (Profile, error)
	// DeleteProfile removes the profile, or returns ErrNotFound.
	DeleteProfile(ctx context.Context, id string) error
	// ListProfiles returns the profiles that match the filter, ordered by id.
	ListProfiles(ctx context.Context, f ProfileFilter) ([]Profile, error)

	// CreateScopeSet stores a new scope set. A clash of names yields a
	// *NameTakenError.
	CreateScopeSet(ctx context.Context, in ScopeSetInput) (ScopeSet, error)
	// GetScopeSet returns the scope set with the given id, or ErrNotFound.
	GetScopeSet(ctx context.Context, id string) (ScopeSet, error)
	// UpdateScopeSet applies the fields set in ch, provided the scope set is
	// still at version expected; otherwise it returns a *ConflictError.
	UpdateScopeSet(ctx context.Context, id string, expected int64, ch ScopeSetChange) (ScopeSet, error)
	// DeleteScopeSet removes the scope set, or returns ErrNotFound.
	DeleteScopeSet(ctx context.Context, id string) error
	// ListScopeSets returns every scope set whose name matches the filter
	// (all of them when the name is empty), ordered by id.
	ListScopeSets(ctx context.Context, name string) ([]ScopeSet, error)

	// Describe names the store for messages, such as "embedded store at
	// /path/profiles.db".
	Describe() string
	// Close releases the store.
	Close() error
}

// SecretReader is a Backend that can return a profile's client secret, for
// the platform's run time. The provider never needs it.
type SecretReader interface {
	// ProfileSecret returns the client secret of the profile with the given
	// id, or ErrNotFound.
	ProfileSecret(ctx context.Context, id string) (string, error)
}

// Tenants gives a multi-tenant server one Backend per tenant: names are
// unique, and objects visible, only within a tenant.
type Tenants interface {
	// Tenant returns the store of the named tenant, creating it on first
	// use. The Backend is owned by Tenants: callers do not close it.
	Tenant(ctx context.Context, tenant string) (Backend, error)
	// Ping reports whether the store can serve requests, for readiness.
	Ping(ctx context.Context) error
	// Describe names the store for logs, without credentials.
	Describe() string
	// Close releases every tenant's store.
	Close() error
}

// Profile is a stored connector profile. It never carries the client
// secret: SecretFingerprint lets a caller check a secret it holds.
type Profile struct {
	ID                string
	Name              string
	Description       string
	Environment       string
	ClientID          string
	SecretFingerprint string
	CallbackURL       string
	// LogoURL is empty when the profile has no logo.
	LogoURL string
	// Scopes is nil when the profile uses the environment's defaults.
	Scopes []string
	// Actions is nil when none were ever set, and empty when set to none.
	Actions []string
	// Enabled is false for a profile whose linked accounts are inactive.
	Enabled bool
	// Default marks the one profile of its environment that is used when no
	// other is named. At most one profile per environment is the default.
	Default bool
	// SecretVersion is the version the client secret was last written with
	// through the write-only form, or 0 when it was last written otherwise
	// (in plain form, or outside Terraform).
	SecretVersion int64
	// RequestKey is the key of the write that made this version, or empty
	// when that write carried none. A server answers a retried request
	// with the same key from it, never making a duplicate or a conflict.
	RequestKey string
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// ProfileInput is what a new profile is made of.
type ProfileInput struct {
	Name         string
	Description  string
	Environment  string
	ClientID     string
	ClientSecret string
	CallbackURL  string
	LogoURL      string
	Scopes       []string
	Actions      []string
	Enabled      bool
	Default      bool
	// SecretVersion is the write-only version the secret comes with, or 0.
	SecretVersion int64
	// RequestKey is stored as the new profile's RequestKey.
	RequestKey string
}

// ProfileChange lists the fields an update sets; nil fields stay as they
// are. Scopes and Actions are set when their Set flag is true, so that a
// change back to "use the defaults" (nil) can be expressed.
//
// A change that sets ClientSecret also sets the stored SecretVersion: to
// *SecretVersion when given, else to 0, which records that the secret was
// last written outside the write-only form. A ClientSecret equal to the
// stored one is no change to the secret, though a SecretVersion still is.
type ProfileChange struct {
	Name          *string
	Description   *string
	ClientID      *string
	ClientSecret  *string
	SecretVersion *int64
	CallbackURL   *string
	LogoURL       *string
	SetScopes     bool
	Scopes        []string
	SetActions    bool
	Actions       []string
	Enabled       *bool
	Default       *bool
	// RequestKey is stored as the profile's RequestKey when the change
	// writes anything; a change that writes nothing keeps the old one.
	RequestKey string
}

// ProfileFilter narrows ListProfiles; empty fields match everything.
type ProfileFilter struct {
	Environment string
	Name        string
	Enabled     *bool
}

// ScopeSet is a stored, named set of scopes.
type ScopeSet struct {
	ID          string
	Name        string
	Description string
	Scopes      []string
	// RequestKey is the key of the write that made this version, as for
	// profiles.
	RequestKey string
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// ScopeSetInput is what a new scope set is made of.
type ScopeSetInput struct {
	Name        string
	Description string
	Scopes      []string
	RequestKey  string
}

// ScopeSetChange lists the fields an update sets; nil fields stay as they are.
type ScopeSetChange struct {
	Name        *string
	Description *string
	Scopes      []string
	// RequestKey is stored when the change writes anything.
	RequestKey string
}
