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
			wants: []want{errorOn("name", "Missing Name", "empty",
				"a short label, such as the integration's product name")}},
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
		// Invisible characters: format characters (Cf) and line and paragraph
		// separators make two different names look the same.
		{name: "zero-width space", in: "Acme\u200bSync",
			wants: []want{errorOn("name", "Name Contains Invisible Characters",
				`"Acme\u200bSync"`, "U+200B (a zero-width space) at position 5",
				"two different names look the same")}},
		{name: "leading byte order mark", in: "\ufeffAcme",
			wants: []want{errorOn("name", "Name Contains Invisible Characters",
				"U+FEFF (a byte order mark) at position 1")}},
		{name: "right-to-left override", in: "Acme\u202eTXT.exe",
			wants: []want{errorOn("name", "Name Contains Invisible Characters",
				"U+202E at position 5")}},
		{name: "left-to-right embedding", in: "\u202aAcme",
			wants: []want{errorOn("name", "Name Contains Invisible Characters", "U+202A")}},
		{name: "isolate", in: "Acme \u2066Sync\u2069",
			wants: []want{errorOn("name", "Name Contains Invisible Characters",
				"U+2066 at position 6, and 1 more like it")}},
		{name: "soft hyphen", in: "Ac\u00adme",
			wants: []want{errorOn("name", "Name Contains Invisible Characters", "U+00AD")}},
		{name: "word joiner only", in: "\u2060",
			wants: []want{errorOn("name", "Name Contains Invisible Characters", "U+2060")}},
		{name: "inner line separator", in: "Acme\u2028Sync",
			wants: []want{errorOn("name", "Name Contains Invisible Characters",
				"U+2028 (a line separator) at position 5")}},
		{name: "trailing paragraph separator", in: "Acme\u2029",
			wants: []want{
				errorOn("name", "Name Has Surrounding Whitespace"),
				errorOn("name", "Name Contains Invisible Characters", "U+2029"),
			}},
		// Characters Unicode renders as nothing, besides the format characters.
		{name: "Hangul filler only", in: "\u3164",
			wants: []want{errorOn("name", "Name Contains Invisible Characters", "U+3164")}},
		{name: "combining grapheme joiner", in: "Ac\u034fme",
			wants: []want{errorOn("name", "Name Contains Invisible Characters", "U+034F")}},
		{name: "emoji with variation selector", in: "Acme \u2764\ufe0f"},
		{name: "emoji joined by a zero-width joiner", in: "Acme \U0001F469\u200d\U0001F4BB Sync"},
		{name: "Persian word with a zero-width non-joiner", in: "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 Sync"},
		{name: "subdivision flag", in: "Acme \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"},
		{name: "joiner between Latin letters", in: "Acme\u200dSync",
			wants: []want{errorOn("name", "Name Contains Invisible Characters")}},
		{name: "joiner at the end", in: "Acme \U0001F469\u200d",
			wants: []want{errorOn("name", "Name Contains Invisible Characters", "U+200D")}},
		{name: "tag characters without a flag", in: "Acme\U000E0067\U000E007F",
			wants: []want{errorOn("name", "Name Contains Invisible Characters")}},
		// A value pasted by mistake is quoted by its ends, not whole.
		{name: "a megabyte, padded", in: strings.Repeat("x", 1<<20) + " ",
			wants: []want{
				errorOn("name", "Name Has Surrounding Whitespace",
					`"`+strings.Repeat("x", 80)+`"…"`+strings.Repeat("x", 19)+` " (1048577 characters)`),
				errorOn("name", "Name Too Long", "1048577 characters"),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := CheckName(tt.in)
			assertProblems(t, ps, tt.wants...)
			// Scope sets use the same check, so no message may speak of a profile.
			for _, p := range ps {
				if strings.Contains(p.Detail, "profile") {
					t.Errorf("detail speaks of a profile: %s", p.Detail)
				}
			}
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
		// The content rules of CheckDescriptionText apply too.
		{name: "blank", in: strings.Repeat(" ", 25),
			wants: []want{errorOn("description", "Missing Description", "only whitespace")}},
		{name: "short and blank says it once", in: "   ",
			wants: []want{errorOn("description", "Description Too Short", "3 characters")}},
		{name: "line break", in: "Syncs candidates into Acme.\nAnd more.",
			wants: []want{errorOn("description", "Description Contains Control Characters",
				"U+000A (a line break) at position 28")}},
		{name: "short with a tab", in: "a\tb",
			wants: []want{
				errorOn("description", "Description Too Short"),
				errorOn("description", "Description Contains Control Characters", "U+0009"),
			}},
		{name: "zero-width space", in: "Syncs candidates\u200b into Acme.",
			wants: []want{errorOn("description", "Description Contains Invisible Characters",
				"U+200B", "position 17")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckDescription(tt.in), tt.wants...)
		})
	}
}

