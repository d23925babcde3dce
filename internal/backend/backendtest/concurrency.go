// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backendtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// Terraform applies resources in parallel (ten at a time by default), so a
// backend sees concurrent writes as a matter of course.
const (
	workers       = 10
	profilesTotal = 50
)

func testConcurrentCreates(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	names := make(chan string, profilesTotal)
	for i := range profilesTotal {
		names <- fmt.Sprintf("parallel-%02d", i)
	}
	close(names)

	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		ids  = map[string]string{}
		errs []error
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range names {
				p, err := b.CreateProfile(ctx, sampleProfile(name, "sandbox"))
				mu.Lock()
				if err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", name, err))
				} else {
					ids[name] = p.ID
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent CreateProfile: %v", err)
	}

	list, err := b.ListProfiles(ctx, backend.ProfileFilter{Environment: "sandbox"})
	if err != nil {
		t.Fatalf("ListProfiles: %v", err)
	}
	if len(list) != profilesTotal {
		t.Errorf("ListProfiles returned %d profiles, want %d", len(list), profilesTotal)
	}
	for _, p := range list {
		if ids[p.Name] != p.ID {
			t.Errorf("profile %s (%s) was not created by this test", p.ID, p.Name)
		}
	}
	for name, id := range ids {
		if got := mustGetProfile(t, b, id); got.Name != name {
			t.Errorf("GetProfile(%s).Name = %q, want %q", id, got.Name, name)
		}
	}
}

func testConcurrentSameName(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	start := make(chan struct{})
	type result struct {
		p   backend.Profile
		err error
	}
	results := make(chan result, workers)
	for range workers {
		go func() {
			<-start
			p, err := b.CreateProfile(ctx, sampleProfile("contested", "sandbox"))
			results <- result{p, err}
		}()
	}
	close(start)

	var winners []backend.Profile
	var taken []*backend.NameTakenError
	for range workers {
		r := <-results
		var nt *backend.NameTakenError
		switch {
		case r.err == nil:
			winners = append(winners, r.p)
		case errors.As(r.err, &nt):
			taken = append(taken, nt)
		default:
			t.Errorf("CreateProfile: %v, want success or a *backend.NameTakenError", r.err)
		}
	}
	if len(winners) != 1 {
		t.Fatalf("%d creates succeeded, want exactly 1", len(winners))
	}
	if len(taken) != workers-1 {
		t.Errorf("%d creates got NameTakenError, want %d", len(taken), workers-1)
	}
	for _, nt := range taken {
		if nt.ExistingID != winners[0].ID {
			t.Errorf("NameTakenError.ExistingID = %s, want the winner %s", nt.ExistingID, winners[0].ID)
		}
	}
	list, err := b.ListProfiles(ctx, backend.ProfileFilter{Name: "contested"})
	if err != nil {
		t.Fatalf("ListProfiles: %v", err)
	}
	if len(list) != 1 {
		t.Errorf("ListProfiles(name contested) returned %d profiles, want 1", len(list))
	}
}

// testConcurrentDefaults races creates of different profiles that would
// each be the environment's default: the check must run inside the write,
// so exactly one wins and every other names it.
func testConcurrentDefaults(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	start := make(chan struct{})
	type result struct {
		p   backend.Profile
		err error
	}
	results := make(chan result, workers)
	for i := range workers {
		go func() {
			<-start
			p, err := b.CreateProfile(ctx, sampleDefault(fmt.Sprintf("default-%02d", i), "sandbox"))
			results <- result{p, err}
		}()
	}
	close(start)

	var winners []backend.Profile
	var taken []*backend.DefaultTakenError
	for range workers {
		r := <-results
		var dt *backend.DefaultTakenError
		switch {
		case r.err == nil:
			winners = append(winners, r.p)
		case errors.As(r.err, &dt):
			taken = append(taken, dt)
		default:
			t.Errorf("CreateProfile: %v, want success or a *backend.DefaultTakenError", r.err)
		}
	}
	if len(winners) != 1 {
		t.Fatalf("%d default creates succeeded, want exactly 1", len(winners))
	}
	for _, dt := range taken {
		if dt.ExistingID != winners[0].ID || dt.ExistingName != winners[0].Name {
			t.Errorf("DefaultTakenError = %+v, want the winner %s (%s)",
				*dt, winners[0].ID, winners[0].Name)
		}
	}
	wantProfileList(t, b, backend.ProfileFilter{Environment: "sandbox"}, winners)
}
