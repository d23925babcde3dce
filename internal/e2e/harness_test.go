// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package e2e runs the built provider binary under the real terraform CLI,
// as users do: separate provider processes, saved plans, parallel applies
// and several runs on one store. Like the acceptance tests, it runs only
// with TF_ACC set.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/embedded"
)

// providerAddress is the address the dev_overrides entry is keyed by. The
// CLI resolves the source "connectorprofiles/lever" on its default registry,
// registry.terraform.io for Terraform and registry.opentofu.org for OpenTofu,
// so it follows TF_ACC_PROVIDER_HOST, as terraform-plugin-testing does.
func providerAddress() string {
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	return host + "/connectorprofiles/lever"
}

// providerDir holds the provider binary TestMain builds, for the
// dev_overrides entry of every workspace.
var providerDir string

func TestMain(m *testing.M) {
	if os.Getenv("TF_ACC") == "" {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "lever-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	providerDir = dir
	// The provider keeps its key file under the user's configuration folder;
	// keep the tests' key files out of the real one.
	_ = os.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	code := 1
	if err := buildProvider(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
	} else {
		code = m.Run()
	}
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// buildProvider builds the provider binary into dir.
func buildProvider(dir string) error {
	_, file, _, _ := runtime.Caller(0)
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-lever"), ".")
	cmd.Dir = filepath.Join(filepath.Dir(file), "..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the provider: %w\n%s", err, out)
	}
	return nil
}

// workspace is one terraform working directory using the built provider.
type workspace struct {
	t   *testing.T
	dir string
	env []string
}

// skipUnlessAcceptance skips a test that drives the terraform CLI unless
// TF_ACC is set, before it starts anything.
func skipUnlessAcceptance(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run tests that drive the terraform CLI")
	}
}

func newWorkspace(t *testing.T, config string) *workspace {
	t.Helper()
	skipUnlessAcceptance(t)
	dir := t.TempDir()
	rc := filepath.Join(dir, "dev.tfrc")
	rcText := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		providerAddress(), providerDir)
	if err := os.WriteFile(rc, []byte(rcText), 0o600); err != nil {
		t.Fatal(err)
	}
	w := &workspace{t: t, dir: dir, env: append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")}
	versions := "terraform {\n  required_providers {\n    lever = {\n      source = \"connectorprofiles/lever\"\n    }\n  }\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "versions.tf"), []byte(versions), 0o600); err != nil {
		t.Fatal(err)
	}
	w.write(config)
	return w
}

func (w *workspace) write(config string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// copy returns a second workspace holding a copy of this one's files, its
// state among them, as a second pipeline checking out the same
// configuration and state would.
func (w *workspace) copy() *workspace {
	w.t.Helper()
	dir := w.t.TempDir()
	entries, err := os.ReadDir(w.dir)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(w.dir, e.Name()))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, e.Name()), data, 0o600)
		}
		if err != nil {
			w.t.Fatal(err)
		}
	}
	return &workspace{t: w.t, dir: dir, env: append([]string(nil), w.env...)}
}

// run executes terraform with the given arguments and returns its combined
// output and error. With dev_overrides, init is neither needed nor possible
// offline.
func (w *workspace) run(args ...string) (string, error) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, terraformPath(), append(args, "-no-color")...)
	cmd.Dir = w.dir
	cmd.Env = w.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// mustRun is run that fails the test on error.
func (w *workspace) mustRun(args ...string) string {
	w.t.Helper()
	out, err := w.run(args...)
	if err != nil {
		w.t.Fatalf("terraform %s: %s\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// applyAtOnce runs terraform apply in every workspace at the same time and
// fails the test with the output of any apply that failed.
func applyAtOnce(t *testing.T, workspaces ...*workspace) {
	t.Helper()
	var wg sync.WaitGroup
	outs, errs := make([]string, len(workspaces)), make([]error, len(workspaces))
	for i, w := range workspaces {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = w.run("apply", "-auto-approve", "-input=false")
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("apply %d of %d failed: %s\n%s", i+1, len(workspaces), err, outs[i])
		}
	}
}

// runningApply is a terraform apply started in the background.
type runningApply struct {
	done chan error
	out  string
}

// applyInBackground starts terraform apply in the workspace.
func (w *workspace) applyInBackground() *runningApply {
	a := &runningApply{done: make(chan error, 1)}
	go func() {
		var err error
		a.out, err = w.run("apply", "-auto-approve", "-input=false")
		a.done <- err
	}()
	return a
}

// wait waits for the apply to end and returns its output and error.
func (a *runningApply) wait() (string, error) {
	err := <-a.done
	return a.out, err
}

func terraformPath() string {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	return "terraform"
}

// providerBlock configures the provider on a store, with extra arguments.
func providerBlock(storePath, extra string) string {
	return fmt.Sprintf("provider \"lever\" {\n  embedded_path = %q\n%s\n}\n", storePath, extra)
}

// profileBlocks declares count profiles named prefix-0 … prefix-(count-1).
func profileBlocks(label, prefix string, count int) string {
	return fmt.Sprintf(`
resource "lever_connector_profile" %[1]q {
  count         = %[3]d
  name          = "%[2]s-${count.index}"
  description   = "Profile ${count.index} of an end-to-end run."
  environment   = "sandbox"
  client_id     = "client-${count.index}"
  client_secret = "secret-${count.index}"
}
`, label, prefix, count)
}

func openStore(t *testing.T, storePath string) *embedded.Store {
	t.Helper()
	store, err := embedded.Open(context.Background(), embedded.Options{Path: storePath})
	if err != nil {
		t.Fatalf("opening %s: %s", storePath, err)
	}
	t.Cleanup(func() { _ = store.Close() })
	return store
}

func countProfiles(t *testing.T, store backend.Backend) int {
	t.Helper()
	profiles, err := store.ListProfiles(context.Background(), backend.ProfileFilter{})
	if err != nil {
		t.Fatalf("listing profiles: %s", err)
	}
	return len(profiles)
}
