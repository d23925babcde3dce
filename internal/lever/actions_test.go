// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestActionCatalogue(t *testing.T) {
	nameRE := regexp.MustCompile(`^[a-z]+(_[a-z]+)+$`)
	actions := Actions()
	if n := len(actions); n < 50 || n > 100 {
		t.Errorf("%d actions; the catalogue should cover Lever's operations in 50-100", n)
	}
	byName := func(a, b Action) int { return strings.Compare(a.Name, b.Name) }
	if !slices.IsSortedFunc(actions, byName) {
		t.Error("Actions() is not sorted by name")
	}
	names := ActionNames()
	if len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Error("action names are not unique")
	}
	for i, a := range actions {
		if names[i] != a.Name {
			t.Errorf("ActionNames()[%d] = %q, Actions()[%d].Name = %q", i, names[i], i, a.Name)
		}
		if !nameRE.MatchString(a.Name) {
			t.Errorf("%q does not match %s", a.Name, nameRE)
		}
		verb, resource, _ := strings.Cut(a.Name, "_")
		if !slices.Contains(ActionVerbs(), verb) {
			t.Errorf("%q starts with %q, not one of %q", a.Name, verb, ActionVerbs())
		}
		if resource == "" {
			t.Errorf("%q names no resource", a.Name)
		}
		if !strings.HasSuffix(a.Description, ".") || len(a.Description) < 10 {
			t.Errorf("%s: description %q is not a sentence", a.Name, a.Description)
		}
		if len(a.Scopes) == 0 || !slices.IsSorted(a.Scopes) {
			t.Errorf("%s: scopes %q empty or unsorted", a.Name, a.Scopes)
		}
		for _, s := range a.Scopes {
			if !IsScope(s) {
				t.Errorf("%s needs %q, which is not a catalogue scope", a.Name, s)
			}
		}
		// A reading verb needs no write scope; a writing verb needs one.
		reads := verb == "list" || verb == "get"
		for _, s := range a.Scopes {
			sc, _ := LookupScope(s)
			if reads && sc.Access == AccessWrite {
				t.Errorf("%s reads but needs the write scope %q", a.Name, s)
			}
			if !reads && sc.Access == AccessRead {
				t.Errorf("%s writes but needs only the read scope %q", a.Name, s)
			}
		}
		if got, ok := LookupAction(a.Name); !ok || got.Name != a.Name ||
			!slices.Equal(got.Scopes, a.Scopes) {
			t.Errorf("LookupAction(%q) = %+v, %v", a.Name, got, ok)
		}
	}
}

// TestActionCoverage pins the resources the catalogue must cover and the scope of a
// few representative actions.
func TestActionCoverage(t *testing.T) {
	want := map[string][]string{
		"list_opportunities":       {"opportunities:read:admin"},
		"create_opportunity":       {"opportunities:write:admin"},
		"archive_opportunity":      {"opportunities:write:admin"},
		"add_opportunity_tags":     {"opportunities:write:admin"},
		"remove_opportunity_tags":  {"opportunities:write:admin"},
		"add_opportunity_links":    {"opportunities:write:admin"},
		"list_postings":            {"postings:read:admin"},
		"list_users":               {"users:read:admin"},
		"deactivate_user":          {"users:write:admin"},
		"reactivate_user":          {"users:write:admin"},
		"list_stages":              {"stages:read:admin"},
		"list_archive_reasons":     {"archive_reasons:read:admin"},
		"list_sources":             {"sources:read:admin"},
		"list_tags":                {"tags:read:admin"},
		"list_applications":        {"applications:read:admin"},
		"create_interview":         {"interviews:write:admin"},
		"list_panels":              {"panels:read:admin"},
		"list_feedback":            {"feedback:read:admin"},
		"list_feedback_templates":  {"feedback_templates:read:admin"},
		"create_note":              {"notes:write:admin"},
		"list_offers":              {"offers:read:admin"},
		"list_requisitions":        {"requisitions:read:admin"},
		"list_requisition_fields":  {"requisition_fields:read:admin"},
		"list_resumes":             {"resumes:read:admin"},
		"upload_file":              {"files:write:admin"},
		"get_contact":              {"contact:read:admin"},
		"list_referrals":           {"referrals:read:admin"},
		"list_audit_events":        {"audit_events:read:admin"},
		"create_webhook":           {"webhooks:write:admin"},
		"list_forms":               {"forms:read:admin"},
		"list_form_templates":      {"form_templates:read:admin"},
		"list_diversity_surveys":   {"diversity_surveys:read:admin"},
		"list_eeo_responses":       {"eeo_responses:read:admin"},
		"list_eeo_responses_pii":   {"eeo_responses_pii:read:admin"},
		"create_upload":            {"uploads:write:admin"},
		"update_opportunity_stage": {"opportunities:write:admin"},
	}
	for name, scopes := range want {
		a, ok := LookupAction(name)
		if !ok {
			t.Errorf("action %q missing", name)
			continue
		}
		if !slices.Equal(a.Scopes, scopes) {
			t.Errorf("%s scopes = %q, want %q", name, a.Scopes, scopes)
		}
	}
}

