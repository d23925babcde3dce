// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// Action is a Lever Data API operation that a connector profile can enable.
//
// Names follow one scheme, verb_resource: list_<plural>, get_<singular>,
// create_<singular>, update_<singular>, delete_<singular>, and Lever's own verbs where
// it has them (archive_opportunity, add_opportunity_tags, deactivate_user, ...).
type Action struct {
	// Name is the action as configuration spells it, e.g. "list_opportunities".
	Name string
	// Description is one short sentence for documentation.
	Description string
	// Scopes lists, sorted, every scope the operation needs. A write scope that
	// includes a listed read scope also satisfies it.
	Scopes []string
}

// actionVerbs is the fixed list of verbs that keeps action names one scheme.
var actionVerbs = []string{
	"add", "archive", "create", "deactivate", "delete", "get", "list", "reactivate",
	"remove", "update", "upload",
}

// ActionVerbs returns the verbs an action name may start with, sorted.
func ActionVerbs() []string {
	return slices.Clone(actionVerbs)
}

// Scope names used by the action table, so a typo there fails to compile rather than
// producing an action that no profile could ever enable.
const (
	scopeApplicationsRead      = "applications:read:admin"
	scopeArchiveReasonsRead    = "archive_reasons:read:admin"
	scopeAuditEventsRead       = "audit_events:read:admin"
	scopeContactRead           = "contact:read:admin"
	scopeContactWrite          = "contact:write:admin"
	scopeDiversitySurveysRead  = "diversity_surveys:read:admin"
	scopeEEOResponsesRead      = "eeo_responses:read:admin"
	scopeEEOResponsesPIIRead   = "eeo_responses_pii:read:admin"
	scopeFeedbackRead          = "feedback:read:admin"
	scopeFeedbackWrite         = "feedback:write:admin"
	scopeFeedbackTemplatesRead = "feedback_templates:read:admin"
	scopeFilesRead             = "files:read:admin"
	scopeFilesWrite            = "files:write:admin"
	scopeFormsRead             = "forms:read:admin"
	scopeFormsWrite            = "forms:write:admin"
	scopeFormTemplatesRead     = "form_templates:read:admin"
	scopeInterviewsRead        = "interviews:read:admin"
	scopeInterviewsWrite       = "interviews:write:admin"
	scopeNotesRead             = "notes:read:admin"
	scopeNotesWrite            = "notes:write:admin"
	scopeOffersRead            = "offers:read:admin"
	scopeOpportunitiesRead     = "opportunities:read:admin"
	scopeOpportunitiesWrite    = "opportunities:write:admin"
	scopePanelsRead            = "panels:read:admin"
	scopePanelsWrite           = "panels:write:admin"
	scopePostingsRead          = "postings:read:admin"
	scopePostingsWrite         = "postings:write:admin"
	scopeReferralsRead         = "referrals:read:admin"
	scopeRequisitionsRead      = "requisitions:read:admin"
	scopeRequisitionsWrite     = "requisitions:write:admin"
	scopeReqFieldsRead         = "requisition_fields:read:admin"
	scopeResumesRead           = "resumes:read:admin"
	scopeSourcesRead           = "sources:read:admin"
	scopeStagesRead            = "stages:read:admin"
	scopeTagsRead              = "tags:read:admin"
	scopeUploadsWrite          = "uploads:write:admin"
	scopeUsersRead             = "users:read:admin"
	scopeUsersWrite            = "users:write:admin"
	scopeWebhooksRead          = "webhooks:read:admin"
	scopeWebhooksWrite         = "webhooks:write:admin"
)

// actionCatalogue is built from the operations in Lever's Data API reference. Each
// action carries the scope Lever's reference names for its endpoint. Sorted by name.
//
// Writes to account configuration (feedback and form templates, requisition field
// definitions) are left out: they belong to the admin's own setup, not to an
// integration acting on hiring data, and leaving them out keeps the list readable.
var actionCatalogue = buildActionCatalogue()

// actionIndex finds a catalogue action by exact name.
var actionIndex = func() map[string]Action {
	m := make(map[string]Action, len(actionCatalogue))
	for _, a := range actionCatalogue {
		m[a.Name] = a
	}
	return m
}()

