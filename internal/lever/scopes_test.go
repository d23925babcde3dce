// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The fact sheet's section 2, written out by hand so that a slip in the generated
// catalogue cannot hide behind the same code that produced it.
var (
	wantPairs = []string{
		"contact", "feedback", "feedback_templates", "files", "forms", "form_templates",
		"groups", "interviews", "notes", "opportunities", "panels", "permissions",
		"postings", "requisitions", "requisition_fields", "roles", "users", "webhooks",
	}
	wantReadOnly = []string{
		"applications:read:admin", "archive_reasons:read:admin", "audit_events:read:admin",
		"diversity_surveys:read:admin", "eeo_responses:read:admin",
		"eeo_responses_pii:read:admin", "offers:read:admin", "referrals:read:admin",
		"resumes:read:admin", "sources:read:admin", "stages:read:admin", "tags:read:admin",
		"tasks:read:admin",
	}
	wantWriteOnly = []string{"uploads:write:admin"}
	wantSpecial   = []string{"confidential:access:admin", "offline_access"}
)

func TestScopeCatalogue(t *testing.T) {
	var want []string
	for _, r := range wantPairs {
		want = append(want, r+":read:admin", r+":write:admin")
	}
	want = append(want, wantReadOnly...)
	want = append(want, wantWriteOnly...)
	want = append(want, wantSpecial...)
	slices.Sort(want)

	if len(want) != 52 {
		t.Fatalf("test table has %d scopes, want 52", len(want))
	}
	if got := ScopeNames(); !slices.Equal(got, want) {
		t.Fatalf("ScopeNames() =\n%q\nwant\n%q", got, want)
	}
	scopes := Scopes()
	if len(scopes) != 52 {
		t.Fatalf("len(Scopes()) = %d, want 52", len(scopes))
	}
	byName := func(a, b Scope) int { return strings.Compare(a.Name, b.Name) }
	if !slices.IsSortedFunc(scopes, byName) {
		t.Error("Scopes() is not sorted by name")
	}

	counts := map[string]int{}
	for _, s := range scopes {
		counts[s.Access]++
		if !IsScope(s.Name) {
			t.Errorf("IsScope(%q) = false", s.Name)
		}
		if !strings.HasSuffix(s.Description, ".") || s.Description == "" {
			t.Errorf("%s: description %q is not a sentence", s.Name, s.Description)
		}
		switch s.Access {
		case AccessRead, AccessWrite:
			if want := s.Resource + ":" + s.Access + ":admin"; s.Name != want {
				t.Errorf("%s: resource %q and access %q do not spell the name", s.Name,
					s.Resource, s.Access)
			}
		case AccessSpecial:
			if !slices.Contains(wantSpecial, s.Name) {
				t.Errorf("%s is special but not in the fact sheet's specials", s.Name)
			}
		default:
			t.Errorf("%s: unknown access %q", s.Name, s.Access)
		}
	}
	// 18 pairs plus 13 read-only; 18 pairs plus uploads.
	if counts[AccessRead] != 31 || counts[AccessWrite] != 19 || counts[AccessSpecial] != 2 {
		t.Errorf("access counts = %v, want read 31, write 19, special 2", counts)
	}
	offline, _ := LookupScope(OfflineAccess)
	if offline.Resource != "offline_access" || offline.Access != "special" {
		t.Errorf("offline_access = %+v", offline)
	}
	if conf, _ := LookupScope("confidential:access:admin"); conf.Resource != "confidential" {
		t.Errorf("confidential:access:admin resource = %q", conf.Resource)
	}
}

func TestScopesAreCopies(t *testing.T) {
	Scopes()[0].Name = "changed"
	ScopeNames()[0] = "changed"
	DefaultScopes()[0] = "changed"
	RequiredScopes()[0] = "changed"
	const first = "applications:read:admin"
	if Scopes()[0].Name != first || ScopeNames()[0] != first {
		t.Error("package state changed through Scopes or ScopeNames")
	}
	if DefaultScopes()[0] != first || RequiredScopes()[0] != OfflineAccess {
		t.Error("package state changed through DefaultScopes or RequiredScopes")
	}
}

