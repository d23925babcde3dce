// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package api holds the wire format of the connector profile API: the JSON
// bodies, headers and problem types that the reference server answers with
// and the provider's HTTP backend sends. openapi.yaml in this folder is the
// contract; tests hold the server and the client to it.
package api

import (
	_ "embed"
	"encoding/json"
	"time"
)

// OpenAPI is the API's OpenAPI 3 document.
//
//go:embed openapi.yaml
var OpenAPI []byte

// Paths of the API. Ids are appended to the collection paths.
const (
	PathHealth    = "/healthz"
	PathReady     = "/readyz"
	PathProfiles  = "/v1/connector-profiles"
	PathScopeSets = "/v1/scope-sets"
	// SuffixSecret follows a profile's path for the secret-reader route.
	SuffixSecret = "/secret"
)

// Headers the API reads or writes beyond the standard ones.
const (
	HeaderIdempotencyKey = "Idempotency-Key"
	HeaderRequestID      = "X-Request-Id"
	// HeaderIdempotentReplayed is "true" on an answer that replays an
	// earlier request with the same Idempotency-Key.
	HeaderIdempotentReplayed = "Idempotent-Replayed"
	// MediaTypeProblem is the content type of every error response.
	MediaTypeProblem = "application/problem+json"
	// MaxIdempotencyKeyLength bounds an Idempotency-Key header.
	MaxIdempotencyKeyLength = 255
)

// Roles a token may hold.
const (
	// RoleManage may create, read, update, delete and list profiles and
	// scope sets, but never read a client secret.
	RoleManage = "manage"
	// RoleReadSecrets may read profiles and their client secrets, and
	// nothing else.
	RoleReadSecrets = "read-secrets"
)

// Health is the body of the health and readiness routes.
type Health struct {
	Status string `json:"status"`
}

// Fingerprint is a salted fingerprint of a client secret: HMAC-SHA256 of
// the secret keyed by the salt. A holder of the secret checks it locally;
// the secret itself never leaves the server in a profile response.
type Fingerprint struct {
	Algorithm string `json:"algorithm"`
	// Salt and Hash are standard base64 without padding.
	Salt string `json:"salt"`
	Hash string `json:"hash"`
}

// Profile is a connector profile as the API returns it.
type Profile struct {
	ID                string      `json:"id"`
	Name              string      `json:"name"`
	Description       string      `json:"description"`
	Environment       string      `json:"environment"`
	ClientID          string      `json:"client_id"`
	SecretFingerprint Fingerprint `json:"secret_fingerprint"`
	SecretVersion     int64       `json:"secret_version"`
	CallbackURL       string      `json:"callback_url"`
	LogoURL           string      `json:"logo_url"`
	// Scopes is null when the profile uses the environment's defaults.
	Scopes []string `json:"scopes"`
	// Actions is null when none were ever set.
	Actions   []string  `json:"actions"`
	Enabled   bool      `json:"enabled"`
	Default   bool      `json:"default"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ProfileCreate is the body of a profile create.
type ProfileCreate struct {
	Name          string   `json:"name"`
	Description   string   `json:"description"`
	Environment   string   `json:"environment"`
	ClientID      string   `json:"client_id"`
	ClientSecret  string   `json:"client_secret"`
	SecretVersion int64    `json:"secret_version,omitempty"`
	CallbackURL   string   `json:"callback_url"`
	LogoURL       string   `json:"logo_url,omitempty"`
	Scopes        []string `json:"scopes"`
	Actions       []string `json:"actions"`
	// Enabled defaults to true when absent.
	Enabled *bool `json:"enabled,omitempty"`
	Default bool  `json:"default,omitempty"`
}

// ProfileUpdate is the body of a profile update (PATCH). A member left out
// stays as it is; scopes or actions given as null go back to "not set".
type ProfileUpdate struct {
	Name          Optional[string]   `json:"name,omitzero"`
	Description   Optional[string]   `json:"description,omitzero"`
	ClientID      Optional[string]   `json:"client_id,omitzero"`
	ClientSecret  Optional[string]   `json:"client_secret,omitzero"`
	SecretVersion Optional[int64]    `json:"secret_version,omitzero"`
	CallbackURL   Optional[string]   `json:"callback_url,omitzero"`
	LogoURL       Optional[string]   `json:"logo_url,omitzero"`
	Scopes        Optional[[]string] `json:"scopes,omitzero"`
	Actions       Optional[[]string] `json:"actions,omitzero"`
	Enabled       Optional[bool]     `json:"enabled,omitzero"`
	Default       Optional[bool]     `json:"default,omitzero"`
}

// ProfileSecret is the answer of the secret-reader route.
type ProfileSecret struct {
	ID            string `json:"id"`
	ClientSecret  string `json:"client_secret"`
	SecretVersion int64  `json:"secret_version"`
}

// ProfileList is one page of a profile list.
type ProfileList struct {
	Items []Profile `json:"items"`
	// NextCursor is empty on the last page.
	NextCursor string `json:"next_cursor"`
}

// ScopeSet is a scope set as the API returns it.
type ScopeSet struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Scopes      []string  `json:"scopes"`
	Version     int64     `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// ScopeSetCreate is the body of a scope set create.
type ScopeSetCreate struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Scopes      []string `json:"scopes"`
}

// ScopeSetUpdate is the body of a scope set update (PATCH).
type ScopeSetUpdate struct {
	Name        Optional[string]   `json:"name,omitzero"`
	Description Optional[string]   `json:"description,omitzero"`
	Scopes      Optional[[]string] `json:"scopes,omitzero"`
}

// ScopeSetList is one page of a scope set list.
type ScopeSetList struct {
	Items      []ScopeSet `json:"items"`
	NextCursor string     `json:"next_cursor"`
}

// Optional is a member of an update body: Set when the member was present,
// with Value its value (the zero value for null).
type Optional[T any] struct {
	Set   bool
	Null  bool
	Value T
}

// Some returns a present, non-null Optional.
func Some[T any](v T) Optional[T] { return Optional[T]{Set: true, Value: v} }

// IsZero reports an absent member, for encoding/json's omitzero.
func (o Optional[T]) IsZero() bool { return !o.Set }

// MarshalJSON writes the value, or null.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if o.Null {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// UnmarshalJSON records that the member was present.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		var zero T
		o.Value = zero
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}

// ETag is the entity tag of a version: the version number, quoted.
func ETag(version int64) string {
	b, _ := json.Marshal(version)
	return `"` + string(b) + `"`
}
