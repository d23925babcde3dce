// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package bench

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
)

// The environment of a launcher: Terraform passes its own environment on to
// the provider processes it starts, so the benchmark sets these for terraform.
const (
	// providerEnv names the real provider binary the launcher runs.
	providerEnv = "LEVER_BENCH_PROVIDER"
	// rssFileEnv names the file each launcher appends its provider's peak RSS to.
	rssFileEnv = "LEVER_BENCH_RSS_FILE"
	// perfDirEnv, when set, names a folder for a perf profile of each provider
	// process.
	perfDirEnv = "LEVER_BENCH_PERF_DIR"
)

// IsLauncher reports whether this process was started by terraform in the
// provider's place, rather than by a person.
//
// The benchmark measures the provider's peak memory with a launcher: the
// dev_overrides entry points terraform at a copy of the benchmark program,
// which runs the real provider as its only child, with the same arguments,
// streams and environment, and reads the child's own peak resident set size
// (ru_maxrss) from wait4 when it exits. Terraform starts a new provider
// process for each command, sometimes several, each gone before terraform
// is, so sampling /proc would miss short peaks, and getrusage(RUSAGE_CHILDREN)
// on terraform would report terraform's own, larger, peak instead.
func IsLauncher() bool {
	return os.Getenv(providerEnv) != ""
}

// Launch runs the real provider as IsLauncher describes and returns the exit
// code to leave with: the provider's own.
func Launch() int {
	name, args := os.Getenv(providerEnv), os.Args[1:]
	perfDir := os.Getenv(perfDirEnv)
	if perfDir != "" {
		// Profiling replaces memory measurement: the child is then perf.
		out := filepath.Join(perfDir, fmt.Sprintf("perf-%d.data", os.Getpid()))
		args = append([]string{"record", "-g", "-F", "499", "-q", "-o", out, "--", name}, args...)
		name = "perf"
	}
	cmd := exec.Command(name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "bench launcher: %s\n", err)
		return 1
	}
	// Terraform stops a provider by RPC, but pass on any signal sent to the
	// launcher rather than leave the provider running alone.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintf(os.Stderr, "bench launcher: %s\n", err)
		return 1
	}
	if perfDir == "" {
		recordRSS(cmd.ProcessState)
	}
	return cmd.ProcessState.ExitCode()
}

// recordRSS appends the finished process's peak RSS, in KiB as Linux
// reports ru_maxrss, to the file rssFileEnv names.
func recordRSS(state *os.ProcessState) {
	usage, ok := state.SysUsage().(*syscall.Rusage)
	path := os.Getenv(rssFileEnv)
	if !ok || path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench launcher: %s\n", err)
		return
	}
	defer f.Close()
	// One short write with O_APPEND: concurrent launchers never interleave.
	_, _ = fmt.Fprintf(f, "%d\n", usage.Maxrss)
}
