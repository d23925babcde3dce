// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheckName(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{name: "plain", in: "Acme Recruiting"},
		{name: "one character", in: "A"},
		{name: "multi-byte", in: "日本の採用"},
		{name: "inner spaces", in: "Acme  Recruiting Sync"},
		{name: "100 ascii", in: strings.Repeat("a", 100)},
		{name: "100 multi-byte", in: strings.Repeat("é", 100)},
		{name: "101 ascii", in: strings.Repeat("a", 101),
			wants: []want{errorOn("name", "Name Too Long", "101 characters", "at most 100",
				"by 1 character.")}},
		{name: "101 multi-byte", in: strings.Repeat("日本", 50) + "é",
			wants: []want{errorOn("name", "Name Too Long", "101 characters")}},
		{name: "empty", in: "",
			wants: []want{errorOn("name", "Missing Name", "empty")}},
		{name: "blank", in: " \t\u00a0",
			wants: []want{errorOn("name", "Missing Name")}},
		{name: "leading space", in: " Acme",
			wants: []want{errorOn("name", "Name Has Surrounding Whitespace", `" Acme"`,
				`"Acme"`)}},
		{name: "trailing no-break space", in: "Acme\u00a0",
			wants: []want{errorOn("name", "Name Has Surrounding Whitespace")}},
		{name: "trailing newline", in: "Acme\n",
			wants: []want{
				errorOn("name", "Name Has Surrounding Whitespace"),
				errorOn("name", "Name Contains Control Characters", `"Acme\n"`),
			}},
		{name: "inner tab", in: "Acme\tSync",
			wants: []want{errorOn("name", "Name Contains Control Characters")}},
		{name: "inner NUL", in: "Acme\x00Sync",
			wants: []want{errorOn("name", "Name Contains Control Characters")}},
		{name: "C1 control", in: "Acme\u0085Sync",
			wants: []want{errorOn("name", "Name Contains Control Characters")}},
		{name: "invalid UTF-8", in: "Acme\xff",
			wants: []want{errorOn("name", "Invalid UTF-8")}},
		{name: "long and padded", in: " " + strings.Repeat("a", 100),
			wants: []want{
				errorOn("name", "Name Has Surrounding Whitespace"),
				errorOn("name", "Name Too Long", "101 characters"),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckName(tt.in), tt.wants...)
		})
	}
}

func TestCheckDescription(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{name: "20 ascii", in: strings.Repeat("a", 20)},
		{name: "140 ascii", in: strings.Repeat("a", 140)},
		// 20 runes but 40 bytes: the limit counts characters, not bytes.
		{name: "20 multi-byte", in: strings.Repeat("é", 20)},
		{name: "140 multi-byte", in: strings.Repeat("日本", 70)},
		{name: "19 ascii", in: strings.Repeat("a", 19),
			wants: []want{errorOn("description", "Description Too Short", "19 characters",
				"20 to 140")}},
		{name: "19 multi-byte", in: strings.Repeat("é", 19),
			wants: []want{errorOn("description", "Description Too Short", "19 characters")}},
		{name: "141 ascii", in: strings.Repeat("a", 141),
			wants: []want{errorOn("description", "Description Too Long", "141 characters",
				"by 1 character.")}},
		{name: "141 multi-byte", in: strings.Repeat("日本", 70) + "é",
			wants: []want{errorOn("description", "Description Too Long", "141 characters")}},
		{name: "empty", in: "",
			wants: []want{errorOn("description", "Description Too Short", "0 characters")}},
		{name: "one", in: "x",
			wants: []want{errorOn("description", "Description Too Short", "1 character;")}},
		{name: "invalid UTF-8", in: strings.Repeat("\xff", 30),
			wants: []want{errorOn("description", "Invalid UTF-8")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckDescription(tt.in), tt.wants...)
		})
	}
}

func TestCheckClientID(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{name: "typical", in: "AbC123dEf456GhI789"},
		{name: "punctuation", in: "abc-def_ghi.jkl"},
		{name: "empty", in: "", wants: []want{errorOn("client_id", "Missing Client ID")}},
		{name: "blank", in: "  ", wants: []want{errorOn("client_id", "Missing Client ID")}},
		{name: "leading space", in: " abc",
			wants: []want{errorOn("client_id", "Invalid Client ID", `" abc"`)}},
		{name: "trailing newline", in: "abc\n",
			wants: []want{errorOn("client_id", "Invalid Client ID")}},
		{name: "inner space", in: "ab c",
			wants: []want{errorOn("client_id", "Invalid Client ID")}},
		{name: "control", in: "ab\x7fc",
			wants: []want{errorOn("client_id", "Invalid Client ID")}},
		{name: "invalid UTF-8", in: "ab\xffc",
			wants: []want{errorOn("client_id", "Invalid Client ID")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckClientID(tt.in), tt.wants...)
		})
	}
}

func TestCheckClientSecret(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{name: "typical", in: "s3cr3t-Value_With.Punctuation~"},
		{name: "empty", in: "",
			wants: []want{errorOn("client_secret", "Missing Client Secret")}},
		{name: "blank", in: "\t\n",
			wants: []want{errorOn("client_secret", "Missing Client Secret")}},
		{name: "trailing newline", in: "hunter2-Zq9xW7\n",
			wants: []want{errorOn("client_secret", "Invalid Client Secret")}},
		{name: "inner space", in: "hunter2 Zq9xW7",
			wants: []want{errorOn("client_secret", "Invalid Client Secret")}},
		{name: "control", in: "hunter2\x01Zq9xW7",
			wants: []want{errorOn("client_secret", "Invalid Client Secret")}},
		{name: "invalid UTF-8", in: "hunter2\xffZq9xW7",
			wants: []want{errorOn("client_secret", "Invalid Client Secret")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := CheckClientSecret(tt.in)
			assertProblems(t, ps, tt.wants...)
			assertNoSecret(t, ps, tt.in)
		})
	}
}

// assertNoSecret fails when any part of a problem repeats the secret or a
// recognisable piece of it.
func assertNoSecret(t *testing.T, ps []Problem, secret string) {
	t.Helper()
	if !utf8.ValidString(secret) {
		secret = strings.ToValidUTF8(secret, "")
	}
	pieces := []string{strings.TrimSpace(secret)}
	pieces = append(pieces, strings.FieldsFunc(secret, func(r rune) bool {
		return r < ' ' || r == ' ' || r == 0x7f
	})...)
	for _, p := range ps {
		all := p.Field + p.Element + p.Summary + p.Detail + p.Error()
		for _, piece := range pieces {
			if len(piece) >= 4 && strings.Contains(all, piece) {
				t.Errorf("problem %+v repeats the secret piece %q", p, piece)
			}
		}
	}
}
