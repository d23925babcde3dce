// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

const testToken = "cmd-test-token-5b1f"

func TestHashToken(t *testing.T) {
	var out bytes.Buffer
	p := &program{stdin: strings.NewReader(testToken + "\n"), stdout: &out, stderr: &out}
	if err := p.run(t.Context(), []string{"hash-token"}); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(testToken))
	if got := strings.TrimSpace(out.String()); got != hex.EncodeToString(sum[:]) {
		t.Errorf("hash-token printed %q", got)
	}
	p = &program{stdin: strings.NewReader("\n"), stdout: &out, stderr: &out}
	if err := p.run(t.Context(), []string{"hash-token"}); err == nil {
		t.Error("hash-token accepted an empty token")
	}
}

func TestNewKey(t *testing.T) {
	var out bytes.Buffer
	if err := (&program{stdout: &out}).run(t.Context(), []string{"new-key"}); err != nil {
		t.Fatal(err)
	}
	key, err := loadKey(options{encryptionKey: out.String()})
	if err != nil || len(key) != 32 {
		t.Errorf("new-key printed a key loadKey refuses: %v", err)
	}
}

func TestLoadKey(t *testing.T) {
	file := filepath.Join(t.TempDir(), "key")
	hexKey := strings.Repeat("ab", 32)
	if err := os.WriteFile(file, []byte(hexKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, o := range map[string]options{
		"hex":    {encryptionKey: hexKey},
		"base64": {encryptionKey: "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s="},
		"file":   {encryptionKeyFile: file},
	} {
		if key, err := loadKey(o); err != nil || len(key) != 32 {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, o := range map[string]options{
		"none":   {},
		"short":  {encryptionKey: "abcd"},
		"junk":   {encryptionKey: "not a key!"},
		"twice":  {encryptionKey: hexKey, encryptionKeyFile: file},
		"absent": {encryptionKeyFile: filepath.Join(t.TempDir(), "missing")},
	} {
		_, err := loadKey(o)
		if err == nil {
			t.Errorf("%s: loadKey accepted %+v", name, o)
		} else if o.encryptionKey != "" && strings.Contains(err.Error(), o.encryptionKey) {
			t.Errorf("%s: the error repeats the key: %v", name, err)
		}
	}
}

// writeTokens writes a tokens file with testToken as acme's manager.
func writeTokens(t *testing.T) string {
	t.Helper()
	sum := sha256.Sum256([]byte(testToken))
	raw, _ := json.Marshal([]server.Token{{Name: "ci", Tenant: "acme", Role: api.RoleManage,
		SHA256: hex.EncodeToString(sum[:])}})
	file := filepath.Join(t.TempDir(), "tokens.json")
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// start runs the command with args until the test ends, returning its
// base URL, a function that stops it and waits, and its log.
func start(t *testing.T, args []string) (string, func() error, *servertest.LogBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	addr := make(chan string, 1)
	logs := &servertest.LogBuffer{}
	p := &program{stdout: logs, stderr: logs, listening: func(a string) { addr <- a }}
	done := make(chan error, 1)
	go func() { done <- p.run(ctx, args) }()
	select {
	case a := <-addr:
		stop := func() error { cancel(); return <-done }
		t.Cleanup(cancel)
		return "http://" + a, stop, logs
	case err := <-done:
		cancel()
		t.Fatalf("the server did not start: %v\n%s", err, logs.String())
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start in time")
	}
	return "", nil, nil
}

func TestServeAndShutDown(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(envPrefix+"ENCRYPTION_KEY", strings.Repeat("0f", 32))
	args := []string{"-listen", "127.0.0.1:0", "-data-dir", dir, "-tokens-file", writeTokens(t)}
	url, stop, logs := start(t, args)

	resp, err := http.Get(url + api.PathReady)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("readiness: %v %v", resp, err)
	}
	resp.Body.Close()
	req, _ := http.NewRequest(http.MethodGet, url+api.PathProfiles, nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("list: %v %v", resp, err)
	}
	resp.Body.Close()
	if err := stop(); err != nil {
		t.Fatalf("the server did not stop cleanly: %v\n%s", err, logs)
	}
	if !strings.Contains(logs.String(), `"msg":"stopped"`) {
		t.Errorf("no shutdown in the log:\n%s", logs)
	}
	if strings.Contains(logs.String(), strings.Repeat("0f", 32)) || strings.Contains(logs.String(), testToken) {
		t.Errorf("the log holds the key or the token:\n%s", logs)
	}

	// The tenant's store now holds the key's check; another key must fail
	// at start, naming the problem.
	t.Setenv(envPrefix+"ENCRYPTION_KEY", strings.Repeat("f0", 32))
	var out bytes.Buffer
	err = (&program{stdout: &out, stderr: &out}).run(t.Context(), args)
	if err == nil || !strings.Contains(err.Error(), "key") {
		t.Errorf("a wrong key did not fail clearly at start: %v", err)
	}
	t.Logf("a wrong key fails with: %v", err)
}

func TestConfigurationErrors(t *testing.T) {
	dir := t.TempDir()
	tokens := writeTokens(t)
	key := strings.Repeat("0f", 32)
	for name, args := range map[string][]string{
		"no key":     {"-data-dir", dir, "-tokens-file", tokens},
		"no callers": {"-data-dir", dir, "-encryption-key", key},
		"bad level":  {"-data-dir", dir, "-encryption-key", key, "-tokens-file", tokens, "-log-level", "loud"},
		"half tls": {"-data-dir", dir, "-encryption-key", key, "-tokens-file", tokens,
			"-tls-cert", "c.pem", "-listen", "127.0.0.1:0"},
		"extra arg":   {"serve"},
		"partial jwt": {"-data-dir", dir, "-encryption-key", key, "-jwt-issuer", "https://i/"},
		"missing token": {"-data-dir", dir, "-encryption-key", key,
			"-tokens-file", filepath.Join(dir, "none.json")},
	} {
		var out bytes.Buffer
		if err := (&program{stdout: &out, stderr: &out}).run(t.Context(), args); err == nil {
			t.Errorf("%s: the server started", name)
		}
	}
}

// TestShutdownFinishesRequestsInFlight starts a create whose body arrives
// in two parts, shuts the server down between them, and expects the create
// to finish before the server stops.
func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	t.Setenv(envPrefix+"ENCRYPTION_KEY", strings.Repeat("0f", 32))
	url, stop, logs := start(t, []string{"-listen", "127.0.0.1:0", "-data-dir", t.TempDir(),
		"-tokens-file", writeTokens(t)})

	body, w := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, url+api.PathProfiles, body)
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	answered := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	if _, err := w.Write([]byte(`{"name":"In flight","description":"Syncs candidates while stopping",`)); err != nil {
		t.Fatal(err)
	}

	// The client flushes each chunk of a streamed body; give the server a
	// moment to read the headers and start the handler.
	time.Sleep(300 * time.Millisecond)
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	for !strings.Contains(logs.String(), "shutting down") {
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-stopped:
		t.Fatalf("the server stopped with a request in flight: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	_, _ = w.Write([]byte(`"environment":"sandbox","client_id":"c","client_secret":"s3cret"}`))
	_ = w.Close()
	if status := <-answered; status != http.StatusCreated {
		t.Errorf("the request in flight was answered %d, want 201", status)
	}
	if err := <-stopped; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}