func buildActionCatalogue() []Action {
	out := []Action{
		// Opportunities: the candidacies at the centre of Lever's data model.
		{"list_opportunities", "List opportunities (candidacies) in the account.",
			[]string{scopeOpportunitiesRead}},
		{"get_opportunity", "Retrieve one opportunity.", []string{scopeOpportunitiesRead}},
		{"create_opportunity", "Create an opportunity for a new or existing candidate.",
			[]string{scopeOpportunitiesWrite}},
		{"update_opportunity_stage", "Move an opportunity to another pipeline stage.",
			[]string{scopeOpportunitiesWrite}},
		{"archive_opportunity", "Archive an opportunity with a reason, or restore it.",
			[]string{scopeOpportunitiesWrite}},
		{"add_opportunity_tags", "Add tags to an opportunity.",
			[]string{scopeOpportunitiesWrite}},
		{"remove_opportunity_tags", "Remove tags from an opportunity.",
			[]string{scopeOpportunitiesWrite}},
		{"add_opportunity_links", "Add links to an opportunity's contact.",
			[]string{scopeOpportunitiesWrite}},
		{"remove_opportunity_links", "Remove links from an opportunity's contact.",
			[]string{scopeOpportunitiesWrite}},

		// Postings: the jobs candidates apply to.
		{"list_postings", "List job postings.", []string{scopePostingsRead}},
		{"get_posting", "Retrieve one job posting.", []string{scopePostingsRead}},
		{"create_posting", "Create a job posting.", []string{scopePostingsWrite}},
		{"update_posting", "Update a job posting.", []string{scopePostingsWrite}},

		// Users of the Lever account.
		{"list_users", "List the account's users.", []string{scopeUsersRead}},
		{"get_user", "Retrieve one user.", []string{scopeUsersRead}},
		{"create_user", "Create a user.", []string{scopeUsersWrite}},
		{"update_user", "Update a user's details or access role.", []string{scopeUsersWrite}},
		{"deactivate_user", "Deactivate a user so they can no longer sign in.",
			[]string{scopeUsersWrite}},
		{"reactivate_user", "Reactivate a deactivated user.", []string{scopeUsersWrite}},

		// Account configuration read by most integrations.
		{"list_stages", "List the pipeline stages.", []string{scopeStagesRead}},
		{"get_stage", "Retrieve one pipeline stage.", []string{scopeStagesRead}},
		{"list_archive_reasons", "List the reasons an opportunity can be archived with.",
			[]string{scopeArchiveReasonsRead}},
		{"get_archive_reason", "Retrieve one archive reason.", []string{scopeArchiveReasonsRead}},
		{"list_sources", "List the candidate sources in use.", []string{scopeSourcesRead}},
		{"list_tags", "List the tags in use.", []string{scopeTagsRead}},

		// Applications: an opportunity's link to a posting.
		{"list_applications", "List an opportunity's applications.",
			[]string{scopeApplicationsRead}},
		{"get_application", "Retrieve one application.", []string{scopeApplicationsRead}},

		// Interviews and the panels that group them.
		{"list_interviews", "List an opportunity's interviews.", []string{scopeInterviewsRead}},
		{"get_interview", "Retrieve one interview.", []string{scopeInterviewsRead}},
		{"create_interview", "Schedule an interview.", []string{scopeInterviewsWrite}},
		{"update_interview", "Update an interview.", []string{scopeInterviewsWrite}},
		{"delete_interview", "Delete an interview.", []string{scopeInterviewsWrite}},
		{"list_panels", "List an opportunity's interview panels.", []string{scopePanelsRead}},
		{"get_panel", "Retrieve one interview panel.", []string{scopePanelsRead}},
		{"create_panel", "Create an interview panel.", []string{scopePanelsWrite}},
		{"update_panel", "Update an interview panel.", []string{scopePanelsWrite}},
		{"delete_panel", "Delete an interview panel.", []string{scopePanelsWrite}},

		// Feedback and its templates.
		{"list_feedback", "List an opportunity's interview feedback.",
			[]string{scopeFeedbackRead}},
		{"get_feedback", "Retrieve one feedback form.", []string{scopeFeedbackRead}},
		{"create_feedback", "Submit interview feedback.", []string{scopeFeedbackWrite}},
		{"update_feedback", "Update submitted feedback.", []string{scopeFeedbackWrite}},
		{"delete_feedback", "Delete submitted feedback.", []string{scopeFeedbackWrite}},
		{"list_feedback_templates", "List feedback templates.",
			[]string{scopeFeedbackTemplatesRead}},
		{"get_feedback_template", "Retrieve one feedback template.",
			[]string{scopeFeedbackTemplatesRead}},

		// Notes on an opportunity.
		{"list_notes", "List an opportunity's notes.", []string{scopeNotesRead}},
		{"get_note", "Retrieve one note.", []string{scopeNotesRead}},
		{"create_note", "Add a note to an opportunity.", []string{scopeNotesWrite}},
		{"delete_note", "Delete a note.", []string{scopeNotesWrite}},

		// Offers are read-only in the Data API.
		{"list_offers", "List an opportunity's offers.", []string{scopeOffersRead}},

		// Requisitions and the custom fields they carry.
		{"list_requisitions", "List requisitions.", []string{scopeRequisitionsRead}},
		{"get_requisition", "Retrieve one requisition.", []string{scopeRequisitionsRead}},
		{"create_requisition", "Create a requisition.", []string{scopeRequisitionsWrite}},
		{"update_requisition", "Update a requisition.", []string{scopeRequisitionsWrite}},
		{"delete_requisition", "Delete a requisition.", []string{scopeRequisitionsWrite}},
		{"list_requisition_fields", "List the custom requisition fields.",
			[]string{scopeReqFieldsRead}},
		{"get_requisition_field", "Retrieve one requisition field.",
			[]string{scopeReqFieldsRead}},

		// Documents: resumes, files and uploads.
		{"list_resumes", "List an opportunity's resumes.", []string{scopeResumesRead}},
		{"get_resume", "Retrieve one resume and its parsed data.", []string{scopeResumesRead}},
		{"list_files", "List the files attached to an opportunity.", []string{scopeFilesRead}},
		{"get_file", "Retrieve one attached file.", []string{scopeFilesRead}},
		{"upload_file", "Attach a file to an opportunity.", []string{scopeFilesWrite}},
		{"delete_file", "Delete an attached file.", []string{scopeFilesWrite}},
		{"create_upload", "Upload a file for use in a later request.",
			[]string{scopeUploadsWrite}},

		// The candidate behind opportunities.
		{"get_contact", "Retrieve a candidate's contact details.", []string{scopeContactRead}},
		{"update_contact", "Update a candidate's contact details.",
			[]string{scopeContactWrite}},

		{"list_referrals", "List an opportunity's referrals.", []string{scopeReferralsRead}},
		{"get_referral", "Retrieve one referral.", []string{scopeReferralsRead}},

		{"list_audit_events", "List the account's audit events.",
			[]string{scopeAuditEventsRead}},

		{"list_webhooks", "List the account's webhooks.", []string{scopeWebhooksRead}},
		{"create_webhook", "Register a webhook.", []string{scopeWebhooksWrite}},
		{"update_webhook", "Update a webhook.", []string{scopeWebhooksWrite}},
		{"delete_webhook", "Delete a webhook.", []string{scopeWebhooksWrite}},

		// Profile forms filled in on an opportunity, and their templates.
		{"list_forms", "List an opportunity's profile forms.", []string{scopeFormsRead}},
		{"get_form", "Retrieve one profile form.", []string{scopeFormsRead}},
		{"create_form", "Fill in a profile form on an opportunity.", []string{scopeFormsWrite}},
		{"list_form_templates", "List profile form templates.",
			[]string{scopeFormTemplatesRead}},
		{"get_form_template", "Retrieve one profile form template.",
			[]string{scopeFormTemplatesRead}},

		// Equal-opportunity data, kept apart because it is sensitive.
		{"list_diversity_surveys", "List the diversity surveys shown to candidates.",
			[]string{scopeDiversitySurveysRead}},
		{"list_eeo_responses", "List anonymised EEO survey responses.",
			[]string{scopeEEOResponsesRead}},
		{"list_eeo_responses_pii", "List EEO survey responses with candidate details.",
			[]string{scopeEEOResponsesPIIRead}},
	}
	for i := range out {
		slices.Sort(out[i].Scopes)
	}
	slices.SortFunc(out, func(a, b Action) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// clone returns a copy of a that shares no memory with the catalogue.
func (a Action) clone() Action {
	a.Scopes = slices.Clone(a.Scopes)
	return a
}

// Actions returns the catalogue of actions, sorted by name.
func Actions() []Action {
	out := make([]Action, len(actionCatalogue))
	for i, a := range actionCatalogue {
		out[i] = a.clone()
	}
	return out
}

// ActionNames returns the names of the catalogue's actions, sorted.
func ActionNames() []string {
	names := make([]string, len(actionCatalogue))
	for i, a := range actionCatalogue {
		names[i] = a.Name
	}
	return names
}

// LookupAction returns the action with exactly this name.
func LookupAction(name string) (Action, bool) {
	a, ok := actionIndex[name]
	if !ok {
		return Action{}, false
	}
	return a.clone(), true
}

// SuggestAction returns the catalogue action nearest to a misspelt name, or "" when
// nothing is near enough to be a likely slip. It forgives case, surrounding
// whitespace, compatibility look-alikes such as fullwidth letters, hyphens or spaces
// for underscores, singular for plural and small typos.
func SuggestAction(name string) string {
	if _, ok := actionIndex[name]; ok {
		return name
	}
	if utf8.RuneCountInString(name) > maxSuggestInput {
		return ""
	}
	key := actionKey(name)
	if key == "" || utf8.RuneCountInString(key) > maxSuggestInput {
		return ""
	}
	best, bestDist := "", -1
	for _, a := range actionCatalogue {
		d := levenshtein.ComputeDistance(key, actionKey(a.Name))
		if bestDist < 0 || d < bestDist {
			best, bestDist = a.Name, d
		}
	}
	if bestDist > suggestThreshold(key) {
		return ""
	}
	return best
}

// actionKey reduces an action name to what a person is likely to get right: lower
// case, underscores, and every word singular, so that "list_opportunity" is as near
// to "list_opportunities" as the exact name.
func actionKey(name string) string {
	s := foldName(name)
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '-' || r == ' ' })
	for i, w := range words {
		words[i] = singular(w)
	}
	return strings.Join(words, "_")
}

