// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package httpclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// pageSize is how many objects the client asks for per list page.
const pageSize = 100

const (
	kindProfile  = "profile"
	kindScopeSet = "scope set"
)

// CreateProfile posts a new profile, with one Idempotency-Key for all its
// tries: in.RequestKey when set, else a random one.
func (c *Client) CreateProfile(ctx context.Context, in backend.ProfileInput) (backend.Profile, error) {
	enabled := in.Enabled
	cl := call{
		method: http.MethodPost,
		path:   api.PathProfiles,
		key:    keyOr(in.RequestKey),
		body: api.ProfileCreate{
			Name: in.Name, Description: in.Description, Environment: in.Environment,
			ClientID: in.ClientID, ClientSecret: in.ClientSecret, SecretVersion: in.SecretVersion,
			CallbackURL: in.CallbackURL, LogoURL: in.LogoURL, Scopes: in.Scopes,
			Actions: in.Actions, Enabled: &enabled, Default: in.Default,
		},
	}
	t := target{kind: kindProfile, name: in.Name, environment: in.Environment}
	return c.profileCall(ctx, cl, t)
}

// GetProfile reads one profile.
func (c *Client) GetProfile(ctx context.Context, id string) (backend.Profile, error) {
	cl := call{method: http.MethodGet, path: profilePath(id)}
	return c.profileCall(ctx, cl, target{kind: kindProfile, id: id})
}

// UpdateProfile patches only the fields ch sets, provided the profile is
// still at version expected.
func (c *Client) UpdateProfile(ctx context.Context, id string, expected int64, ch backend.ProfileChange) (backend.Profile, error) {
	cl := call{
		method:  http.MethodPatch,
		path:    profilePath(id),
		key:     keyOr(ch.RequestKey),
		ifMatch: api.ETag(expected),
		body:    profileUpdate(ch),
	}
	t := target{kind: kindProfile, id: id, expected: expected}
	if ch.Name != nil {
		t.name = *ch.Name
	}
	p, err := c.profileCall(ctx, cl, t)
	var (
		taken        *backend.NameTakenError
		defaultTaken *backend.DefaultTakenError
	)
	// The API's answer does not name the environment a clash is in, and a
	// patch cannot move a profile to another, so the profile's own tells.
	switch {
	case errors.As(err, &taken):
		taken.Environment = c.environmentOf(ctx, id)
	case errors.As(err, &defaultTaken):
		defaultTaken.Environment = c.environmentOf(ctx, id)
	}
	return p, err
}

// environmentOf returns the environment of a profile, or a placeholder
// when it cannot be read.
func (c *Client) environmentOf(ctx context.Context, id string) string {
	p, err := c.GetProfile(ctx, id)
	if err != nil || p.Environment == "" {
		return "same"
	}
	return p.Environment
}

// profileUpdate is the PATCH body of a change: a member for each field set.
func profileUpdate(ch backend.ProfileChange) api.ProfileUpdate {
	u := api.ProfileUpdate{
		Name:          optional(ch.Name),
		Description:   optional(ch.Description),
		ClientID:      optional(ch.ClientID),
		ClientSecret:  optional(ch.ClientSecret),
		SecretVersion: optional(ch.SecretVersion),
		CallbackURL:   optional(ch.CallbackURL),
		LogoURL:       optional(ch.LogoURL),
		Enabled:       optional(ch.Enabled),
		Default:       optional(ch.Default),
	}
	if ch.SetScopes {
		u.Scopes = optionalList(ch.Scopes)
	}
	if ch.SetActions {
		u.Actions = optionalList(ch.Actions)
	}
	return u
}

func optional[T any](v *T) api.Optional[T] {
	if v == nil {
		return api.Optional[T]{}
	}
	return api.Some(*v)
}

// optionalList sends nil as null ("not set") and an empty list as [].
func optionalList(v []string) api.Optional[[]string] {
	if v == nil {
		return api.Optional[[]string]{Set: true, Null: true}
	}
	return api.Some(v)
}

