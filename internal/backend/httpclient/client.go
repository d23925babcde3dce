// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package httpclient is the backend that keeps connector profiles and scope
// sets behind the connector profile API, so that a team shares one store
// through a server rather than a file. It speaks the wire format of package
// api, retries what is safe to retry, and turns the API's problem documents
// into the typed errors of package backend.
package httpclient

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/oauth2"
	"golang.org/x/time/rate"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// Defaults of Options.
const (
	DefaultMaxRetries     = 4
	DefaultRequestTimeout = 30 * time.Second
	DefaultRetryWaitMin   = time.Second
	DefaultRetryWaitMax   = 30 * time.Second
	DefaultUserAgent      = "terraform-provider-lever"
)

// maxResponseBytes bounds what the client reads of one response, so that a
// misbehaving server cannot exhaust the provider's memory.
const maxResponseBytes = 8 << 20

// Options configure a Client.
type Options struct {
	// Endpoint is the API's base URL, such as https://profiles.example.com.
	// The API's paths are appended to its path.
	Endpoint string
	// Token is a static bearer token. Exactly one of Token and TokenSource
	// is set.
	Token string
	// TokenSource yields bearer tokens, for instance from an OAuth 2.0
	// client credentials grant. It should cache its tokens.
	TokenSource oauth2.TokenSource
	// MaxRetries is how many times a failed request is tried again; zero
	// means no retries. Negative values are refused.
	MaxRetries int
	// RequestTimeout bounds each try of a request; zero means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// RequestsPerSecond limits the rate of requests, retries included;
	// zero means no limit.
	RequestsPerSecond float64
	// RetryWaitMin and RetryWaitMax bound the exponential backoff between
	// tries; zero means DefaultRetryWaitMin and DefaultRetryWaitMax. A
	// Retry-After answer overrides the backoff.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// HTTPClient sends the requests; nil means a new pooled client. Its
	// Transport is used, never changed.
	HTTPClient *http.Client
	// UserAgent names the caller; empty means DefaultUserAgent.
	UserAgent string
}

// Client is a backend.Backend that calls the connector profile API.
type Client struct {
	base       *url.URL
	endpoint   string
	http       *http.Client
	maxRetries int
	waitMin    time.Duration
	waitMax    time.Duration
	userAgent  string
	// token is kept only to scrub it from error messages; the transport
	// sets the Authorization header.
	token string
}

var (
	_ backend.Backend = (*Client)(nil)
)

