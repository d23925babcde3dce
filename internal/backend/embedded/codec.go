// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// ID prefixes tell a profile id from a scope set id at a glance.
const (
	profileIDPrefix  = "lcp_"
	scopeSetIDPrefix = "lss_"
)

// idEncoding spells 16 random bytes as 26 lower-case characters that are
// safe in URLs, file names and Terraform import commands.
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").
	WithPadding(base32.NoPadding)

func newID(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	return prefix + idEncoding.EncodeToString(b)
}

// now is the time stamped on a write. Stored times are UTC so that the
// text form is one spelling per instant.
func now() time.Time { return time.Now().UTC() }

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("malformed time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// normalize sorts and deduplicates a copy of list, so that the order a user
// wrote never shows up as a change. It keeps nil apart from empty, since
// for profiles nil means "defaults" or "never set".
func normalize(list []string) []string {
	if list == nil {
		return nil
	}
	out := slices.Clone(list)
	slices.Sort(out)
	return slices.Compact(out)
}

// sameList compares normalized lists, nil and empty being different.
func sameList(a, b []string) bool {
	return (a == nil) == (b == nil) && slices.Equal(a, b)
}

// encodeList stores nil as NULL and anything else, empty included, as a
// JSON array.
func encodeList(list []string) sql.NullString {
	if list == nil {
		return sql.NullString{}
	}
	b, _ := json.Marshal(list) // A []string always marshals.
	return sql.NullString{String: string(b), Valid: true}
}

func decodeList(v sql.NullString) ([]string, error) {
	if !v.Valid {
		return nil, nil
	}
	list := []string{}
	if err := json.Unmarshal([]byte(v.String), &list); err != nil {
		return nil, fmt.Errorf("malformed list %q: %w", v.String, err)
	}
	return list, nil
}
