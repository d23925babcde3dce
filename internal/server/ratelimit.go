// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"

	"golang.org/x/time/rate"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
)

// rateLimits keeps a token bucket per token name.
//
// TODO: requests without a valid token are not limited, since they have
// no bucket to draw from; a per-address limit would need the operator's
// proxy setup to tell addresses apart.
type rateLimits struct {
	limit rate.Limit
	burst int
	mu    sync.Mutex
	// TODO: buckets of JWT subjects are never dropped; a server that sees
	// very many distinct subjects grows without bound until it restarts.
	buckets map[string]*rate.Limiter
}

func newRateLimits(perSecond float64, burst int) (*rateLimits, error) {
	if perSecond < 0 || math.IsNaN(perSecond) || math.IsInf(perSecond, 0) {
		return nil, fmt.Errorf("server: the rate %v is not a number of requests per second", perSecond)
	}
	if perSecond > 0 && burst < 1 {
		burst = max(1, int(math.Ceil(perSecond)))
	}
	return &rateLimits{limit: rate.Limit(perSecond), burst: burst, buckets: map[string]*rate.Limiter{}}, nil
}

// allow takes a request from the token's bucket, or returns a 429 problem
// and sets Retry-After.
func (l *rateLimits) allow(w http.ResponseWriter, token string) *api.Problem {
	if l.limit == 0 {
		return nil
	}
	l.mu.Lock()
	b, ok := l.buckets[token]
	if !ok {
		b = rate.NewLimiter(l.limit, l.burst)
		l.buckets[token] = b
	}
	l.mu.Unlock()

	res := b.Reserve()
	delay := res.Delay()
	if delay == 0 {
		return nil
	}
	res.Cancel()
	seconds := max(1, int(math.Ceil(delay.Seconds())))
	w.Header().Set("Retry-After", strconv.Itoa(seconds))
	return api.NewProblem(api.ProblemRateLimited, fmt.Sprintf(
		"The token %q sent more than %v requests a second; try again in %d s.", token, float64(l.limit), seconds))
}