// New checks the options and returns a Client. It sends no request.
func New(opts Options) (*Client, error) {
	base, err := parseEndpoint(opts.Endpoint)
	if err != nil {
		return nil, err
	}
	switch {
	case opts.Token == "" && opts.TokenSource == nil:
		return nil, errors.New("no credentials: set a token or a token source")
	case opts.Token != "" && opts.TokenSource != nil:
		return nil, errors.New("both a token and a token source are set: use one")
	case opts.MaxRetries < 0:
		return nil, fmt.Errorf("max retries is %d: use 0 or more", opts.MaxRetries)
	case opts.RequestTimeout < 0:
		return nil, fmt.Errorf("request timeout is %s: use a positive duration", opts.RequestTimeout)
	case opts.RequestsPerSecond < 0:
		return nil, fmt.Errorf("requests per second is %g: use 0 (no limit) or more",
			opts.RequestsPerSecond)
	}
	c := &Client{
		base:       base,
		endpoint:   base.String(),
		maxRetries: opts.MaxRetries,
		waitMin:    orDefault(opts.RetryWaitMin, DefaultRetryWaitMin),
		waitMax:    orDefault(opts.RetryWaitMax, DefaultRetryWaitMax),
		userAgent:  opts.UserAgent,
		token:      opts.Token,
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	if c.waitMax < c.waitMin {
		c.waitMax = c.waitMin
	}
	c.http = newHTTPClient(opts)
	return c, nil
}

// parseEndpoint accepts an absolute http or https URL with a host and no
// user info, query or fragment.
func parseEndpoint(endpoint string) (*url.URL, error) {
	u, err := url.Parse(endpoint)
	switch {
	case endpoint == "":
		return nil, errors.New("no endpoint: set the API's base URL")
	case err != nil:
		return nil, errors.New("endpoint is not a URL")
	case u.User != nil:
		return nil, errors.New("endpoint has user info: give credentials as a token instead")
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("endpoint %q is not an absolute http or https URL", endpoint)
	case u.Host == "":
		return nil, fmt.Errorf("endpoint %q has no host", endpoint)
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("endpoint %q has a query or fragment: give only the base URL", endpoint)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// newHTTPClient wraps the transport: rate limiting below authentication,
// so that every try, retries included, waits its turn.
func newHTTPClient(opts Options) *http.Client {
	var hc http.Client
	if opts.HTTPClient != nil {
		hc = *opts.HTTPClient
	}
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport.(*http.Transport).Clone()
	}
	if opts.RequestsPerSecond > 0 {
		burst := max(1, int(opts.RequestsPerSecond))
		limiter := rate.NewLimiter(rate.Limit(opts.RequestsPerSecond), burst)
		rt = &limitedTransport{next: rt, limiter: limiter}
	}
	rt = &authTransport{next: rt, token: opts.Token, source: opts.TokenSource}
	hc.Transport = rt
	hc.Timeout = orDefault(opts.RequestTimeout, DefaultRequestTimeout)
	return &hc
}

// Describe names the API the client talks to, without credentials.
func (c *Client) Describe() string { return "HTTP backend at " + c.endpoint }

// Close releases idle connections.
func (c *Client) Close() error {
	c.http.CloseIdleConnections()
	return nil
}

// call is one API operation, possibly tried several times.
type call struct {
	method string
	path   string
	query  url.Values
	body   any
	// key is the Idempotency-Key of a create or update; it makes a POST or
	// PATCH safe to retry.
	key     string
	ifMatch string
}

// result is what an operation ended with.
type result struct {
	status    int
	header    http.Header
	body      []byte
	requestID string
	retries   retries
}

// retries says how a call's tries went, for error messages.
type retries struct {
	tries   int
	elapsed time.Duration
	// stopped says why retrying ended before the last allowed try.
	stopped string
	// exhausted is set when every allowed try failed.
	exhausted bool
}

func (r retries) String() string {
	s := fmt.Sprintf("%d tries in %s", r.tries, r.elapsed.Round(time.Millisecond))
	if r.tries == 1 {
		s = fmt.Sprintf("1 try in %s", r.elapsed.Round(time.Millisecond))
	}
	switch {
	case r.stopped != "":
		s += "; stopped retrying: " + r.stopped
	case r.exhausted && r.tries > 1:
		s += ", all retries used"
	}
	return s
}

// do runs a call with retries. It returns the final response whatever its
// status; err is set only when no response came.
func (c *Client) do(ctx context.Context, cl call) (result, error) {
	u := *c.base
	u.Path += cl.path
	u.RawQuery = cl.query.Encode()
	var body any
	if cl.body != nil {
		b, err := json.Marshal(cl.body)
		if err != nil {
			return result{}, fmt.Errorf("encoding the %s %s body: %w", cl.method, cl.path, err)
		}
		body = b
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, cl.method, u.String(), body)
	if err != nil {
		return result{}, fmt.Errorf("building %s %s: %w", cl.method, cl.path, err)
	}
	req.Header.Set("Accept", "application/json, "+api.MediaTypeProblem)
	req.Header.Set("User-Agent", c.userAgent)
	if cl.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if cl.key != "" {
		req.Header.Set(api.HeaderIdempotencyKey, cl.key)
	}
	if cl.ifMatch != "" {
		req.Header.Set("If-Match", cl.ifMatch)
	}

	r := &retrier{
		retryable: cl.method == http.MethodGet || cl.method == http.MethodDelete || cl.key != "",
		waitMin:   c.waitMin,
		waitMax:   c.waitMax,
		last:      c.maxRetries + 1,
	}
	rc := &retryablehttp.Client{
		HTTPClient:     c.http,
		RetryMax:       c.maxRetries,
		RequestLogHook: r.countTry,
		CheckRetry:     r.checkRetry,
		Backoff:        r.backoff,
		ErrorHandler:   r.giveUp,
	}
	start := time.Now()
	resp, err := rc.Do(req)
	how := func() retries {
		return retries{tries: r.tries, elapsed: time.Since(start), stopped: r.stopped,
			exhausted: r.exhausted}
	}
	if err != nil {
		return result{retries: how()}, c.transportError(cl, how(), err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return result{retries: how()}, c.transportError(cl, how(), err)
	}
	return result{
		status:    resp.StatusCode,
		header:    resp.Header,
		body:      data,
		requestID: resp.Header.Get(api.HeaderRequestID),
		retries:   how(),
	}, nil
}

// newKey returns a fresh Idempotency-Key: 128 random bits in hex.
func newKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	return hex.EncodeToString(b)
}

// keyOr returns the caller's request key, or a fresh one.
func keyOr(requestKey string) string {
	if requestKey != "" {
		return requestKey
	}
	return newKey()
}

// decode reads a successful JSON answer into out.
func (c *Client) decode(cl call, res result, out any) error {
	dec := json.NewDecoder(bytes.NewReader(res.body))
	if err := dec.Decode(out); err != nil {
		return c.scrub(fmt.Errorf("%s %s: reading the answer (HTTP %d, request %s): %w",
			cl.method, cl.path, res.status, orNone(res.requestID), err))
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// scrub removes the static token from an error's message. No error the
// client builds should hold it; this is the last line of defence.
func (c *Client) scrub(err error) error {
	if err == nil || c.token == "" || !strings.Contains(err.Error(), c.token) {
		return err
	}
	return &scrubbedError{msg: strings.ReplaceAll(err.Error(), c.token, "[redacted]"), err: err}
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }
