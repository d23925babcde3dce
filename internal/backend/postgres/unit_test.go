// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// These tests need no server.

func TestOpenChecksOptions(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"no URL", Options{EncryptionKey: testKey}, "no connection URL"},
		{"no key", Options{URL: "postgres://127.0.0.1/x"}, "no encryption key"},
		{"short key", Options{URL: "postgres://127.0.0.1/x", EncryptionKey: testKey[:16]},
			"16 bytes long"},
		{"bad URL", Options{URL: "postgres://lever:hunter2@127.0.0.1:notaport/x",
			EncryptionKey: testKey}, "connection URL is not valid"},
	} {
		_, err := Open(ctx, tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Open error = %v, want one saying %q", tc.name, err, tc.want)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: Open error %q shows the password", tc.name, err)
		}
	}
}

func TestDescribeHidesThePassword(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Nothing listens on port 1; Open fails, naming the store.
	_, err := Open(ctx, Options{
		URL:           "postgres://lever:hunter2@127.0.0.1:1/profiles?connect_timeout=5",
		EncryptionKey: testKey,
	})
	if err == nil {
		t.Fatal("Open of a server that is not there succeeded")
	}
	if strings.Contains(err.Error(), "hunter2") ||
		!strings.Contains(err.Error(), "lever@127.0.0.1:1/profiles") {
		t.Errorf("Open error = %q, want it to name lever@127.0.0.1:1/profiles without the password", err)
	}
}

func TestMigrationsAreNumberedInOrder(t *testing.T) {
	if schemaVersion == 0 {
		t.Fatal("no migrations are embedded")
	}
	for i, m := range migrations {
		if m.version != i+1 || strings.TrimSpace(m.sql) == "" {
			t.Errorf("migration %d is %s, version %d; want version %d with statements",
				i, m.name, m.version, i+1)
		}
	}
}

func TestFailMakesALockTimeoutBusy(t *testing.T) {
	s := &Store{database{where: "test store", lockTimeout: time.Second}}
	lockErr := &pgconn.PgError{Code: codeLockNotAvailable, Message: "canceling statement due to lock timeout"}
	var busy *backend.BusyError
	if err := s.fail("updating", lockErr); !errors.As(err, &busy) || !errors.Is(err, lockErr) {
		t.Errorf("fail(lock timeout) = %v, want a *backend.BusyError wrapping it", err)
	}
	other := &pgconn.PgError{Code: "42P01"}
	if err := s.fail("updating", other); errors.As(err, &busy) || !errors.Is(err, other) ||
		!strings.HasPrefix(err.Error(), "test store: updating: ") {
		t.Errorf("fail(other) = %v, want it wrapped with the store and the step", err)
	}
}

func TestRetry(t *testing.T) {
	s := &Store{database{where: "test store", lockTimeout: time.Second}}
	ctx := context.Background()
	serialization := &pgconn.PgError{Code: codeSerializationFailure}
	deadlock := &pgconn.PgError{Code: codeDeadlockDetected}
	final := errors.New("for good")

	for _, tc := range []struct {
		name      string
		errs      []error // returned by attempt 1, 2, ...; nil after the last
		wantCalls int
		check     func(error) bool
	}{
		{"success", nil, 1, func(err error) bool { return err == nil }},
		{"transient then success", []error{serialization, deadlock, errRetry}, 4,
			func(err error) bool { return err == nil }},
		{"not transient", []error{final}, 1, func(err error) bool { return errors.Is(err, final) }},
		{"always transient", []error{serialization, serialization, serialization,
			serialization, serialization, serialization}, maxAttempts,
			func(err error) bool {
				var busy *backend.BusyError
				return errors.As(err, &busy) && errors.Is(err, serialization)
			}},
	} {
		calls := 0
		err := s.retry(ctx, "testing", func() error {
			calls++
			if calls <= len(tc.errs) {
				return tc.errs[calls-1]
			}
			return nil
		})
		if calls != tc.wantCalls || !tc.check(err) {
			t.Errorf("%s: %d calls, error %v", tc.name, calls, err)
		}
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	err := s.retry(cancelled, "testing", func() error { return deadlock })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("retry with a cancelled context: error = %v, want context.Canceled", err)
	}
}
