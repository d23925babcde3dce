// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package httpclient

import (
	"fmt"
	"net/http"

	"golang.org/x/oauth2"
	"golang.org/x/time/rate"
)

// authTransport sets the bearer token on each try of a request.
type authTransport struct {
	next   http.RoundTripper
	token  string
	source oauth2.TokenSource
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	token := t.token
	if t.source != nil {
		tok, err := t.source.Token()
		if err != nil {
			closeBody(req)
			return nil, &tokenError{err: err}
		}
		token = tok.AccessToken
	}
	// A RoundTripper must not change the caller's request.
	out := req.Clone(req.Context())
	out.Header.Set("Authorization", "Bearer "+token)
	return t.next.RoundTrip(out)
}

func (t *authTransport) CloseIdleConnections() { closeIdle(t.next) }

// tokenError reports a failure to get an access token from the token
// source, which is retried only when the token endpoint was overloaded.
type tokenError struct{ err error }

func (e *tokenError) Error() string {
	return fmt.Sprintf("getting an access token: %s", e.err)
}

func (e *tokenError) Unwrap() error { return e.err }

// limitedTransport waits for the rate limiter before each try.
type limitedTransport struct {
	next    http.RoundTripper
	limiter *rate.Limiter
}

func (t *limitedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.limiter.Wait(req.Context()); err != nil {
		closeBody(req)
		return nil, fmt.Errorf("waiting for the request rate limit: %w", err)
	}
	return t.next.RoundTrip(req)
}

func (t *limitedTransport) CloseIdleConnections() { closeIdle(t.next) }

func closeIdle(rt http.RoundTripper) {
	if c, ok := rt.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// closeBody closes a request body a RoundTripper will not send, as the
// RoundTripper contract asks.
func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}
