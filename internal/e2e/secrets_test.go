// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// TestE2E_traceLogShowsNoSecret applies, changes, breaks and destroys a
// profile with TF_LOG=trace, and checks that neither the log nor anything
// terraform printed holds the client secret.
func TestE2E_traceLogShowsNoSecret(t *testing.T) {
	const secret = "zq-very-secret-7f3a91"
	storePath := filepath.Join(t.TempDir(), "secrets.db")
	profile := func(description, callback string) string {
		return secretKeeper(providerBlock(storePath, ""), description, callback)
	}
	w := newWorkspace(t, profile("Keeps its secret out of every log.", "https://example.com/cb"))
	logPath := filepath.Join(t.TempDir(), "trace.log")
	w.env = append(w.env, "TF_LOG=trace", "TF_LOG_PATH="+logPath, "TF_VAR_secret="+secret)

	var printed strings.Builder
	printed.WriteString(w.mustRun("apply", "-auto-approve", "-input=false"))
	w.write(profile("Keeps its secret out of every log, still.", "https://example.com/cb"))
	printed.WriteString(w.mustRun("apply", "-auto-approve", "-input=false"))
	w.write(profile("Keeps its secret out of every log, still.", "http://example.com/cb"))
	out, err := w.run("plan", "-input=false")
	if err == nil {
		t.Fatalf("an insecure callback passed plan:\n%s", out)
	}
	printed.WriteString(out)
	w.write(profile("Keeps its secret out of every log, still.", "https://example.com/cb"))
	printed.WriteString(w.mustRun("destroy", "-auto-approve", "-input=false"))

	trace, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(trace), "creating connector profile") {
		t.Fatalf("the trace log holds no provider log lines; the check would prove nothing")
	}
	if strings.Contains(string(trace), secret) {
		t.Errorf("the trace log holds the client secret")
	}
	if strings.Contains(printed.String(), secret) {
		t.Errorf("terraform's output holds the client secret:\n%s", printed.String())
	}
}

// secretKeeper is a configuration of one profile whose plain client secret
// comes from the sensitive variable "secret", after the provider block.
func secretKeeper(providerBlock, description, callback string) string {
	callbackLine := ""
	if callback != "" {
		callbackLine = fmt.Sprintf("  callback_url  = %q\n", callback)
	}
	return providerBlock + fmt.Sprintf(`
variable "secret" {
  type      = string
  sensitive = true
}

resource "lever_connector_profile" "p" {
  name          = "Secret Keeper"
  description   = %q
  environment   = "sandbox"
  client_id     = "keeper"
  client_secret = var.secret
%s}
`, description, callbackLine)
}

// TestE2E_secretsAtRest checks that neither the store's files nor the
// state file hold a write-only secret, and that the store opens only with
// its own key.
func TestE2E_secretsAtRest(t *testing.T) {
	const secret = "at-rest-secret-5c1d88"
	storePath := filepath.Join(t.TempDir(), "at-rest.db")
	config := providerBlock(storePath, "") + `
variable "secret" {
  type      = string
  sensitive = true
}

resource "lever_connector_profile" "p" {
  name                     = "At Rest"
  description              = "Its secret is encrypted in the store."
  environment              = "production"
  client_id                = "at-rest"
  client_secret_wo         = var.secret
  client_secret_wo_version = 1
}
`
	w := newWorkspace(t, config)
	w.env = append(w.env, "TF_VAR_secret="+secret)
	w.mustRun("apply", "-auto-approve", "-input=false")

	for _, name := range []string{storePath, storePath + "-wal", filepath.Join(w.dir, "terraform.tfstate")} {
		raw, err := os.ReadFile(name)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), secret) {
			t.Errorf("%s holds the client secret", filepath.Base(name))
		}
	}
	got, err := openStore(t, storePath).ProfileSecret(context.Background(), onlyProfileID(t, storePath))
	if err != nil || got != secret {
		t.Fatalf("the store does not give back the secret it was given (err %v)", err)
	}

	w.env = append(w.env, "LEVER_EMBEDDED_ENCRYPTION_KEY="+base64.StdEncoding.EncodeToString(make([]byte, 32)))
	out, err := w.run("plan", "-input=false")
	if err == nil || !regexp.MustCompile(`(?s)Cannot Open the Embedded Store.*different\s+key`).MatchString(out) {
		t.Fatalf("a wrong key did not fail clearly (err %v):\n%s", err, out)
	}
}