// CheckActionNames checks action names against the catalogue alone. It serves
// when the profile's scopes are not known yet, so coverage cannot be checked. Like
// CheckScopeNames it reports at most maxUnknownReported unknown names one by one
// and counts the rest in one more problem.
func CheckActionNames(actions []string) []Problem {
	var u unknownActions
	seen := make(map[string]bool)
	for _, name := range actions {
		if _, ok := actionIndex[name]; ok || seen[name] {
			continue
		}
		seen[name] = true
		u.add(name)
	}
	return u.problems(nil)
}

// CheckActions checks a profile's enabled actions against the catalogue and against
// what its scopes grant. Scopes nil means the profile lists none and gets
// DefaultScopes. A write scope satisfies an action that needs its read scope.
// Unknown names are reported as by CheckActionNames; the work is linear in the
// lengths of both lists.
func CheckActions(actions []string, scopes []string) []Problem {
	listed := scopes
	if listed == nil {
		listed = defaultScopes
	}
	granted := expandedSet(listed)
	var u unknownActions
	var ps []Problem
	seen := make(map[string]bool)
	for _, name := range actions {
		if seen[name] {
			continue
		}
		seen[name] = true
		a, ok := actionIndex[name]
		if !ok {
			u.add(name)
			continue
		}
		var missing []string
		for _, s := range a.Scopes {
			if !granted[s] {
				missing = append(missing, s)
			}
		}
		if len(missing) > 0 {
			ps = append(ps, elementProblem(FieldActions, name, SeverityError,
				"Action Needs Missing Scope", uncoveredActionDetail(name, missing, scopes == nil)))
		}
	}
	return u.problems(ps)
}