func TestActionsAreCopies(t *testing.T) {
	Actions()[0].Scopes[0] = "changed"
	a, _ := LookupAction("list_opportunities")
	a.Scopes[0] = "changed"
	ActionVerbs()[0] = "changed"
	for _, a := range Actions() {
		if !IsScope(a.Scopes[0]) {
			t.Fatalf("package state changed: %s needs %q", a.Name, a.Scopes[0])
		}
	}
	if ActionVerbs()[0] != "add" {
		t.Error("package state changed through ActionVerbs")
	}
}

func TestLookupAction(t *testing.T) {
	for name, want := range map[string]bool{
		"list_opportunities":  true,
		"List_Opportunities":  false,
		" list_opportunities": false,
		"list-opportunities":  false,
		"":                    false,
	} {
		a, ok := LookupAction(name)
		if ok != want {
			t.Errorf("LookupAction(%q) ok = %v, want %v", name, ok, want)
		}
		if !ok && a.Name != "" {
			t.Errorf("LookupAction(%q) = %+v, want zero", name, a)
		}
	}
}

func TestSuggestAction(t *testing.T) {
	tests := []struct{ in, want string }{
		{"list_oportunities", "list_opportunities"},
		{"List_Opportunities", "list_opportunities"},
		{"list-opportunities", "list_opportunities"},
		{" create interview ", "create_interview"},
		{"list_opportunity", "list_opportunities"},
		{"get_users", "get_user"},
		{"list_user", "list_users"},
		{"list_candidates", ""},
		{"xyz", ""},
		{"", ""},
		{"delete_everything", ""},
		{"list_\u043epportunities", "list_opportunities"},
		{"\uff4c\uff49\uff53\uff54\uff3f\uff55\uff53\uff45\uff52\uff53", "list_users"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := SuggestAction(tt.in); got != tt.want {
				t.Errorf("SuggestAction(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCheckActions(t *testing.T) {
	needs := func(action string, detail ...string) want {
		return want{field: "actions", element: action, summary: "Action Needs Missing Scope",
			detail: detail}
	}
	tests := []struct {
		name    string
		actions []string
		scopes  []string
		wants   []want
	}{
		{name: "none", scopes: []string{"offline_access"}},
		{name: "covered by defaults", actions: []string{"list_opportunities", "list_offers"}},
		{name: "covered by read", actions: []string{"list_notes"},
			scopes: []string{"notes:read:admin"}},
		{name: "covered by write", actions: []string{"list_notes", "create_note"},
			scopes: []string{"notes:write:admin"}},
		{name: "unknown with suggestion", actions: []string{"list_oportunities"},
			wants: []want{{field: "actions", element: "list_oportunities",
				summary: "Unknown Lever Action",
				detail: []string{`"list_oportunities" is not one of`,
					`Did you mean "list_opportunities"?`}}}},
		{name: "unknown without suggestion", actions: []string{"xyz"},
			wants: []want{{field: "actions", element: "xyz", summary: "Unknown Lever Action",
				detail: []string{`"xyz"`, "data source lists every action"}}}},
		{name: "uncovered write", actions: []string{"create_interview"},
			scopes: []string{"offline_access", "interviews:read:admin"},
			wants: []want{needs("create_interview", `"create_interview"`,
				`"interviews:write:admin"`, "the profile's scopes do not grant",
				`Add "interviews:write:admin" to scopes`,
				`or remove "create_interview" from actions`)}},
		{name: "uncovered read names the write alternative", actions: []string{"list_notes"},
			scopes: []string{"offline_access"},
			wants: []want{needs("list_notes", `"notes:read:admin" (or "notes:write:admin", `+
				"which includes it)")}},
		{name: "defaults lack write", actions: []string{"create_opportunity"},
			wants: []want{needs("create_opportunity", "default scopes",
				`"opportunities:write:admin"`, `"offline_access" and "users:read:admin"`)}},
		{name: "defaults lack audit events", actions: []string{"list_audit_events"},
			wants: []want{needs("list_audit_events", `"audit_events:read:admin"`)}},
		{name: "empty scopes are not defaults", actions: []string{"list_opportunities"},
			scopes: []string{},
			wants:  []want{needs("list_opportunities", "the profile's scopes do not grant")}},
		{name: "each problem once", actions: []string{"nope", "nope", "create_note"},
			scopes: []string{"notes:read:admin"},
			wants: []want{
				{field: "actions", element: "nope", summary: "Unknown Lever Action"},
				needs("create_note", `"notes:write:admin"`),
			}},
		{name: "look-alike letter", actions: []string{"list_\u043epportunities"},
			wants: []want{{field: "actions", element: "list_\u043epportunities",
				summary: "Unknown Lever Action", detail: []string{
					`"list_\u043epportunities" is not one of`, "U+043E at position 6",
					"plain ASCII", `Did you mean "list_opportunities"?`,
				}}}},
		{name: "ten unknown are all listed", actions: unknownNames("a", 10),
			wants: unknownWants("actions", "Unknown Lever Action", unknownNames("a", 10))},
		{name: "more unknown are counted, coverage still checked",
			actions: append(append(unknownNames("a", 13), "create_note"), unknownNames("a", 13)...),
			scopes:  []string{"notes:read:admin"},
			wants: append(unknownWants("actions", "Unknown Lever Action", unknownNames("a", 10)),
				needs("create_note", `"notes:write:admin"`),
				errorOn("actions", "More Unknown Lever Actions", "Besides the 10 entries",
					"3 more entries in actions are not")),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckActions(tt.actions, tt.scopes), tt.wants...)
		})
	}
}

func TestCheckActionNames(t *testing.T) {
	tests := []struct {
		name    string
		actions []string
		wants   []want
	}{
		{name: "none"},
		{name: "known, whatever the scopes", actions: []string{"create_opportunity"}},
		{name: "unknown", actions: []string{"list_oportunities"},
			wants: []want{{field: "actions", element: "list_oportunities",
				summary: "Unknown Lever Action",
				detail:  []string{`Did you mean "list_opportunities"?`}}}},
		{name: "eleven unknown", actions: append(unknownNames("a", 11), "list_users"),
			wants: append(unknownWants("actions", "Unknown Lever Action", unknownNames("a", 10)),
				errorOn("actions", "More Unknown Lever Actions", "1 more entry in actions is")),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckActionNames(tt.actions), tt.wants...)
		})
	}
}

