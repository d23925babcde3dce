// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportRatiosAndTargets(t *testing.T) {
	results := []Result{
		{Backend: Floor, Size: 500, Seconds: map[string]float64{"apply": 10, "plan": 4, "destroy": 8}},
		{Backend: "embedded", Size: 500, PeakRSSKiB: 50 * 1024,
			Seconds: map[string]float64{"apply": 12, "plan": 6, "destroy": 12}},
		{Backend: Floor, Size: 1000, Seconds: map[string]float64{"apply": 20, "plan": 8, "destroy": 16}},
		{Backend: "embedded", Size: 1000, PeakRSSKiB: 120 * 1024,
			Seconds: map[string]float64{"apply": 24, "plan": 20, "destroy": 24}},
	}
	var out strings.Builder
	Report(&out, results)
	text := out.String()
	for _, want := range []string{
		"12.00 (1.20x)",
		"met    apply of 500 within 1.25x the floor on embedded: 1.20x",
		"MISSED destroy of 500 within 1.25x the floor on embedded: 1.50x",
		"MISSED no-change plan of 1,000 within 2x the floor on embedded: 2.50x",
		"MISSED provider peak memory at 1,000 under 100 MiB on embedded: 120.00 MiB",
		"plan 1.50x -> 2.50x (GROWS)",
		"apply 1.20x -> 1.20x (flat)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
}

func TestPeakRSS(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rss")
	if got, err := peakRSS(path); err != nil || got != 0 {
		t.Fatalf("no file: got %d, %v; want 0 and no error", got, err)
	}
	if err := os.WriteFile(path, []byte("2048\n40960\n1024\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := peakRSS(path); err != nil || got != 40960 {
		t.Fatalf("got %d, %v; want 40960", got, err)
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{{[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
