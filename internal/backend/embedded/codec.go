// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

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