func TestCheckDescriptionText(t *testing.T) {
	const f = "description"
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{name: "plain", in: "Syncs candidates and interviews into Acme's dashboard."},
		// The length is the caller's to check.
		{name: "short", in: "ok"},
		{name: "long", in: strings.Repeat("é", 500)},
		{name: "inner spaces and punctuation", in: "Syncs – candidates, “quotes” & emoji 🎉."},
		{name: "empty", in: "",
			wants: []want{errorOn(f, "Missing Description", "empty or only whitespace",
				"20 to 140")}},
		{name: "blank", in: " \t\u00a0\u3000",
			wants: []want{errorOn(f, "Missing Description")}},
		{name: "newline", in: "Syncs candidates\ninto Acme.",
			wants: []want{errorOn(f, "Description Contains Control Characters",
				"U+000A (a line break) at position 17", "chomp()")}},
		{name: "trailing newline of a heredoc", in: "Syncs candidates into Acme.\n",
			wants: []want{errorOn(f, "Description Contains Control Characters",
				"position 28")}},
		{name: "CRLF", in: "Syncs\r\ncandidates",
			wants: []want{errorOn(f, "Description Contains Control Characters",
				"U+000D (a carriage return) at position 6, and 1 more like it")}},
		{name: "tab", in: "Syncs\tcandidates",
			wants: []want{errorOn(f, "Description Contains Control Characters",
				"U+0009 (a tab)")}},
		{name: "NUL", in: "Syncs\x00candidates",
			wants: []want{errorOn(f, "Description Contains Control Characters",
				"U+0000 (NUL)")}},
		{name: "DEL", in: "Syncs\x7fcandidates",
			wants: []want{errorOn(f, "Description Contains Control Characters", "U+007F")}},
		{name: "C1 control", in: "Syncs\u0085candidates",
			wants: []want{errorOn(f, "Description Contains Control Characters", "U+0085")}},
		{name: "zero-width joiner", in: "Syncs\u200dcandidates",
			wants: []want{errorOn(f, "Description Contains Invisible Characters",
				"U+200D", "look the same")}},
		{name: "byte order mark", in: "\ufeffSyncs candidates",
			wants: []want{errorOn(f, "Description Contains Invisible Characters",
				"U+FEFF", "position 1")}},
		{name: "bidi override", in: "Syncs \u202ecandidates",
			wants: []want{errorOn(f, "Description Contains Invisible Characters", "U+202E")}},
		{name: "paragraph separator", in: "Syncs\u2029candidates",
			wants: []want{errorOn(f, "Description Contains Invisible Characters", "U+2029")}},
		{name: "control and invisible", in: "Syncs\n\u200bcandidates",
			wants: []want{
				errorOn(f, "Description Contains Control Characters", "U+000A"),
				errorOn(f, "Description Contains Invisible Characters", "U+200B", "position 7"),
			}},
		{name: "invalid UTF-8", in: "Syncs \xff candidates",
			wants: []want{errorOn(f, "Invalid UTF-8")}},
		// Padding counts towards the minimum but shows as nothing.
		{name: "leading space", in: " Syncs candidates into Acme.",
			wants: []want{errorOn(f, "Description Has Surrounding Whitespace", "20 characters")}},
		{name: "trailing no-break space", in: "Syncs candidates into Acme.\u00a0",
			wants: []want{errorOn(f, "Description Has Surrounding Whitespace")}},
		{name: "trailing Hangul filler", in: "Syncs candidates into Acme.\u3164",
			wants: []want{errorOn(f, "Description Contains Invisible Characters", "U+3164")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckDescriptionText(tt.in), tt.wants...)
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
		{name: "zero-width space", in: "AbC123\u200bdEf",
			wants: []want{errorOn("client_id", "Client ID Contains Invisible Characters",
				"U+200B (a zero-width space) at position 7", "look the same")}},
		{name: "byte order mark", in: "\ufeffAbC123",
			wants: []want{errorOn("client_id", "Client ID Contains Invisible Characters",
				"U+FEFF", "position 1")}},
		{name: "bidi isolate", in: "AbC\u2068123\u2069",
			wants: []want{errorOn("client_id", "Client ID Contains Invisible Characters",
				"U+2068 at position 4, and 1 more like it")}},
		{name: "line separator is whitespace", in: "AbC\u2028123",
			wants: []want{errorOn("client_id", "Invalid Client ID", "whitespace")}},
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
		// Invisible characters are as much a copy-and-paste slip as spaces.
		{name: "zero-width space", in: "hunter2\u200bZq9xW7",
			wants: []want{errorOn("client_secret", "Client Secret Contains Invisible Characters",
				"U+200B (a zero-width space) at position 8")}},
		{name: "trailing bidi override", in: "hunter2Zq9xW7\u202e",
			wants: []want{errorOn("client_secret", "Client Secret Contains Invisible Characters",
				"U+202E")}},
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
