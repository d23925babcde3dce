// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// Load is a bounded load on the server: each route is attacked by Workers
// concurrent clients, as fast as the server answers, for Duration.
type Load struct {
	Workers  int
	Duration time.Duration
	// Profiles is how many profiles the tenant holds, each updated in turn.
	Profiles int
}

// LoadResult is one route's figures under the load.
type LoadResult struct {
	Store    string
	Route    string
	Requests uint64
	// Failed counts answers other than the route's success status.
	Failed uint64
	RPS    float64
	P50    time.Duration
	P99    time.Duration
}

// Ceiling names the rows of the bare net/http handler.
const Ceiling = "bare net/http"

// Server attacks get, list and update on a server over tenants, after
// seeding the bench tenant with l.Profiles profiles.
func (l Load) Server(ctx context.Context, name string, tenants backend.Tenants) ([]LoadResult, error) {
	store, err := tenants.Tenant(ctx, benchTenant)
	if err != nil {
		return nil, err
	}
	ids := make([]string, l.Profiles)
	for i := range ids {
		p, err := store.CreateProfile(ctx, backend.ProfileInput{
			Name: fmt.Sprintf("Load Profile %05d", i), Description: "A profile under load, from lever-bench.",
			Environment: "sandbox", ClientID: fmt.Sprintf("load-%d", i), ClientSecret: "load-secret",
			CallbackURL: "https://api.stackone.com/connect/oauth2/lever/callback", Enabled: true,
		})
		if err != nil {
			return nil, fmt.Errorf("seeding profile %d: %w", i, err)
		}
		ids[i] = p.ID
	}
	url, stop, err := Serve(tenants)
	if err != nil {
		return nil, err
	}
	defer stop()

	auth := http.Header{"Authorization": {"Bearer " + benchToken}}
	var next atomic.Uint64
	versions := make([]atomic.Int64, len(ids))
	routes := []struct {
		route  string
		status int
		target vegeta.Targeter
	}{
		{"get by id", http.StatusOK, func(t *vegeta.Target) error {
			i := next.Add(1) % uint64(len(ids))
			*t = vegeta.Target{Method: http.MethodGet, URL: url + api.PathProfiles + "/" + ids[i], Header: auth}
			return nil
		}},
		{"list 100", http.StatusOK, func(t *vegeta.Target) error {
			*t = vegeta.Target{Method: http.MethodGet, URL: url + api.PathProfiles + "?limit=100", Header: auth}
			return nil
		}},
		{"update", http.StatusOK, func(t *vegeta.Target) error {
			// Profiles are updated in turn, each from the version the
			// previous update of it made, so no two requests race.
			i := next.Add(1) % uint64(len(ids))
			version := versions[i].Add(1)
			body, _ := json.Marshal(map[string]string{
				"description": fmt.Sprintf("Updated under load, change %d of this one.", version),
			})
			header := auth.Clone()
			header.Set("Content-Type", "application/json")
			header.Set("If-Match", api.ETag(version))
			*t = vegeta.Target{Method: http.MethodPatch, URL: url + api.PathProfiles + "/" + ids[i],
				Header: header, Body: body}
			return nil
		}},
	}
	var results []LoadResult
	for _, r := range routes {
		res := l.attack(ctx, r.target, r.status)
		res.Store, res.Route = name, r.route
		results = append(results, res)
	}
	return results, nil
}

// Ceiling attacks a bare net/http handler that answers every request with
// one profile's JSON, as fast as net/http and the load tool go here.
func (l Load) Ceiling(ctx context.Context) LoadResult {
	body, _ := json.Marshal(api.Profile{ID: "lcp_aaaaaaaaaaaaaaaaaaaaaaaaaa", Name: "Load Profile 00001",
		Description: "A profile under load, from lever-bench.", Environment: "sandbox",
		ClientID: "load-1", CallbackURL: "https://api.stackone.com/connect/oauth2/lever/callback",
		Enabled: true, Version: 1})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	res := l.attack(ctx, func(t *vegeta.Target) error {
		*t = vegeta.Target{Method: http.MethodGet, URL: srv.URL + api.PathProfiles + "/lcp_a"}
		return nil
	}, http.StatusOK)
	res.Store, res.Route = Ceiling, "get by id"
	return res
}

func (l Load) attack(ctx context.Context, target vegeta.Targeter, status int) LoadResult {
	attacker := vegeta.NewAttacker(vegeta.Workers(uint64(l.Workers)), vegeta.MaxWorkers(uint64(l.Workers)),
		vegeta.KeepAlive(true), vegeta.Connections(l.Workers))
	var m vegeta.Metrics
	results := attacker.Attack(target, vegeta.Rate{Freq: 0}, l.Duration, "bench")
	for {
		select {
		case <-ctx.Done():
			attacker.Stop()
		case r, ok := <-results:
			if !ok {
				m.Close()
				failed := m.Requests - uint64(m.StatusCodes[fmt.Sprint(status)])
				return LoadResult{Requests: m.Requests, Failed: failed, RPS: m.Throughput,
					P50: m.Latencies.P50, P99: m.Latencies.P99}
			}
			m.Add(r)
		}
	}
}

// LoadTargets are the server's throughput targets: get by id as a share of
// the bare handler's rate, per store.
var LoadTargets = map[string]float64{"embedded": 0.5, "postgres": 0.2}

// ReportLoad prints the load figures, each route's rate as a share of the
// ceiling, and the targets met and missed.
func ReportLoad(w io.Writer, l Load, ceiling LoadResult, results []LoadResult) {
	fmt.Fprintf(w, "Server under load: %d workers per route, %s each, %d profiles in the tenant\n",
		l.Workers, l.Duration, l.Profiles)
	fmt.Fprintf(w, "%-14s %-10s %9s %7s %10s %9s %9s %10s\n",
		"store", "route", "requests", "failed", "req/s", "p50 ms", "p99 ms", "x ceiling")
	for _, r := range append([]LoadResult{ceiling}, results...) {
		fmt.Fprintf(w, "%-14s %-10s %9d %7d %10.0f %9.2f %9.2f %10.2f\n", r.Store, r.Route, r.Requests,
			r.Failed, r.RPS, ms(r.P50), ms(r.P99), r.RPS/ceiling.RPS)
	}
	fmt.Fprintln(w, "\nTargets:")
	for _, r := range results {
		share, ok := LoadTargets[r.Store]
		if !ok || r.Route != "get by id" {
			continue
		}
		verdict := "met"
		if r.RPS < share*ceiling.RPS || r.Failed > 0 {
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "  %-6s get by id on %s at least %.0f%% of the ceiling: %.0f%%\n",
			verdict, r.Store, share*100, 100*r.RPS/ceiling.RPS)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
