// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

// TestLogsHoldNoSecret runs a whole profile life, secret read included, with
// the log at debug level, and checks that the log names each request but
// holds neither a token nor a client secret.
func TestLogsHoldNoSecret(t *testing.T) {
	e := newEnv(t, servertest.Options{})
	created := e.createProfile(newProfile("Logged"))
	path := api.PathProfiles + "/" + created.ID
	const rotated = "rotated-Secret-8Hq2"
	e.call(manageToken, http.MethodPatch, path, api.ProfileUpdate{ClientSecret: api.Some(rotated)},
		"If-Match", api.ETag(created.Version)).want(t, http.StatusOK)
	e.call(readerToken, http.MethodGet, path, nil).want(t, http.StatusOK)
	e.call(readerToken, http.MethodGet, path+api.SuffixSecret, nil).want(t, http.StatusOK)
	e.call(manageToken, http.MethodGet, api.PathProfiles, nil).want(t, http.StatusOK)
	e.call("wrong-token-value", http.MethodGet, api.PathProfiles, nil).want(t, http.StatusUnauthorized)
	secretRead := e.call(readerToken, http.MethodGet, path+api.SuffixSecret, nil).want(t, http.StatusOK)
	e.call(manageToken, http.MethodDelete, path, nil).want(t, http.StatusNoContent)

	logs := e.logs.String()
	for _, leak := range []string{clientSecret, rotated, manageToken, readerToken,
		"wrong-token-value", "Bearer", "Authorization"} {
		if strings.Contains(logs, leak) {
			t.Errorf("the log holds %q:\n%s", leak, logs)
		}
	}

	var requests, audits int
	sc := bufio.NewScanner(strings.NewReader(logs))
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("a log line is not JSON: %v: %s", err, sc.Text())
		}
		if line["request_id"] == nil || line["request_id"] == "" {
			t.Errorf("a log line has no request id: %s", sc.Text())
		}
		switch line["msg"] {
		case "request":
			requests++
			for _, key := range []string{"method", "route", "status", "latency_ms", "tenant", "token_name"} {
				if _, ok := line[key]; !ok {
					t.Errorf("a request line has no %s: %s", key, sc.Text())
				}
			}
		case "client secret read":
			audits++
			if line["profile_id"] != created.ID || line["token_name"] != "acme-reader" ||
				line["tenant"] != "acme" || line["level"] != "INFO" {
				t.Errorf("the audit line is incomplete: %s", sc.Text())
			}
		}
	}
	if requests != 8 || audits != 2 {
		t.Errorf("%d request lines and %d audit lines, want 8 and 2:\n%s", requests, audits, logs)
	}
	if id := secretRead.header.Get(api.HeaderRequestID); !strings.Contains(logs, `"request_id":"`+id+`"`) {
		t.Errorf("the secret read's request id %s is not logged", id)
	}
	if !strings.Contains(logs, `"route":"GET /v1/connector-profiles/{id}/secret"`) {
		t.Errorf("the route pattern is not logged:\n%s", logs)
	}
}
