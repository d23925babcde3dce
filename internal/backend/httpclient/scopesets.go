// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package httpclient

import (
	"context"
	"net/http"
	"net/url"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// CreateScopeSet posts a new scope set, with one Idempotency-Key for all
// its tries.
func (c *Client) CreateScopeSet(ctx context.Context, in backend.ScopeSetInput) (backend.ScopeSet, error) {
	cl := call{
		method: http.MethodPost,
		path:   api.PathScopeSets,
		key:    keyOr(in.RequestKey),
		body:   api.ScopeSetCreate{Name: in.Name, Description: in.Description, Scopes: in.Scopes},
	}
	return c.scopeSetCall(ctx, cl, target{kind: kindScopeSet, name: in.Name})
}

// GetScopeSet reads one scope set.
func (c *Client) GetScopeSet(ctx context.Context, id string) (backend.ScopeSet, error) {
	cl := call{method: http.MethodGet, path: scopeSetPath(id)}
	return c.scopeSetCall(ctx, cl, target{kind: kindScopeSet, id: id})
}

// UpdateScopeSet patches only the fields ch sets, provided the scope set is
// still at version expected.
func (c *Client) UpdateScopeSet(ctx context.Context, id string, expected int64, ch backend.ScopeSetChange) (backend.ScopeSet, error) {
	body := api.ScopeSetUpdate{Name: optional(ch.Name), Description: optional(ch.Description)}
	if ch.Scopes != nil {
		body.Scopes = api.Some(ch.Scopes)
	}
	cl := call{
		method:  http.MethodPatch,
		path:    scopeSetPath(id),
		key:     keyOr(ch.RequestKey),
		ifMatch: api.ETag(expected),
		body:    body,
	}
	t := target{kind: kindScopeSet, id: id, expected: expected}
	if ch.Name != nil {
		t.name = *ch.Name
	}
	return c.scopeSetCall(ctx, cl, t)
}

// DeleteScopeSet deletes a scope set; a retried delete that finds it gone
// counts as done.
func (c *Client) DeleteScopeSet(ctx context.Context, id string) error {
	return c.deleteCall(ctx, call{method: http.MethodDelete, path: scopeSetPath(id)},
		target{kind: kindScopeSet, id: id})
}

// ListScopeSets follows the list's cursor to its last page.
func (c *Client) ListScopeSets(ctx context.Context, name string) ([]backend.ScopeSet, error) {
	query := url.Values{}
	setIf(query, "name", name)
	out := []backend.ScopeSet{}
	err := c.list(ctx, api.PathScopeSets, query, func(body func(any) error) (string, error) {
		var page api.ScopeSetList
		if err := body(&page); err != nil {
			return "", err
		}
		for _, s := range page.Items {
			out = append(out, scopeSetRecord(s))
		}
		return page.NextCursor, nil
	})
	return out, err
}

func (c *Client) scopeSetCall(ctx context.Context, cl call, t target) (backend.ScopeSet, error) {
	res, err := c.do(ctx, cl)
	if err != nil {
		return backend.ScopeSet{}, err
	}
	if res.status/100 != 2 {
		return backend.ScopeSet{}, c.failure(cl, res, t)
	}
	var s api.ScopeSet
	if err := c.decode(cl, res, &s); err != nil {
		return backend.ScopeSet{}, err
	}
	return scopeSetRecord(s), nil
}

func scopeSetPath(id string) string { return api.PathScopeSets + "/" + url.PathEscape(id) }

func scopeSetRecord(s api.ScopeSet) backend.ScopeSet {
	return backend.ScopeSet{
		ID:          s.ID,
		Name:        s.Name,
		Description: s.Description,
		Scopes:      s.Scopes,
		Version:     s.Version,
		CreatedAt:   s.CreatedAt,
		UpdatedAt:   s.UpdatedAt,
	}
}