// DeleteProfile deletes a profile. A retried delete that finds the profile
// gone counts as done: an earlier try whose answer was lost deleted it.
func (c *Client) DeleteProfile(ctx context.Context, id string) error {
	return c.deleteCall(ctx, call{method: http.MethodDelete, path: profilePath(id)},
		target{kind: kindProfile, id: id})
}

// ListProfiles follows the list's cursor to its last page.
func (c *Client) ListProfiles(ctx context.Context, f backend.ProfileFilter) ([]backend.Profile, error) {
	query := url.Values{}
	setIf(query, "environment", f.Environment)
	setIf(query, "name", f.Name)
	if f.Enabled != nil {
		query.Set("enabled", strconv.FormatBool(*f.Enabled))
	}
	out := []backend.Profile{}
	err := c.list(ctx, api.PathProfiles, query, func(body func(any) error) (string, error) {
		var page api.ProfileList
		if err := body(&page); err != nil {
			return "", err
		}
		for _, p := range page.Items {
			out = append(out, profileRecord(p))
		}
		return page.NextCursor, nil
	})
	return out, err
}

func (c *Client) profileCall(ctx context.Context, cl call, t target) (backend.Profile, error) {
	res, err := c.do(ctx, cl)
	if err != nil {
		return backend.Profile{}, err
	}
	if res.status/100 != 2 {
		return backend.Profile{}, c.failure(cl, res, t)
	}
	var p api.Profile
	if err := c.decode(cl, res, &p); err != nil {
		return backend.Profile{}, err
	}
	return profileRecord(p), nil
}

func (c *Client) deleteCall(ctx context.Context, cl call, t target) error {
	res, err := c.do(ctx, cl)
	if err != nil {
		return err
	}
	if res.status/100 == 2 {
		return nil
	}
	err = c.failure(cl, res, t)
	if errors.Is(err, backend.ErrNotFound) && res.retries.tries > 1 {
		return nil
	}
	return err
}

// list gets the pages of a list, handing each to page, which returns the
// next page's cursor.
func (c *Client) list(ctx context.Context, path string, query url.Values, page func(body func(any) error) (string, error)) error {
	query.Set("limit", strconv.Itoa(pageSize))
	seen := map[string]bool{}
	for {
		cl := call{method: http.MethodGet, path: path, query: query}
		res, err := c.do(ctx, cl)
		if err != nil {
			return err
		}
		if res.status != http.StatusOK {
			return c.failure(cl, res, target{})
		}
		next, err := page(func(out any) error { return c.decode(cl, res, out) })
		if err != nil {
			return err
		}
		if next == "" {
			return nil
		}
		if seen[next] {
			return fmt.Errorf("GET %s: the API returned the cursor %q twice; its list does not "+
				"end", path, next)
		}
		seen[next] = true
		query.Set("cursor", next)
	}
}

func setIf(query url.Values, key, value string) {
	if value != "" {
		query.Set(key, value)
	}
}

func profilePath(id string) string { return api.PathProfiles + "/" + url.PathEscape(id) }

// profileRecord turns a profile of the API into the backend's record.
func profileRecord(p api.Profile) backend.Profile {
	return backend.Profile{
		ID:                p.ID,
		Name:              p.Name,
		Description:       p.Description,
		Environment:       p.Environment,
		ClientID:          p.ClientID,
		SecretFingerprint: fingerprint(p.SecretFingerprint),
		CallbackURL:       p.CallbackURL,
		LogoURL:           p.LogoURL,
		Scopes:            p.Scopes,
		Actions:           p.Actions,
		Enabled:           p.Enabled,
		Default:           p.Default,
		SecretVersion:     p.SecretVersion,
		Version:           p.Version,
		CreatedAt:         p.CreatedAt,
		UpdatedAt:         p.UpdatedAt,
	}
}

// fingerprint writes the API's fingerprint object in the form
// backend.FingerprintMatches reads: algorithm$salt$hash.
func fingerprint(f api.Fingerprint) string {
	if f.Algorithm == "" || strings.Contains(f.Algorithm+f.Salt+f.Hash, "$") {
		return ""
	}
	return f.Algorithm + "$" + f.Salt + "$" + f.Hash
}