func TestIsScope(t *testing.T) {
	tests := map[string]bool{
		"opportunities:read:admin":  true,
		"uploads:write:admin":       true,
		"offline_access":            true,
		"confidential:access:admin": true,
		"contacts:read:admin":       false,
		"Opportunities:read:admin":  false,
		" offline_access":           false,
		"opportunities:read":        false,
		"uploads:read:admin":        false,
		"offers:write:admin":        false,
		"candidates:read:admin":     false,
		"":                          false,
	}
	for name, want := range tests {
		if got := IsScope(name); got != want {
			t.Errorf("IsScope(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestRequiredAndDefaultScopes(t *testing.T) {
	if got := RequiredScopes(); !slices.Equal(got, []string{"offline_access", "users:read:admin"}) {
		t.Errorf("RequiredScopes() = %q", got)
	}
	defaults := DefaultScopes()
	if len(defaults) > MaxScopes {
		t.Errorf("%d default scopes, more than Lever's %d", len(defaults), MaxScopes)
	}
	if len(defaults) != 18 {
		t.Errorf("%d default scopes, want the 18 agreed", len(defaults))
	}
	if !slices.IsSorted(defaults) || len(slices.Compact(slices.Clone(defaults))) != len(defaults) {
		t.Errorf("DefaultScopes() not sorted and unique: %q", defaults)
	}
	for _, s := range defaults {
		sc, ok := LookupScope(s)
		if !ok {
			t.Errorf("default %q is not a catalogue scope", s)
		}
		if sc.Access == AccessWrite {
			t.Errorf("default %q is a write scope; the defaults are read-only", s)
		}
	}
	if !MeetsProfileMinimum(defaults) {
		t.Error("the defaults do not meet the profile minimum")
	}
	if ps := CheckProfileScopes(defaults); len(ps) != 0 {
		t.Errorf("the defaults do not pass CheckProfileScopes: %v", ps)
	}
}

func TestReadAndWriteScopeOf(t *testing.T) {
	tests := []struct {
		in        string
		read      string
		readOK    bool
		write     string
		writeOK   bool
		reasoning string
	}{
		{in: "users:write:admin", read: "users:read:admin", readOK: true},
		{in: "webhooks:write:admin", read: "webhooks:read:admin", readOK: true},
		{in: "uploads:write:admin", reasoning: "write-only"},
		{in: "users:read:admin", write: "users:write:admin", writeOK: true},
		{in: "offers:read:admin", reasoning: "read-only"},
		{in: "offline_access"},
		{in: "confidential:access:admin"},
		{in: "offers:write:admin", reasoning: "not published"},
		{in: "nope:write:admin"},
		{in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			read, ok := ReadScopeOf(tt.in)
			if read != tt.read || ok != tt.readOK {
				t.Errorf("ReadScopeOf = %q, %v; want %q, %v", read, ok, tt.read, tt.readOK)
			}
			write, ok := WriteScopeOf(tt.in)
			if write != tt.write || ok != tt.writeOK {
				t.Errorf("WriteScopeOf = %q, %v; want %q, %v", write, ok, tt.write, tt.writeOK)
			}
		})
	}
	// Every pair of the fact sheet maps both ways.
	for _, r := range wantPairs {
		if read, _ := ReadScopeOf(r + ":write:admin"); read != r+":read:admin" {
			t.Errorf("ReadScopeOf(%s:write:admin) = %q", r, read)
		}
		if write, _ := WriteScopeOf(r + ":read:admin"); write != r+":write:admin" {
			t.Errorf("WriteScopeOf(%s:read:admin) = %q", r, write)
		}
	}
}

func TestExpandNormalizeGranted(t *testing.T) {
	tests := []struct {
		name     string
		in       []string
		expanded []string
		normal   []string
	}{
		{
			name:     "write adds read",
			in:       []string{"users:write:admin", "offline_access"},
			expanded: []string{"offline_access", "users:read:admin", "users:write:admin"},
			normal:   []string{"offline_access", "users:write:admin"},
		},
		{
			name:     "read beside write",
			in:       []string{"users:read:admin", "users:write:admin", "users:read:admin"},
			expanded: []string{"users:read:admin", "users:write:admin"},
			normal:   []string{"users:write:admin"},
		},
		{
			name:     "uploads has no read",
			in:       []string{"uploads:write:admin"},
			expanded: []string{"uploads:write:admin"},
			normal:   []string{"uploads:write:admin"},
		},
		{
			name: "unknown passes through",
			in:   []string{"zzz", "contacts:write:admin", "notes:write:admin"},
			expanded: []string{
				"contacts:write:admin", "notes:read:admin", "notes:write:admin", "zzz",
			},
			normal: []string{"contacts:write:admin", "notes:write:admin", "zzz"},
		},
		{
			name:     "read alone stays",
			in:       []string{"tags:read:admin", "notes:read:admin"},
			expanded: []string{"notes:read:admin", "tags:read:admin"},
			normal:   []string{"notes:read:admin", "tags:read:admin"},
		},
		{
			name:     "empty",
			in:       []string{},
			expanded: []string{},
			normal:   []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			if got := ExpandScopes(in); !slices.Equal(got, tt.expanded) {
				t.Errorf("ExpandScopes = %q, want %q", got, tt.expanded)
			}
			if got := NormalizeScopes(in); !slices.Equal(got, tt.normal) {
				t.Errorf("NormalizeScopes = %q, want %q", got, tt.normal)
			}
			if got := GrantedScopes(in); !slices.Equal(got, tt.expanded) {
				t.Errorf("GrantedScopes = %q, want %q", got, tt.expanded)
			}
			if !slices.Equal(in, tt.in) {
				t.Errorf("input changed to %q", in)
			}
			// Normalising loses nothing: both forms grant the same.
			if a, b := ExpandScopes(NormalizeScopes(in)), ExpandScopes(in); !slices.Equal(a, b) {
				t.Errorf("ExpandScopes(NormalizeScopes) = %q, ExpandScopes = %q", a, b)
			}
		})
	}
	if got := GrantedScopes(nil); !slices.Equal(got, DefaultScopes()) {
		// The defaults hold no write scope, so expanding them changes nothing.
		t.Errorf("GrantedScopes(nil) = %q, want the defaults", got)
	}
	if got := GrantedScopes([]string{}); len(got) != 0 {
		t.Errorf("GrantedScopes(empty) = %q, want nothing: empty is not nil", got)
	}
}

func TestMeetsProfileMinimum(t *testing.T) {
	tests := []struct {
		name   string
		scopes []string
		want   bool
	}{
		{"both", []string{"offline_access", "users:read:admin"}, true},
		{"write covers read", []string{"offline_access", "users:write:admin"}, true},
		{"no offline_access", []string{"users:read:admin", "notes:read:admin"}, false},
		{"no users", []string{"offline_access"}, false},
		{"wrong case", []string{"OFFLINE_ACCESS", "users:read:admin"}, false},
		{"empty", []string{}, false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MeetsProfileMinimum(tt.scopes); got != tt.want {
				t.Errorf("MeetsProfileMinimum(%q) = %v, want %v", tt.scopes, got, tt.want)
			}
		})
	}
}

