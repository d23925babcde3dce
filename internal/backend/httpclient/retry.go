// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package httpclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/oauth2"
)

// maxRetryAfter is the longest Retry-After the client waits for. A server
// asking for more is treated as down, rather than holding a Terraform run
// for an unbounded time.
const maxRetryAfter = 5 * time.Minute

// retrier holds the retry decisions of one call. go-retryablehttp asks it
// whether to retry and how long to wait; it decides the wait when it
// decides to retry, so that a wait that would end past the context's
// deadline ends the retries instead of being slept.
type retrier struct {
	retryable bool
	waitMin   time.Duration
	waitMax   time.Duration
	// last is the number of tries allowed.
	last int
	// tries counts the tries made so far.
	tries int
	// wait is the pause before the next try.
	wait time.Duration
	// stopped says why the client stopped retrying early, if it did.
	stopped string
	// exhausted is set when every allowed try failed.
	exhausted bool
}

func (r *retrier) countTry(_ retryablehttp.Logger, _ *http.Request, attempt int) {
	r.tries = attempt + 1
}

// checkRetry retries connection errors, 429 and 5xx answers (but 501) of
// calls that are safe to repeat.
func (r *retrier) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if !r.retryable {
		return false, nil
	}
	if err != nil {
		if !retryableError(err) {
			return false, nil
		}
	} else if !retryableStatus(resp.StatusCode) {
		return false, nil
	}
	if r.tries >= r.last {
		r.exhausted = true
		return true, nil // go-retryablehttp stops here and calls giveUp.
	}
	wait, asked := r.nextWait(resp)
	if asked && wait > maxRetryAfter {
		r.stopped = fmt.Sprintf("the server asked to retry after %s, longer than the %s the "+
			"client waits", wait, maxRetryAfter)
		return false, nil
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
		r.stopped = fmt.Sprintf("the next try, in %s, would start past the operation's deadline",
			wait.Round(time.Millisecond))
		return false, nil
	}
	r.wait = wait
	return true, nil
}

// nextWait honours a Retry-After answer, else backs off exponentially from
// waitMin, capped at waitMax, keeping a random half of each step so that
// clients turned away together do not come back together.
func (r *retrier) nextWait(resp *http.Response) (wait time.Duration, asked bool) {
	if resp != nil {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After")); ok {
			return d, true
		}
	}
	d := r.waitMax
	if shift := r.tries - 1; shift < 30 && r.waitMin<<shift < r.waitMax {
		d = r.waitMin << shift
	}
	half := d / 2
	return half + rand.N(half+1), false
}

func (r *retrier) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return r.wait
}

// giveUp returns the last answer as it is, so that the caller reports its
// problem document rather than a generic "giving up" message.
func (r *retrier) giveUp(resp *http.Response, err error, tries int) (*http.Response, error) {
	r.tries = tries
	if err == nil {
		return resp, nil
	}
	if resp != nil {
		_ = resp.Body.Close()
	}
	return nil, err
}

func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests ||
		(status >= 500 && status != http.StatusNotImplemented)
}

// retryableError tells a transient failure from one that a retry cannot
// mend: a certificate the client does not trust, or a token endpoint that
// refused the client's credentials.
func retryableError(err error) bool {
	var (
		unknownCA *x509.UnknownAuthorityError
		verify    *tls.CertificateVerificationError
		hostname  x509.HostnameError
		token     *tokenError
		retrieve  *oauth2.RetrieveError
	)
	switch {
	case errors.As(err, &unknownCA), errors.As(err, &verify), errors.As(err, &hostname):
		return false
	case errors.As(err, &token):
		if errors.As(err, &retrieve) && retrieve.Response != nil {
			return retryableStatus(retrieve.Response.StatusCode)
		}
		return false
	}
	return true
}

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP date.
func parseRetryAfter(value string) (time.Duration, bool) {
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.ParseInt(value, 10, 64); err == nil {
		if seconds < 0 {
			return 0, false
		}
		if seconds > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter + time.Second, true
		}
		return time.Duration(seconds) * time.Second, true
	}
	when, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}
	return max(0, time.Until(when)), true
}