// unknownActions collects distinct unknown action names: the first
// maxUnknownReported as problems, the rest as a count.
type unknownActions struct {
	ps   []Problem
	more int
}

func (u *unknownActions) add(name string) {
	if len(u.ps) == maxUnknownReported {
		u.more++
		return
	}
	u.ps = append(u.ps, elementProblem(FieldActions, name, SeverityError,
		"Unknown Lever Action", unknownActionDetail(name)))
}

// problems returns the unknown-action problems followed by the others given.
func (u *unknownActions) problems(others []Problem) []Problem {
	ps := append(u.ps, others...)
	if u.more > 0 {
		ps = append(ps, fieldError(FieldActions, "More Unknown Lever Actions",
			"Besides the %d entries reported one by one, %s in actions %s not one of the "+
				"%d Lever actions a profile can enable either. Correct or remove each entry "+
				"that the lever_environment data source does not list.", maxUnknownReported,
			countEntries(u.more), pluralWord(u.more, "is", "are"), len(actionCatalogue)))
	}
	return ps
}

func unknownActionDetail(name string) string {
	detail := fmt.Sprintf("%s is not one of the %d Lever actions a profile can enable.",
		quoteName(name), len(actionCatalogue)) + nonASCIINote(name, "Action")
	if hint := SuggestAction(name); hint != "" {
		detail += fmt.Sprintf(" Did you mean %q?", hint)
	}
	return detail + " Action names are verb_resource in lower case, such as " +
		"\"list_opportunities\"; the lever_environment data source lists every action."
}

func uncoveredActionDetail(action string, missing []string, defaults bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "The action %q needs %s %s, which ", action,
		pluralWord(len(missing), "scope", "scopes"), quoteList(missing))
	if defaults {
		b.WriteString("the environment's default scopes do not grant; the profile lists " +
			"no scopes, so it gets the defaults.")
	} else {
		b.WriteString("the profile's scopes do not grant.")
	}
	var adds []string
	for _, m := range missing {
		if write, ok := WriteScopeOf(m); ok {
			adds = append(adds, fmt.Sprintf("%q (or %q, which includes it)", m, write))
		} else {
			adds = append(adds, fmt.Sprintf("%q", m))
		}
	}
	if defaults {
		fmt.Fprintf(&b, " Set scopes to list %s together with %s and the other scopes the "+
			"integration needs,", strings.Join(adds, " and "), quoteList(RequiredScopes()))
	} else {
		fmt.Fprintf(&b, " Add %s to scopes,", strings.Join(adds, " and "))
	}
	fmt.Fprintf(&b, " or remove %q from actions.", action)
	return b.String()
}

// pluralWord picks the singular or plural form of a word for a count.
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
