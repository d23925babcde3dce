// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package bench

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Target is a figure the provider must stay within.
type Target struct {
	What    string
	Backend string
	Size    int
	Step    string
	// MaxRatio bounds the step's ratio to the floor; MaxMiB, when set,
	// bounds the peak memory instead.
	MaxRatio float64
	MaxMiB   float64
}

// Targets are the provider's performance targets on a 2-core machine.
var Targets = []Target{
	{What: "apply of 500 within 1.25x the floor", Backend: "embedded", Size: 500, Step: "apply", MaxRatio: 1.25},
	{What: "destroy of 500 within 1.25x the floor", Backend: "embedded", Size: 500, Step: "destroy", MaxRatio: 1.25},
	{What: "no-change plan of 1,000 within 2x the floor", Backend: "embedded", Size: 1000, Step: "plan", MaxRatio: 2},
	{What: "provider peak memory at 1,000 under 100 MiB", Backend: "embedded", Size: 1000, MaxMiB: 100},
}

// flatGrowth is how much a ratio to the floor may grow from the smallest
// size to the largest and still count as flat.
const flatGrowth = 1.2

// Report prints the results as a table of seconds and ratios to the floor,
// then how each ratio moves from the smallest size to the largest, then
// the targets met and missed.
func Report(w io.Writer, results []Result) {
	floor := map[int]Result{}
	for _, r := range results {
		if r.Backend == Floor {
			floor[r.Size] = r
		}
	}
	ratio := func(r Result, step string) float64 {
		f, ok := floor[r.Size]
		if !ok || f.Seconds[step] == 0 {
			return 0
		}
		return r.Seconds[step] / f.Seconds[step]
	}

	fmt.Fprintf(w, "%-9s %-15s", "resources", "backend")
	for _, step := range Steps {
		fmt.Fprintf(w, " %18s", step+" s (x floor)")
	}
	fmt.Fprintf(w, " %13s\n", "peak RSS MiB")
	for _, r := range results {
		fmt.Fprintf(w, "%-9d %-15s", r.Size, r.Backend)
		for _, step := range Steps {
			if r.Backend == Floor {
				fmt.Fprintf(w, " %18s", fmt.Sprintf("%.2f", r.Seconds[step]))
				continue
			}
			fmt.Fprintf(w, " %18s", fmt.Sprintf("%.2f (%.2fx)", r.Seconds[step], ratio(r, step)))
		}
		if r.PeakRSSKiB == 0 {
			fmt.Fprintf(w, " %13s\n", "-")
		} else {
			fmt.Fprintf(w, " %13.1f\n", mib(r.PeakRSSKiB))
		}
	}

	frameworkRatios(w, results)

	fmt.Fprintf(w, "\nHow the ratio to the floor moves from the smallest size to the largest "+
		"(flat: at most %.2fx):\n", flatGrowth)
	for _, backend := range backends(results) {
		sizes := sizesOf(results, backend)
		if backend == Floor || len(sizes) < 2 {
			continue
		}
		small, large := find(results, backend, sizes[0]), find(results, backend, sizes[len(sizes)-1])
		var parts []string
		for _, step := range Steps {
			from, to := ratio(small, step), ratio(large, step)
			growth := to / from
			verdict := "flat"
			if growth > flatGrowth {
				verdict = "GROWS"
			}
			parts = append(parts, fmt.Sprintf("%s %.2fx -> %.2fx (%s)", step, from, to, verdict))
		}
		fmt.Fprintf(w, "  %-15s %d -> %d: %s\n", backend, sizes[0], sizes[len(sizes)-1],
			strings.Join(parts, ", "))
	}

	fmt.Fprintln(w, "\nTargets:")
	for _, t := range Targets {
		r := find(results, t.Backend, t.Size)
		if r.Backend == "" {
			fmt.Fprintf(w, "  %-6s %s on %s: not measured in this run\n", "-", t.What, t.Backend)
			continue
		}
		got, limit, unit := ratio(r, t.Step), t.MaxRatio, "x"
		if t.MaxMiB > 0 {
			got, limit, unit = mib(r.PeakRSSKiB), t.MaxMiB, " MiB"
		}
		verdict := "met"
		if got > limit {
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "  %-6s %s on %s: %.2f%s\n", verdict, t.What, t.Backend, got, unit)
	}
}

// frameworkRatios prints each backend's steps as ratios to the framework
// floor of the same size: what the provider adds to what any provider on
// terraform-plugin-framework costs.
func frameworkRatios(w io.Writer, results []Result) {
	var lines []string
	for _, r := range results {
		f := find(results, FrameworkFloor, r.Size)
		if r.Backend == Floor || r.Backend == FrameworkFloor || f.Backend == "" {
			continue
		}
		var parts []string
		for _, step := range Steps {
			if f.Seconds[step] > 0 {
				parts = append(parts, fmt.Sprintf("%s %.2fx", step, r.Seconds[step]/f.Seconds[step]))
			}
		}
		lines = append(lines, fmt.Sprintf("  %-9d %-15s %s", r.Size, r.Backend, strings.Join(parts, ", ")))
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "\nThe same steps as ratios to the framework floor (Terraform, the plugin protocol "+
		"and terraform-plugin-framework, with no store and no rules):")
	fmt.Fprintln(w, strings.Join(lines, "\n"))
}

func mib(kib int64) float64 { return float64(kib) / 1024 }

func find(results []Result, backend string, size int) Result {
	for _, r := range results {
		if r.Backend == backend && r.Size == size {
			return r
		}
	}
	return Result{}
}

func backends(results []Result) []string {
	var names []string
	for _, r := range results {
		if !slices.Contains(names, r.Backend) {
			names = append(names, r.Backend)
		}
	}
	return names
}

func sizesOf(results []Result, backend string) []int {
	var sizes []int
	for _, r := range results {
		if r.Backend == backend {
			sizes = append(sizes, r.Size)
		}
	}
	slices.Sort(sizes)
	return sizes
}
