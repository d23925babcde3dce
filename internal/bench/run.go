// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package bench

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Steps are the terraform commands timed for each backend and size, in order.
var Steps = []string{"apply", "plan", "destroy"}

// Floor names the rows of Terraform's built-in terraform_data resources.
const Floor = "terraform_data"

// Result is what one backend measured at one size.
type Result struct {
	Backend string
	Size    int
	// Seconds holds each step's wall time, the median of the runs.
	Seconds map[string]float64
	// PeakRSSKiB is the largest resident set of any provider process the
	// steps started; zero for the floor, which starts none.
	PeakRSSKiB int64
}

// Runner times terraform commands in fresh working directories.
type Runner struct {
	// Terraform is the CLI binary.
	Terraform string
	// Provider is the real provider binary.
	Provider string
	// Dir is a scratch folder for the working directories.
	Dir string
	// Runs is how many times each backend and size is measured; the
	// median of each step is kept.
	Runs int

	cliConfig string
}

// Setup points a dev_overrides entry at a launcher, this very program
// under the provider's name, so that each provider process terraform starts
// is measured.
func (r *Runner) Setup() error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	plugins := filepath.Join(r.Dir, "plugins")
	if err := os.MkdirAll(plugins, 0o700); err != nil {
		return err
	}
	for _, name := range []string{"terraform-provider-lever", floorBinary} {
		if err := os.Symlink(self, filepath.Join(plugins, name)); err != nil {
			return err
		}
	}
	r.cliConfig = filepath.Join(r.Dir, "bench.tfrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n    %q = %q\n  }\n"+
		"  direct {}\n}\n", "registry.terraform.io/connectorprofiles/lever", plugins,
		"registry.terraform.io/connectorprofiles/floor", plugins)
	return os.WriteFile(r.cliConfig, []byte(rc), 0o600)
}

// Measure applies, plans with no change and destroys n resources Runs
// times: connector profiles on b, or terraform_data resources when b is nil.
func (r *Runner) Measure(ctx context.Context, b Backend, n int) (Result, error) {
	name := Floor
	if b != nil {
		name = b.Name()
	}
	res := Result{Backend: name, Size: n, Seconds: map[string]float64{}}
	samples := map[string][]float64{}
	for run := range max(r.Runs, 1) {
		dir := filepath.Join(r.Dir, fmt.Sprintf("%s-%d-%d", name, n, run))
		seconds, rss, err := r.measureOnce(ctx, b, n, dir)
		if err != nil {
			return res, fmt.Errorf("%s, %d resources: %w", name, n, err)
		}
		for step, s := range seconds {
			samples[step] = append(samples[step], s)
		}
		res.PeakRSSKiB = max(res.PeakRSSKiB, rss)
		_ = os.RemoveAll(dir)
	}
	for step, s := range samples {
		res.Seconds[step] = median(s)
	}
	return res, nil
}

func (r *Runner) measureOnce(ctx context.Context, b Backend, n int, dir string) (map[string]float64, int64, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, 0, err
	}
	config := FloorConfig(n)
	if _, ok := b.(Framework); ok {
		config = FrameworkFloorConfig(n)
	} else if b != nil {
		block, stop, err := b.Start(ctx, dir)
		if err != nil {
			return nil, 0, fmt.Errorf("starting the backend: %w", err)
		}
		defer stop()
		config = ProfilesConfig(block, n)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		return nil, 0, err
	}
	rssFile := filepath.Join(dir, "rss")
	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+r.cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		providerEnv+"="+r.Provider, rssFileEnv+"="+rssFile)

	seconds := map[string]float64{}
	for _, step := range Steps {
		args := map[string][]string{
			"apply":   {"apply", "-auto-approve", "-input=false", "-no-color"},
			"plan":    {"plan", "-detailed-exitcode", "-input=false", "-no-color"},
			"destroy": {"destroy", "-auto-approve", "-input=false", "-no-color"},
		}[step]
		took, err := r.terraform(ctx, dir, env, args)
		if err != nil {
			return nil, 0, fmt.Errorf("terraform %s: %w", step, err)
		}
		seconds[step] = took.Seconds()
	}
	rss, err := peakRSS(rssFile)
	return seconds, rss, err
}

// terraform runs one command and returns how long it took. A plan with
// -detailed-exitcode that finds changes is an error: the no-change plan
// must be empty.
func (r *Runner) terraform(ctx context.Context, dir string, env, args []string) (time.Duration, error) {
	cmd := exec.CommandContext(ctx, r.Terraform, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 2 {
			return took, fmt.Errorf("the plan after apply is not empty:\n%s", tail(out.String(), 40))
		}
		return took, fmt.Errorf("%w\n%s", err, tail(out.String(), 40))
	}
	return took, nil
}

// peakRSS returns the largest figure the launchers wrote, in KiB; zero when
// no provider process ran.
func peakRSS(path string) (int64, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var peak int64
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		kib, err := strconv.ParseInt(strings.TrimSpace(lines.Text()), 10, 64)
		if err == nil {
			peak = max(peak, kib)
		}
	}
	return peak, lines.Err()
}

func median(xs []float64) float64 {
	sorted := append([]float64(nil), xs...)
	sort.Float64s(sorted)
	mid := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[mid]
	}
	return (sorted[mid-1] + sorted[mid]) / 2
}

func tail(s string, lines int) string {
	all := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}