func TestCheckActionsBounded(t *testing.T) {
	bad := unknownNames("action-", 20000)
	for name, ps := range map[string][]Problem{
		"CheckActionNames": CheckActionNames(bad),
		"CheckActions":     CheckActions(bad, nil),
	} {
		if len(ps) != maxUnknownReported+1 {
			t.Errorf("%s: %d problems for 20,000 unknown actions", name, len(ps))
		}
	}
}

func BenchmarkCheckActions(b *testing.B) {
	bad := unknownNames("action-", 20000)
	scopes := unknownNames("scope-", 20000)
	for b.Loop() {
		CheckActions(bad, scopes)
	}
}

// TestEveryActionEnablable makes sure no action needs a scope combination the
// MaxScopes limit or the catalogue rules out.
func TestEveryActionEnablable(t *testing.T) {
	for _, a := range Actions() {
		scopes := append(RequiredScopes(), a.Scopes...)
		if ps := CheckProfileScopes(scopes); HasErrors(ps) {
			t.Errorf("%s: its own scopes fail the profile check: %v", a.Name, ps)
		}
		if ps := CheckActions([]string{a.Name}, scopes); len(ps) != 0 {
			t.Errorf("%s: not covered by its own scopes: %v", a.Name, ps)
		}
	}
}

// TestActionKeysUnique guards SuggestAction: two actions with one key would make a
// slip ambiguous.
func TestActionKeysUnique(t *testing.T) {
	seen := map[string]string{}
	for _, a := range ActionNames() {
		k := actionKey(a)
		if other, ok := seen[k]; ok {
			t.Errorf("%q and %q share the key %q", a, other, k)
		}
		seen[k] = a
	}
}
