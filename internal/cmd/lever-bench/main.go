// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Command lever-bench times terraform apply, a no-change plan and destroy
// of N connector profiles on each backend, against the same steps on N
// terraform_data resources, and prints each figure as a ratio to that
// floor with the provider's peak memory.
//
//	lever-bench -sizes 100,500,1000 -backends embedded,http+embedded,http+postgres
//	lever-bench load -workers 8 -duration 5s -profiles 1000
//
// The second form puts a bounded load on the reference server instead: get
// by id, list and update, on embedded stores and on PostgreSQL, beside a
// bare net/http handler as the ceiling.
//
// http+postgres needs -postgres-url (or LEVER_BENCH_POSTGRES_URL): the URL
// of a PostgreSQL server's postgres database, as a role that may create
// databases. `make bench` starts a throwaway server for it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/embedded"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
	"github.com/connectorprofiles/terraform-provider-lever/internal/bench"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

func main() {
	// Terraform starts this binary as the framework floor's provider, or in
	// the provider's place, to run the provider and measure it.
	if bench.IsFloorProvider() {
		if err := bench.ServeFloorProvider(); err != nil {
			fmt.Fprintln(os.Stderr, "lever-bench:", err)
			os.Exit(1)
		}
		return
	}
	if bench.IsLauncher() {
		os.Exit(bench.Launch())
	}
	run := runTerraform
	if len(os.Args) > 1 && os.Args[1] == "load" {
		run = runLoad
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "lever-bench:", err)
		os.Exit(1)
	}
}

func runTerraform() error {
	var (
		sizes       = flag.String("sizes", "100,500,1000", "resource counts to measure, comma-separated")
		backendList = flag.String("backends", "embedded,http+embedded,http+postgres", "backends to measure")
		terraform   = flag.String("terraform", "terraform", "the terraform CLI")
		provider    = flag.String("provider", "", "the provider binary; empty builds it from this module")
		postgresURL = flag.String("postgres-url", os.Getenv("LEVER_BENCH_POSTGRES_URL"),
			"PostgreSQL server for http+postgres")
		runs = flag.Int("runs", 1, "measurements of each backend and size; the median is kept")
	)
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	counts, err := parseSizes(*sizes)
	if err != nil {
		return err
	}
	backends, err := parseBackends(*backendList, *postgresURL)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "lever-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if *provider == "" {
		*provider = filepath.Join(dir, "terraform-provider-lever")
		build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", *provider, ".")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building the provider: %w", err)
		}
	}
	if *terraform, err = exec.LookPath(*terraform); err != nil {
		return err
	}

	r := &bench.Runner{Terraform: *terraform, Provider: *provider, Dir: dir, Runs: *runs}
	if err := r.Setup(); err != nil {
		return err
	}
	var results []bench.Result
	for _, n := range counts {
		for _, b := range append([]bench.Backend{nil, bench.Framework{}}, backends...) {
			start := time.Now()
			res, err := r.Measure(ctx, b, n)
			if err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "measured %s with %d resources in %s\n", res.Backend, n,
				time.Since(start).Round(time.Second))
			results = append(results, res)
		}
	}
	bench.Report(os.Stdout, results)
	return nil
}

func runLoad() error {
	flags := flag.NewFlagSet("load", flag.ExitOnError)
	var (
		workers     = flags.Int("workers", 8, "concurrent clients per route")
		duration    = flags.Duration("duration", 5*time.Second, "how long each route is attacked")
		profiles    = flags.Int("profiles", 1000, "profiles in the tenant")
		postgresURL = flags.String("postgres-url", os.Getenv("LEVER_BENCH_POSTGRES_URL"),
			"PostgreSQL server; empty measures the embedded stores only")
	)
	_ = flags.Parse(os.Args[2:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	l := bench.Load{Workers: *workers, Duration: *duration, Profiles: *profiles}
	ceiling := l.Ceiling(ctx)
	dir, err := os.MkdirTemp("", "lever-bench-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	stores := map[string]func() (backend.Tenants, func(), error){
		"embedded": func() (backend.Tenants, func(), error) {
			t, err := embedded.OpenTenants(ctx, embedded.TenantsOptions{Dir: dir, EncryptionKey: sealing.NewKey()})
			if err != nil {
				return nil, nil, err
			}
			return t, func() { _ = t.Close() }, nil
		},
	}
	if *postgresURL != "" {
		stores["postgres"] = func() (backend.Tenants, func(), error) {
			return servertest.OpenPostgresTenants(ctx, *postgresURL, 16)
		}
	}
	var results []bench.LoadResult
	for _, name := range []string{"embedded", "postgres"} {
		open, ok := stores[name]
		if !ok {
			continue
		}
		tenants, closeTenants, err := open()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		res, err := l.Server(ctx, name, tenants)
		closeTenants()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		results = append(results, res...)
	}
	bench.ReportLoad(os.Stdout, l, ceiling, results)
	return nil
}

func parseSizes(list string) ([]int, error) {
	var sizes []int
	for _, field := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-sizes: %q is not a positive count", field)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

func parseBackends(list, postgresURL string) ([]bench.Backend, error) {
	var backends []bench.Backend
	for _, name := range strings.Split(list, ",") {
		switch strings.TrimSpace(name) {
		case "embedded":
			backends = append(backends, bench.Embedded{})
		case "http+embedded":
			backends = append(backends, bench.HTTP{})
		case "http+postgres":
			if postgresURL == "" {
				return nil, fmt.Errorf("-backends: http+postgres needs -postgres-url or LEVER_BENCH_POSTGRES_URL")
			}
			backends = append(backends, bench.HTTP{PostgresURL: postgresURL})
		case "":
		default:
			return nil, fmt.Errorf("-backends: %q is none of embedded, http+embedded, http+postgres", name)
		}
	}
	return backends, nil
}