// TestE2E_importPlainSecretWritesNothing imports a profile whose secret is
// in plain form: the plan updates the secret in place, the apply writes
// nothing to the store, and the plan after is empty. The configuration
// generated for an import block validates once the secret is given.
func TestE2E_importPlainSecretWritesNothing(t *testing.T) {
	storePath := filepath.Join(t.TempDir(), "import.db")
	resourceBlock := `
resource "lever_connector_profile" "p" {
  name          = "Imported Plain"
  description   = "Imported back after leaving the state."
  environment   = "sandbox"
  client_id     = "imported"
  client_secret = "plain-secret"
}
`
	w := newWorkspace(t, providerBlock(storePath, "")+resourceBlock)
	w.mustRun("apply", "-auto-approve", "-input=false")
	id := onlyProfileID(t, storePath)
	before := profileVersion(t, storePath, id)
	w.mustRun("state", "rm", "lever_connector_profile.p")

	importBlock := fmt.Sprintf("\nimport {\n  to = lever_connector_profile.p\n  id = %q\n}\n", id)
	w.write(providerBlock(storePath, "") + importBlock)
	out, _ := w.run("plan", "-input=false", "-generate-config-out=generated.tf")
	generated, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	if err != nil {
		t.Fatalf("no configuration generated:\n%s", out)
	}
	// Give the secret the store never returns, in the plain form.
	fixed := regexp.MustCompile(`(?m)^\s*client_secret_wo(_version)?\s*=\s*null.*$`).
		ReplaceAllString(string(generated), "")
	fixed = regexp.MustCompile(`(?m)^(\s*client_secret)\s*=\s*null.*$`).ReplaceAllString(fixed, `$1 = "plain-secret"`)
	if err := os.WriteFile(filepath.Join(w.dir, "generated.tf"), []byte(fixed), 0o600); err != nil {
		t.Fatal(err)
	}
	w.mustRun("validate")

	plan := w.mustRun("plan", "-input=false")
	if !strings.Contains(plan, "1 to import, 0 to add, 1 to change, 0 to destroy") {
		t.Fatalf("the import plan is not one import with one in-place update:\n%s", plan)
	}
	w.mustRun("apply", "-auto-approve", "-input=false")
	if after := profileVersion(t, storePath, id); after != before {
		t.Fatalf("applying the import wrote to the store: version %d became %d", before, after)
	}
	if out, err := w.run("plan", "-detailed-exitcode", "-input=false"); err != nil {
		t.Fatalf("the plan after the import is not empty: %s\n%s", err, out)
	}
}

func onlyProfileID(t *testing.T, storePath string) string {
	t.Helper()
	profiles, err := openStore(t, storePath).ListProfiles(context.Background(), backend.ProfileFilter{})
	if err != nil || len(profiles) != 1 {
		t.Fatalf("expected one profile, got %d (%v)", len(profiles), err)
	}
	return profiles[0].ID
}

func profileVersion(t *testing.T, storePath, id string) int64 {
	t.Helper()
	p, err := openStore(t, storePath).GetProfile(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Version
}

// TestE2E_writeOnlySecretRotatedElsewhere rotates a write-only secret
// outside Terraform: the next plan warns and proposes nothing, and a change
// of the description leaves the rotated secret in place.
func TestE2E_writeOnlySecretRotatedElsewhere(t *testing.T) {
	storePath := filepath.Join(t.TempDir(), "rotated.db")
	profile := func(description string) string {
		return providerBlock(storePath, "") + `
resource "lever_connector_profile" "p" {
  name                     = "Rotated Elsewhere"
  description              = "` + description + `"
  environment              = "sandbox"
  client_id                = "rotated"
  client_secret_wo         = "written-by-terraform"
  client_secret_wo_version = 1
}
`
	}
	w := newWorkspace(t, profile("Its secret is rotated outside Terraform."))
	w.mustRun("apply", "-auto-approve", "-input=false")

	store := openStore(t, storePath)
	id := onlyProfileID(t, storePath)
	current, err := store.GetProfile(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	rotated := "rotated-by-an-admin"
	if _, err := store.UpdateProfile(context.Background(), id, current.Version,
		backend.ProfileChange{ClientSecret: &rotated}); err != nil {
		t.Fatal(err)
	}

	out, err := w.run("plan", "-detailed-exitcode", "-input=false")
	if err != nil {
		t.Fatalf("the plan after an outside rotation is not empty: %s\n%s", err, out)
	}
	if !regexp.MustCompile(`(?s)Warning: Client Secret Changed Outside Terraform.*client_secret_wo_version`).MatchString(out) {
		t.Fatalf("the plan does not warn about the rotation:\n%s", out)
	}

	w.write(profile("Its secret is rotated outside Terraform, and stays so."))
	w.mustRun("apply", "-auto-approve", "-input=false")
	if got, err := store.ProfileSecret(context.Background(), id); err != nil || got != rotated {
		t.Fatalf("a description change overwrote the rotated secret (err %v)", err)
	}
}
