// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

func TestE2E_fiftyProfilesInParallel(t *testing.T) {
	storePath := filepath.Join(t.TempDir(), "profiles.db")
	w := newWorkspace(t, providerBlock(storePath, "")+profileBlocks("bulk", "bulk", 50))

	w.mustRun("apply", "-auto-approve", "-input=false", "-parallelism=10")

	if got := countProfiles(t, openStore(t, storePath)); got != 50 {
		t.Fatalf("store holds %d profiles after applying 50", got)
	}
	if out, err := w.run("plan", "-detailed-exitcode", "-input=false"); err != nil {
		t.Fatalf("the plan after apply is not empty: %s\n%s", err, out)
	}
	w.mustRun("destroy", "-auto-approve", "-input=false", "-parallelism=10")
	if got := countProfiles(t, openStore(t, storePath)); got != 0 {
		t.Fatalf("store holds %d profiles after destroy", got)
	}
}

func TestE2E_twoProcessesOneStore(t *testing.T) {
	storePath := filepath.Join(t.TempDir(), "shared.db")
	first := newWorkspace(t, providerBlock(storePath, "")+profileBlocks("first", "first", 15))
	second := newWorkspace(t, providerBlock(storePath, "")+profileBlocks("second", "second", 15))

	applyAtOnce(t, first, second)

	if got := countProfiles(t, openStore(t, storePath)); got != 30 {
		t.Fatalf("store holds %d profiles after two applies of 15", got)
	}
}

func TestE2E_twoAliasedProvidersOneStore(t *testing.T) {
	storePath := filepath.Join(t.TempDir(), "aliased.db")
	config := providerBlock(storePath, "") +
		fmt.Sprintf("provider \"lever\" {\n  alias = \"other\"\n  embedded_path = %q\n}\n", storePath) +
		profileBlocks("default", "default", 5) +
		strings.Replace(profileBlocks("aliased", "aliased", 5), "  count", "  provider = lever.other\n  count", 1)
	w := newWorkspace(t, config)

	w.mustRun("apply", "-auto-approve", "-input=false")

	if got := countProfiles(t, openStore(t, storePath)); got != 10 {
		t.Fatalf("store holds %d profiles, want 10", got)
	}
}

// TestE2E_busyStore holds the store's write lock past the provider's lock
// timeout: the apply fails saying the store is busy and naming it, and the
// store keeps everything it had.
func TestE2E_busyStore(t *testing.T) {
	storePath := filepath.Join(t.TempDir(), "busy.db")
	w := newWorkspace(t, providerBlock(storePath, `  embedded_lock_timeout = "1s"`)+
		profileBlocks("kept", "kept", 3))
	w.mustRun("apply", "-auto-approve", "-input=false")

	release := holdWriteLock(t, storePath)
	w.write(providerBlock(storePath, `  embedded_lock_timeout = "1s"`) +
		profileBlocks("kept", "kept", 3) + profileBlocks("blocked", "blocked", 1))
	out, err := w.run("apply", "-auto-approve", "-input=false")
	release()

	if err == nil {
		t.Fatalf("apply succeeded while the store was locked:\n%s", out)
	}
	busy := regexp.MustCompile(`(?s)Store Busy.*` + regexp.QuoteMeta(storePath) + `.*is busy`)
	if !busy.MatchString(out) {
		t.Fatalf("the error does not say the store is busy and name it:\n%s", out)
	}
	store := openStore(t, storePath)
	if got := countProfiles(t, store); got != 3 {
		t.Fatalf("store holds %d profiles after the failed apply, want the 3 it had", got)
	}
	checkIntegrity(t, storePath)

	w.mustRun("apply", "-auto-approve", "-input=false")
	if got := countProfiles(t, store); got != 4 {
		t.Fatalf("store holds %d profiles once the lock is gone, want 4", got)
	}
}

// TestE2E_savedPlanConflict applies a saved plan after someone else changed
// the profile: the apply reports the conflict instead of overwriting.
func TestE2E_savedPlanConflict(t *testing.T) {
	storePath := filepath.Join(t.TempDir(), "conflict.db")
	w := newWorkspace(t, providerBlock(storePath, "")+profileBlocks("p", "p", 1))
	w.mustRun("apply", "-auto-approve", "-input=false")

	w.write(providerBlock(storePath, "") + strings.Replace(profileBlocks("p", "p", 1),
		"Profile ${count.index} of", "Changed profile ${count.index} of", 1))
	w.mustRun("plan", "-out=change.tfplan", "-input=false")

	store := openStore(t, storePath)
	profiles, err := store.ListProfiles(context.Background(), backend.ProfileFilter{})
	if err != nil || len(profiles) != 1 {
		t.Fatalf("expected one profile: %v", err)
	}
	other := "Changed by someone else in the meantime."
	if _, err := store.UpdateProfile(context.Background(), profiles[0].ID, profiles[0].Version,
		backend.ProfileChange{Description: &other}); err != nil {
		t.Fatal(err)
	}

	out, err := w.run("apply", "-input=false", "change.tfplan")
	if err == nil || !strings.Contains(out, "Changed Outside Terraform") {
		t.Fatalf("applying the stale plan did not report the conflict (err %v):\n%s", err, out)
	}
	after, err := store.GetProfile(context.Background(), profiles[0].ID)
	if err != nil || after.Description != other {
		t.Fatalf("the other change was overwritten: %q (%v)", after.Description, err)
	}
}

// holdWriteLock takes the store's write lock from a separate connection, as
// another process would, and returns the function that releases it.
func holdWriteLock(t *testing.T, storePath string) func() {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+storePath)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatalf("taking the write lock: %s", err)
	}
	return func() {
		_, _ = conn.ExecContext(context.Background(), "ROLLBACK")
		_ = conn.Close()
		_ = db.Close()
	}
}

func checkIntegrity(t *testing.T, storePath string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+storePath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity check: %q (%v)", result, err)
	}
}
