// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package httpclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// APIError is an answer of the API that none of package backend's errors
// stands for, such as a validation problem or a refused token.
type APIError struct {
	Method string
	Path   string
	Status int
	// Problem is the answer's problem document. An answer without one, such
	// as a proxy's error page, gets the status text as its title.
	Problem api.Problem
	// RequestID is the server's id of the last try, to find it in its logs.
	RequestID string
	// Tries is how many times the request was sent.
	Tries   int
	retries retries
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d, %s", e.Method, e.Path, e.Status, e.Problem.Title)
	if e.Problem.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Problem.Detail)
	}
	if e.Problem.Field != "" {
		fmt.Fprintf(&b, " (field %s)", e.Problem.Field)
	}
	for _, fe := range e.Problem.Errors {
		fmt.Fprintf(&b, "\n  - %s: %s", fe.Field, fe.Summary)
		if fe.Element != "" {
			fmt.Fprintf(&b, " (%s)", fe.Element)
		}
		if fe.Detail != "" {
			fmt.Fprintf(&b, ". %s", fe.Detail)
		}
	}
	fmt.Fprintf(&b, "\n(request id %s; %s)", orNone(e.RequestID), e.retries)
	return b.String()
}

// TransportError reports a call that got no answer from the API: the
// server could not be reached, the connection dropped, a try timed out or
// the operation's context ended.
type TransportError struct {
	Method string
	Path   string
	// Tries is how many times the request was sent.
	Tries int
	// TimedOut is set when the last try ended at its time limit, each try's
	// timeout.
	TimedOut time.Duration
	Err      error
	retries  retries
}

func (e *TransportError) Error() string {
	if e.TimedOut > 0 {
		return fmt.Sprintf("%s %s: no answer from the API within the request timeout of %s (%s); "+
			"raise request_timeout if the API is slow rather than down: %s",
			e.Method, e.Path, e.TimedOut, e.retries, e.Err)
	}
	return fmt.Sprintf("%s %s: no answer from the API (%s): %s", e.Method, e.Path, e.retries, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

func (c *Client) transportError(cl call, how retries, err error) error {
	e := &TransportError{Method: cl.method, Path: cl.path, Tries: how.tries, Err: err, retries: how}
	var netErr net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout() {
		e.TimedOut = c.http.Timeout
	}
	return c.scrub(e)
}

// target is the object a call is about, to fill in the typed errors.
type target struct {
	// kind is "profile" or "scope set", as backend.NameTakenError has it.
	kind        string
	id          string
	name        string
	environment string
	expected    int64
}

// failure turns an unsuccessful answer into an error. Only a problem
// document of a known type becomes one of package backend's errors: a bare
// 404 from a proxy in front of the API must not read as "deleted".
func (c *Client) failure(cl call, res result, t target) error {
	p := problemOf(res)
	apiErr := &APIError{Method: cl.method, Path: cl.path, Status: res.status, Problem: p,
		RequestID: p.RequestID, Tries: res.retries.tries, retries: res.retries}
	switch p.Type {
	case api.ProblemNotFound:
		return backend.ErrNotFound
	case api.ProblemNameTaken:
		name := t.name
		if name == "" {
			name = p.ExistingName
		}
		return &backend.NameTakenError{Kind: t.kind, Name: name, Environment: t.environment,
			ExistingID: p.ExistingID}
	case api.ProblemDefaultTaken:
		return &backend.DefaultTakenError{Environment: t.environment, ExistingID: p.ExistingID,
			ExistingName: p.ExistingName}
	case api.ProblemVersionMismatch:
		return &backend.ConflictError{ID: t.id, Expected: t.expected, Actual: p.CurrentVersion}
	case api.ProblemStoreBusy:
		return &backend.BusyError{Store: c.Describe(), Timeout: res.retries.elapsed,
			Err: c.scrub(apiErr)}
	}
	return c.scrub(apiErr)
}

// problemOf reads the problem document of an answer, or makes one from the
// status when the body is none.
func problemOf(res result) api.Problem {
	var p api.Problem
	if len(res.body) > 0 {
		if err := json.Unmarshal(res.body, &p); err != nil {
			p = api.Problem{Detail: bodyExcerpt(res.body)}
		}
	}
	if p.Status == 0 {
		p.Status = res.status
	}
	if p.Title == "" {
		p.Title = http.StatusText(res.status)
	}
	if p.RequestID == "" {
		p.RequestID = res.requestID
	}
	return p
}

// bodyExcerpt keeps the start of a body that is not a problem document, so
// that an error page from a proxy still says something.
func bodyExcerpt(body []byte) string {
	const limit = 200
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > limit {
		s = strings.ToValidUTF8(s[:limit], "") + "..."
	}
	return s
}
