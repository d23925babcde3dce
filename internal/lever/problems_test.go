// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// want describes one expected problem. Detail fragments must all appear in the
// problem's Detail, so a test pins the message's substance without its exact words.
type want struct {
	field    string
	element  string
	severity Severity
	summary  string
	detail   []string
}

func (w want) key() string {
	return fmt.Sprintf("%s[%s] %s %q", w.field, w.element, w.severity, w.summary)
}

func problemKey(p Problem) string {
	return want{field: p.Field, element: p.Element, severity: p.Severity,
		summary: p.Summary}.key()
}

// assertProblems fails unless ps holds exactly the wanted problems, in any order.
func assertProblems(t *testing.T, ps []Problem, wants ...want) {
	t.Helper()
	got := make([]string, len(ps))
	for i, p := range ps {
		got[i] = problemKey(p)
	}
	exp := make([]string, len(wants))
	for i, w := range wants {
		exp[i] = w.key()
	}
	slices.Sort(got)
	slices.Sort(exp)
	if !slices.Equal(got, exp) {
		t.Fatalf("problems:\n got  %q\n want %q\nfull: %+v", got, exp, ps)
	}
	for _, p := range ps {
		assertWellFormed(t, p)
	}
	// Several problems can share a key (two missing scopes), so a want is met by any
	// one of them whose detail holds every fragment.
	for _, w := range wants {
		met := false
		var details []string
		for _, p := range ps {
			if problemKey(p) == w.key() {
				details = append(details, p.Detail)
				met = met || containsAll(p.Detail, w.detail)
			}
		}
		if !met {
			t.Errorf("%s: no detail holds all of %q; details: %q", w.key(), w.detail, details)
		}
	}
}

func containsAll(s string, frags []string) bool {
	for _, f := range frags {
		if !strings.Contains(s, f) {
			return false
		}
	}
	return true
}

// assertWellFormed checks the shape every problem must have, whatever it is about.
func assertWellFormed(t *testing.T, p Problem) {
	t.Helper()
	if p.Summary == "" || p.Detail == "" || p.Field == "" {
		t.Errorf("incomplete problem %+v", p)
	}
	for _, w := range strings.Fields(p.Summary) {
		if r := []rune(w)[0]; strings.ToUpper(string(r)) != string(r) {
			t.Errorf("summary %q is not Title Case", p.Summary)
		}
	}
	if !strings.HasSuffix(p.Detail, ".") {
		t.Errorf("detail %q does not end with a full stop", p.Detail)
	}
}

func errorOn(field, summary string, detail ...string) want {
	return want{field: field, severity: SeverityError, summary: summary, detail: detail}
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{
			name: "field",
			p:    Problem{Field: "name", Detail: "The name is empty."},
			want: "name: The name is empty.",
		},
		{
			name: "element",
			p:    Problem{Field: "scopes", Element: "x", Detail: "Bad."},
			want: `scopes["x"]: Bad.`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHasErrors(t *testing.T) {
	tests := []struct {
		name string
		ps   []Problem
		want bool
	}{
		{"nil", nil, false},
		{"warning only", []Problem{{Severity: SeverityWarning}}, false},
		{"error", []Problem{{Severity: SeverityWarning}, {Severity: SeverityError}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HasErrors(tt.ps); got != tt.want {
				t.Errorf("HasErrors = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSeverityString(t *testing.T) {
	for s, want := range map[Severity]string{
		SeverityError: "error", SeverityWarning: "warning", Severity(7): "Severity(7)",
	} {
		if got := s.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(s), got, want)
		}
	}
}

func TestQuoteList(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"a"}, `"a"`},
		{[]string{"a", "b"}, `"a" and "b"`},
		{[]string{"a", "b", "c"}, `"a", "b" and "c"`},
	}
	for _, tt := range tests {
		if got := quoteList(tt.in); got != tt.want {
			t.Errorf("quoteList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