func TestSuggestScope(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Users:Read:Admin", "users:read:admin"},
		{"OFFLINE_ACCESS", "offline_access"},
		{"contacts:read:admin", "contact:read:admin"},
		{"contacts:write:admin", "contact:write:admin"},
		{"opportunity:read:admin", "opportunities:read:admin"},
		{"opportunity:write:admin", "opportunities:write:admin"},
		{"posting:read:admin", "postings:read:admin"},
		{"user:read:admin", "users:read:admin"},
		{"opportunities:read", "opportunities:read:admin"},
		{"users:write", "users:write:admin"},
		{"opportunity:read", "opportunities:read:admin"},
		{" tags:read:admin ", "tags:read:admin"},
		{"\tnotes:write:admin\n", "notes:write:admin"},
		{"opportunites:read:admin", "opportunities:read:admin"}, //nolint:misspell // a slip to correct
		{"users:raed:admin", "users:read:admin"},
		{"users:read:admn", "users:read:admin"},
		{"offline-access", "offline_access"},
		{"offline_acess", "offline_access"},
		{"requisition_field:read:admin", "requisition_fields:read:admin"},
		{"form_template:write:admin", "form_templates:write:admin"},
		{"eeo_response:read:admin", "eeo_responses:read:admin"},
		{"confidential:access", "confidential:access:admin"},
		{"candidates:read:admin", "opportunities:read:admin"},
		{"users:read:admin", "users:read:admin"},
		// NFKC folds compatibility look-alikes before comparing.
		{"users\uff1aread\uff1aadmin", "users:read:admin"},
		{"\uff55\uff53\uff45\uff52\uff53:read:admin", "users:read:admin"},
		{"offline\uff3faccess", "offline_access"},
		{"\u00a0tags:read:admin", "tags:read:admin"},
		// A letter from another alphabet is still a near slip.
		{"users:re\u0430d:admin", "users:read:admin"},
		// Nothing near: no suggestion rather than a wild guess.
		{"xyz", ""},
		{"", ""},
		{"   ", ""},
		{"a", ""},
		{"offline", ""},
		{"everything", ""},
		{"offers:write:admin", ""},
		{"stages:write:admin", ""},
		{"foo:read:admin", ""},
		{strings.Repeat("users:read:admin", 20), ""},
		{"users:read:admin" + strings.Repeat(" ", 60), ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := SuggestScope(tt.in); got != tt.want {
				t.Errorf("SuggestScope(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestScopeKeysUnique guards the suggestion logic: if two catalogue scopes reduced to
// the same key, a slip could be "corrected" to the wrong one.
func TestScopeKeysUnique(t *testing.T) {
	seen := map[string]string{}
	for _, s := range ScopeNames() {
		k := scopeKey(s)
		if other, ok := seen[k]; ok {
			t.Errorf("%q and %q share the key %q", s, other, k)
		}
		seen[k] = s
	}
}

func TestCheckScopeNames(t *testing.T) {
	tests := []struct {
		name   string
		field  string
		scopes []string
		wants  []want
	}{
		{name: "all good", field: "scopes",
			scopes: []string{"offline_access", "users:read:admin", "uploads:write:admin"}},
		{name: "nil", field: "scopes"},
		{name: "plural slip", field: "scopes",
			scopes: []string{"offline_access", "contacts:read:admin"},
			wants: []want{{field: "scopes", element: "contacts:read:admin",
				summary: "Unknown Lever Scope", detail: []string{
					`"contacts:read:admin" is not one of Lever's 52 published scopes.`,
					`Did you mean "contact:read:admin"?`,
					"lever_environment data source lists every scope",
				}}}},
		{name: "other field name", field: "default_scopes",
			scopes: []string{"opportunities:read"},
			wants: []want{{field: "default_scopes", element: "opportunities:read",
				summary: "Unknown Lever Scope",
				detail:  []string{`Did you mean "opportunities:read:admin"?`}}}},
		{name: "no suggestion", field: "scopes", scopes: []string{"xyz"},
			wants: []want{{field: "scopes", element: "xyz", summary: "Unknown Lever Scope",
				detail: []string{`"xyz"`, "Remove it, or replace it"}}}},
		{name: "unpublished write", field: "scopes", scopes: []string{"offers:write:admin"},
			wants: []want{{field: "scopes", element: "offers:write:admin",
				summary: "Unknown Lever Scope",
				detail:  []string{`Lever publishes only "offers:read:admin".`}}}},
		{name: "retired candidates", field: "scopes", scopes: []string{"candidates:read:admin"},
			wants: []want{{field: "scopes", element: "candidates:read:admin",
				summary: "Unknown Lever Scope", detail: []string{
					`Did you mean "opportunities:read:admin"?`,
					"replaced the candidates endpoints with opportunities",
				}}}},
		{name: "one error per bad entry", field: "scopes",
			scopes: []string{"a", "b", "a", "users:read:admin"},
			wants: []want{
				{field: "scopes", element: "a", summary: "Unknown Lever Scope"},
				{field: "scopes", element: "b", summary: "Unknown Lever Scope"},
			}},
		{name: "empty entry", field: "scopes", scopes: []string{""},
			wants: []want{{field: "scopes", element: "", summary: "Unknown Lever Scope",
				detail: []string{`"" is not one of`}}}},
		// Look-alikes: the suggestion would look the same as the name, so the detail
		// escapes the name and points at the first character beyond ASCII.
		{name: "Cyrillic a", field: "scopes", scopes: []string{"users:re\u0430d:admin"},
			wants: []want{{field: "scopes", element: "users:re\u0430d:admin",
				summary: "Unknown Lever Scope", detail: []string{
					`"users:re\u0430d:admin" is not one of`,
					"U+0430 at position 9", "plain ASCII",
					`Did you mean "users:read:admin"?`,
				}}}},
		{name: "fullwidth colon", field: "scopes", scopes: []string{"users\uff1aread\uff1aadmin"},
			wants: []want{{field: "scopes", element: "users\uff1aread\uff1aadmin",
				summary: "Unknown Lever Scope", detail: []string{
					"U+FF1A at position 6", "plain ASCII", `Did you mean "users:read:admin"?`,
				}}}},
		{name: "no-break space", field: "scopes", scopes: []string{"tags:read:admin\u00a0"},
			wants: []want{{field: "scopes", element: "tags:read:admin\u00a0",
				summary: "Unknown Lever Scope",
				detail:  []string{"U+00A0 at position 16", `Did you mean "tags:read:admin"?`}}}},
		{name: "invalid UTF-8", field: "scopes", scopes: []string{"tags:read:admin\xff"},
			wants: []want{{field: "scopes", element: "tags:read:admin\xff",
				summary: "Unknown Lever Scope",
				detail:  []string{"not valid UTF-8 at position 16", "plain ASCII"}}}},
		{name: "ten unknown are all listed", field: "scopes", scopes: unknownNames("x", 10),
			wants: unknownWants("scopes", "Unknown Lever Scope", unknownNames("x", 10))},
		{name: "eleventh unknown is counted", field: "scopes",
			scopes: append(unknownNames("x", 11), "offline_access"),
			wants: append(unknownWants("scopes", "Unknown Lever Scope", unknownNames("x", 10)),
				errorOn("scopes", "More Unknown Lever Scopes", "Besides the 10 entries",
					"1 more entry in scopes is not one of Lever's 52")),
		},
		{name: "duplicates count once", field: "default_scopes",
			scopes: append(unknownNames("x", 12), unknownNames("x", 12)...),
			wants: append(unknownWants("default_scopes", "Unknown Lever Scope",
				unknownNames("x", 10)), errorOn("default_scopes", "More Unknown Lever Scopes",
				"2 more entries in default_scopes are not")),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckScopeNames(tt.field, tt.scopes), tt.wants...)
		})
	}
}

// unknownNames returns n distinct names that are neither scopes nor actions.
func unknownNames(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d:nothing:admin", prefix, i)
	}
	return out
}

// unknownWants expects one error about each name.
func unknownWants(field, summary string, names []string) []want {
	ws := make([]want, len(names))
	for i, n := range names {
		ws[i] = want{field: field, element: n, summary: summary}
	}
	return ws
}

// TestCheckScopesBounded: a huge list of unknown entries yields a bounded report,
// not one problem, and one suggestion search, per entry.
func TestCheckScopesBounded(t *testing.T) {
	bad := unknownNames("scope-", 20000)
	for name, check := range map[string]func([]string) []Problem{
		"CheckScopeNames":     func(s []string) []Problem { return CheckScopeNames("scopes", s) },
		"CheckProfileScopes":  CheckProfileScopes,
		"CheckScopeSetScopes": CheckScopeSetScopes,
	} {
		t.Run(name, func(t *testing.T) {
			ps := check(bad)
			if len(ps) > maxUnknownReported+4 {
				t.Fatalf("%d problems for 20,000 unknown entries", len(ps))
			}
			size := 0
			for _, p := range ps {
				size += len(p.Error())
			}
			if size > 10000 {
				t.Errorf("%d bytes of messages for 20,000 unknown entries", size)
			}
			last := ps[maxUnknownReported]
			if last.Element != "" || last.Summary != "More Unknown Lever Scopes" ||
				!strings.Contains(last.Detail, "19990 more entries") {
				t.Errorf("summary problem = %+v", last)
			}
		})
	}
}

func BenchmarkCheckProfileScopes(b *testing.B) {
	for _, n := range []int{2000, 20000, 200000} {
		bad := unknownNames("scope-", n)
		b.Run(fmt.Sprintf("bad=%d", n), func(b *testing.B) {
			for b.Loop() {
				CheckProfileScopes(bad)
			}
		})
	}
}

// nScopes returns n distinct catalogue scopes that include the required ones and
// no read scope beside its write scope.
func nScopes(t *testing.T, n int) []string {
	t.Helper()
	out := RequiredScopes()
	for _, s := range ScopeNames() {
		if len(out) == n {
			break
		}
		if sc, _ := LookupScope(s); sc.Access == AccessRead && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) != n {
		t.Fatalf("could not build %d scopes", n)
	}
	return out
}

func TestCheckProfileScopes(t *testing.T) {
	missing := func(scope string, detail ...string) want {
		return errorOn("scopes", "Missing Required Scope",
			append([]string{`do not include "` + scope + `"`}, detail...)...)
	}
	tests := []struct {
		name   string
		scopes []string
		wants  []want
	}{
		{name: "minimum", scopes: []string{"offline_access", "users:read:admin"}},
		{name: "write covers users:read:admin",
			scopes: []string{"offline_access", "users:write:admin"}},
		{name: "20 entries", scopes: nScopes(t, 20)},
		{name: "21 entries", scopes: nScopes(t, 21),
			wants: []want{errorOn("scopes", "Too Many Scopes", "21 entries", "at most 20",
				"offline_access included", "Remove 1 scope.")}},
		{name: "empty", scopes: []string{},
			wants: []want{errorOn("scopes", "Empty Scope List",
				"Omit the scopes attribute to use the environment's default scopes")}},
		{name: "missing offline_access",
			scopes: []string{"users:read:admin", "notes:read:admin"},
			wants:  []want{missing("offline_access", "refresh token", "omit scopes")}},
		{name: "missing users:read:admin",
			scopes: []string{"offline_access", "notes:read:admin"},
			wants: []want{missing("users:read:admin",
				`or "users:write:admin", which includes it`)}},
		{name: "missing both", scopes: []string{"notes:read:admin"},
			wants: []want{missing("offline_access"), missing("users:read:admin")}},
		{name: "read beside write is a warning",
			scopes: []string{"offline_access", "users:read:admin", "users:write:admin"},
			wants: []want{{field: "scopes", element: "users:read:admin",
				severity: SeverityWarning, summary: "Redundant Read Scope",
				detail: []string{`already included in "users:write:admin"`,
					`Remove "users:read:admin"`}}}},
		{name: "unknown and missing",
			scopes: []string{"Offline_Access", "users:read:admin"},
			wants: []want{
				{field: "scopes", element: "Offline_Access", summary: "Unknown Lever Scope",
					detail: []string{`Did you mean "offline_access"?`}},
				missing("offline_access"),
			}},
		{name: "too many counts offline_access and duplicates",
			scopes: append(nScopes(t, 20), "offline_access"),
			wants:  []want{errorOn("scopes", "Too Many Scopes", "21 entries")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := CheckProfileScopes(tt.scopes)
			assertProblems(t, ps, tt.wants...)
			wantErr := slices.ContainsFunc(tt.wants, func(w want) bool {
				return w.severity == SeverityError
			})
			if HasErrors(ps) != wantErr {
				t.Errorf("HasErrors = %v, want %v", HasErrors(ps), wantErr)
			}
		})
	}
}

func TestCheckScopeSetScopes(t *testing.T) {
	tests := []struct {
		name   string
		scopes []string
		wants  []want
	}{
		{name: "one", scopes: []string{"notes:read:admin"}},
		{name: "no required scopes needed", scopes: []string{"interviews:write:admin"}},
		{name: "read beside write allowed",
			scopes: []string{"users:read:admin", "users:write:admin"}},
		{name: "20", scopes: nScopes(t, 20)},
		{name: "21", scopes: nScopes(t, 21),
			wants: []want{errorOn("scopes", "Too Many Scopes", "21 entries")}},
		{name: "empty", scopes: []string{},
			wants: []want{errorOn("scopes", "Empty Scope List", "1 to 20")}},
		{name: "nil", scopes: nil,
			wants: []want{errorOn("scopes", "Empty Scope List")}},
		{name: "unknown", scopes: []string{"notes:read"},
			wants: []want{{field: "scopes", element: "notes:read",
				summary: "Unknown Lever Scope",
				detail:  []string{`Did you mean "notes:read:admin"?`}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckScopeSetScopes(tt.scopes), tt.wants...)
		})
	}
}

func FuzzSuggestScope(f *testing.F) {
	for _, s := range []string{
		"", "xyz", "Users:Read:Admin", "contacts:read:admin", "opportunities:read",
		" tags:read:admin ", "offline-access", "candidates:read:admin", ":::", "ies:read",
		"é:read:admin", "\xff\xfe", strings.Repeat("a:", 70), "users:re\u0430d:admin",
		"users\uff1aread\uff1aadmin", "\ufdfa:read:admin", strings.Repeat("\ufdfa", 64),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		hint := SuggestScope(name)
		if hint != "" && !IsScope(hint) {
			t.Fatalf("SuggestScope(%q) = %q, not a catalogue scope", name, hint)
		}
		if IsScope(name) && hint != name {
			t.Fatalf("SuggestScope(%q) = %q for a catalogue scope", name, hint)
		}
		if a := SuggestAction(name); a != "" {
			if _, ok := LookupAction(a); !ok {
				t.Fatalf("SuggestAction(%q) = %q, not a catalogue action", name, a)
			}
		}
		ps := CheckScopeNames("scopes", []string{name, "offline_access"})
		if IsScope(name) != (len(ps) == 0) {
			t.Fatalf("CheckScopeNames(%q) = %v", name, ps)
		}
		for _, p := range ps {
			if p.Element != name || p.Severity != SeverityError {
				t.Fatalf("problem %+v is not about %q", p, name)
			}
			if hint != "" && !strings.Contains(p.Detail, fmt.Sprintf("%q", hint)) {
				t.Fatalf("detail %q omits the suggestion %q", p.Detail, hint)
			}
		}
	})
}

// TestSuggestInputBound keeps maxSuggestInput above every name it must correct.
func TestSuggestInputBound(t *testing.T) {
	for _, n := range append(ScopeNames(), ActionNames()...) {
		if len(n)+8 > maxSuggestInput {
			t.Errorf("%q is too long for maxSuggestInput %d", n, maxSuggestInput)
		}
	}
}
