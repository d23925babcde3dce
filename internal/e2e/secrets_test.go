// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2E_traceLogShowsNoSecret applies, changes, breaks and destroys a
// profile with TF_LOG=trace, and checks that neither the log nor anything
// terraform printed holds the client secret.
func TestE2E_traceLogShowsNoSecret(t *testing.T) {
	const secret = "zq-very-secret-7f3a91"
	storePath := filepath.Join(t.TempDir(), "secrets.db")
	profile := func(description, callback string) string {
		return providerBlock(storePath, "") + `
variable "secret" {
  type      = string
  sensitive = true
}

resource "lever_connector_profile" "p" {
  name          = "Secret Keeper"
  description   = "` + description + `"
  environment   = "sandbox"
  client_id     = "keeper"
  client_secret = var.secret
  callback_url  = "` + callback + `"
}
`
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
