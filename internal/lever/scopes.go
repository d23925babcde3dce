// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
	"golang.org/x/text/unicode/norm"
)

// OfflineAccess is the scope that makes Lever return a refresh token. Without it the
// integration would lose access after the first hour.
const OfflineAccess = "offline_access"

// ConfidentialAccess grants access to postings, opportunities and requisitions that
// are marked confidential.
const ConfidentialAccess = "confidential:access:admin"

// MaxScopes is the largest number of scopes Lever's registration form accepts.
const MaxScopes = 20

// Access levels a Scope can have.
const (
	// AccessRead lets a token view a resource.
	AccessRead = "read"
	// AccessWrite lets a token view and manage a resource.
	AccessWrite = "write"
	// AccessSpecial marks scopes outside the resource:access:admin scheme's read and
	// write pairs: offline_access and confidential:access:admin.
	AccessSpecial = "special"
)

// Scope is one of Lever's published OAuth scopes.
type Scope struct {
	// Name is the scope as sent to Lever, e.g. "opportunities:read:admin".
	Name string
	// Resource is the part before the first colon, e.g. "opportunities", or the whole
	// name for offline_access.
	Resource string
	// Access is AccessRead, AccessWrite or AccessSpecial.
	Access string
	// Description is one short sentence for documentation.
	Description string
}

// scopeResource describes one resource of the catalogue: the noun used in
// descriptions and which access levels Lever publishes for it.
type scopeResource struct {
	name  string
	noun  string
	read  bool
	write bool
}

// scopeResources is Lever's published list (52 scopes, fact sheet section 2) by
// resource. Adding or removing a scope happens here and nowhere else.
var scopeResources = []scopeResource{
	{name: "applications", noun: "applications", read: true},
	{name: "archive_reasons", noun: "archive reasons", read: true},
	{name: "audit_events", noun: "audit events", read: true},
	{name: "contact", noun: "candidate contact details", read: true, write: true},
	{name: "diversity_surveys", noun: "diversity surveys", read: true},
	{name: "eeo_responses", noun: "anonymised EEO survey responses", read: true},
	{name: "eeo_responses_pii", noun: "EEO survey responses with candidate details", read: true},
	{name: "feedback", noun: "interview feedback", read: true, write: true},
	{name: "feedback_templates", noun: "feedback templates", read: true, write: true},
	{name: "files", noun: "files attached to opportunities", read: true, write: true},
	{name: "form_templates", noun: "profile form templates", read: true, write: true},
	{name: "forms", noun: "profile forms", read: true, write: true},
	{name: "groups", noun: "groups", read: true, write: true},
	{name: "interviews", noun: "interviews", read: true, write: true},
	{name: "notes", noun: "notes", read: true, write: true},
	{name: "offers", noun: "offers", read: true},
	{name: "opportunities", noun: "opportunities (candidacies)", read: true, write: true},
	{name: "panels", noun: "interview panels", read: true, write: true},
	{name: "permissions", noun: "permissions", read: true, write: true},
	{name: "postings", noun: "job postings", read: true, write: true},
	{name: "referrals", noun: "referrals", read: true},
	{name: "requisition_fields", noun: "requisition fields", read: true, write: true},
	{name: "requisitions", noun: "requisitions", read: true, write: true},
	{name: "resumes", noun: "resumes", read: true},
	{name: "roles", noun: "roles", read: true, write: true},
	{name: "sources", noun: "candidate sources", read: true},
	{name: "stages", noun: "pipeline stages", read: true},
	{name: "tags", noun: "tags", read: true},
	{name: "tasks", noun: "tasks", read: true},
	{name: "uploads", noun: "uploads", write: true},
	{name: "users", noun: "users", read: true, write: true},
	{name: "webhooks", noun: "webhooks", read: true, write: true},
}

// scopeCatalogue is every published scope sorted by name, built once.
var scopeCatalogue = buildScopeCatalogue()

// scopeIndex finds a catalogue scope by exact name.
var scopeIndex = func() map[string]Scope {
	m := make(map[string]Scope, len(scopeCatalogue))
	for _, s := range scopeCatalogue {
		m[s.Name] = s
	}
	return m
}()

func buildScopeCatalogue() []Scope {
	out := []Scope{
		{
			Name:        OfflineAccess,
			Resource:    OfflineAccess,
			Access:      AccessSpecial,
			Description: "Receive a refresh token, so access continues after the first hour.",
		},
		{
			Name:        ConfidentialAccess,
			Resource:    "confidential",
			Access:      AccessSpecial,
			Description: "Access postings, opportunities and requisitions marked confidential.",
		},
	}
	for _, r := range scopeResources {
		if r.read {
			out = append(out, Scope{
				Name:        r.name + ":read:admin",
				Resource:    r.name,
				Access:      AccessRead,
				Description: "View " + r.noun + ".",
			})
		}
		if r.write {
			desc := "View and manage " + r.noun + "."
			if !r.read {
				// uploads is the only write-only resource: its scope stores files
				// for later requests and lets the token view nothing.
				desc = "Upload files for use in later requests."
			}
			out = append(out, Scope{
				Name:        r.name + ":write:admin",
				Resource:    r.name,
				Access:      AccessWrite,
				Description: desc,
			})
		}
	}
	slices.SortFunc(out, func(a, b Scope) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Scopes returns Lever's published scopes sorted by name.
func Scopes() []Scope {
	return slices.Clone(scopeCatalogue)
}

// ScopeNames returns the names of Lever's published scopes, sorted.
func ScopeNames() []string {
	names := make([]string, len(scopeCatalogue))
	for i, s := range scopeCatalogue {
		names[i] = s.Name
	}
	return names
}

// IsScope reports whether name is exactly one of Lever's published scopes.
func IsScope(name string) bool {
	_, ok := scopeIndex[name]
	return ok
}

// LookupScope returns the published scope with exactly this name.
func LookupScope(name string) (Scope, bool) {
	s, ok := scopeIndex[name]
	return s, ok
}

// RequiredScopes returns, sorted, the scopes every custom scope list of a profile must
// cover, as the platform's Lever setup guide states: offline_access for the refresh
// token, and users:read:admin.
func RequiredScopes() []string {
	return []string{OfflineAccess, "users:read:admin"}
}

// defaultScopes is the read-only set a common ATS integration needs. It stays within
// MaxScopes so that it could itself be registered with Lever.
var defaultScopes = []string{
	"applications:read:admin",
	"archive_reasons:read:admin",
	"contact:read:admin",
	"feedback:read:admin",
	"files:read:admin",
	"interviews:read:admin",
	"notes:read:admin",
	"offers:read:admin",
	OfflineAccess,
	"opportunities:read:admin",
	"postings:read:admin",
	"referrals:read:admin",
	"requisitions:read:admin",
	"resumes:read:admin",
	"sources:read:admin",
	"stages:read:admin",
	"tags:read:admin",
	"users:read:admin",
}

// DefaultScopes returns, sorted, the scopes a profile gets when it lists none.
func DefaultScopes() []string {
	return slices.Clone(defaultScopes)
}

// ReadScopeOf returns the read scope that a catalogue write scope includes. It
// reports false for anything else, including uploads:write:admin, which has no read
// scope.
func ReadScopeOf(scope string) (string, bool) {
	s, ok := scopeIndex[scope]
	if !ok || s.Access != AccessWrite {
		return "", false
	}
	read := s.Resource + ":read:admin"
	if !IsScope(read) {
		return "", false
	}
	return read, true
}

// WriteScopeOf returns the write scope that includes a catalogue read scope. It
// reports false for read-only resources and for anything that is not a read scope.
func WriteScopeOf(scope string) (string, bool) {
	s, ok := scopeIndex[scope]
	if !ok || s.Access != AccessRead {
		return "", false
	}
	write := s.Resource + ":write:admin"
	if !IsScope(write) {
		return "", false
	}
	return write, true
}

// ExpandScopes returns the scopes sorted and deduplicated, with the read scope of
// each write scope added, because a write scope includes its read scope. Names not
// in the catalogue pass through unchanged so that callers can report them.
func ExpandScopes(scopes []string) []string {
	out := make([]string, 0, len(scopes)*2)
	for _, s := range scopes {
		out = append(out, s)
		if read, ok := ReadScopeOf(s); ok {
			out = append(out, read)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// NormalizeScopes returns the scopes sorted and deduplicated, without any read scope
// whose write scope is also present: the shortest list that grants the same access.
func NormalizeScopes(scopes []string) []string {
	present := make(map[string]bool, len(scopes))
	for _, s := range scopes {
		present[s] = true
	}
	out := make([]string, 0, len(scopes))
	for _, s := range scopes {
		if write, ok := WriteScopeOf(s); ok && present[write] {
			continue
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// GrantedScopes returns what a profile's scopes grant once write scopes include
// their reads. Nil means the profile lists no scopes and gets DefaultScopes.
func GrantedScopes(scopes []string) []string {
	if scopes == nil {
		return ExpandScopes(defaultScopes)
	}
	return ExpandScopes(scopes)
}

// MeetsProfileMinimum reports whether the scopes, once write scopes include their
// reads, cover every scope in RequiredScopes.
func MeetsProfileMinimum(scopes []string) bool {
	return len(missingRequired(scopes)) == 0
}

// missingRequired returns the required scopes the given scopes do not cover.
func missingRequired(scopes []string) []string {
	granted := expandedSet(scopes)
	var missing []string
	for _, r := range RequiredScopes() {
		if !granted[r] {
			missing = append(missing, r)
		}
	}
	return missing
}

// expandedSet holds what ExpandScopes returns, as a set: built in one pass, where
// ExpandScopes sorts, so that checks stay linear in the length of the list.
func expandedSet(scopes []string) map[string]bool {
	set := make(map[string]bool, len(scopes)+len(scopes)/2)
	for _, s := range scopes {
		set[s] = true
		if read, ok := ReadScopeOf(s); ok {
			set[read] = true
		}
	}
	return set
}

// maxSuggestInput bounds the work SuggestScope and SuggestAction do: the edit
// distance is quadratic, and the longest catalogue name has 30 characters, so nothing
// this long is a slip of a real name.
const maxSuggestInput = 64

// SuggestScope returns the catalogue scope nearest to a misspelt name, or "" when
// nothing is near enough to be a likely slip. It forgives case, surrounding
// whitespace, compatibility look-alikes such as fullwidth letters and colons, a
// singular or plural resource, a missing ":admin" suffix and small typos. For a name
// that is already a catalogue scope it returns that name.
func SuggestScope(name string) string {
	if IsScope(name) {
		return name
	}
	if utf8.RuneCountInString(name) > maxSuggestInput {
		return ""
	}
	// NFKC can lengthen a name (U+FDFA becomes 18 characters), so bound the key too.
	key := scopeKey(name)
	if key == "" || utf8.RuneCountInString(key) > maxSuggestInput {
		return ""
	}
	// When the resource is recognisable, only its own scopes are candidates: a
	// request for a write scope that Lever does not publish is not a slip of a
	// different resource that happens to be spelt alike.
	candidates := scopesOfResource(name)
	if len(candidates) == 0 {
		candidates = ScopeNames()
	}
	resource, _, _ := strings.Cut(key, ":")
	best, bestDist := "", -1
	for _, c := range candidates {
		ck := scopeKey(c)
		d := levenshtein.ComputeDistance(key, ck)
		if bestDist >= 0 && d >= bestDist {
			continue
		}
		// A slip in the resource may be small relative to that word, not only to the
		// whole name; otherwise "foo:read:admin" would become "forms:read:admin".
		cres, _, _ := strings.Cut(ck, ":")
		if levenshtein.ComputeDistance(resource, cres) > suggestThreshold(cres) {
			continue
		}
		best, bestDist = c, d
	}
	if best == "" || bestDist > suggestThreshold(key) {
		return ""
	}
	return best
}

// suggestThreshold is how many edits still count as a slip: about one in five
// characters, at least one and at most four, so short garbage is never "near".
func suggestThreshold(key string) int {
	return min(max(utf8.RuneCountInString(key)/5, 1), 4)
}

// scopeKey reduces a scope name to the parts a person is likely to get right: lower
// case, no surrounding whitespace, a singular resource and an explicit ":admin".
// Comparing keys rather than raw names makes those slips cost nothing.
func scopeKey(name string) string {
	s := foldName(name)
	parts := strings.Split(s, ":")
	if len(parts) < 2 {
		return s
	}
	parts[0] = singular(parts[0])
	if r, ok := renamedResources[parts[0]]; ok {
		parts[0] = r
	}
	if len(parts) == 2 && slices.Contains([]string{AccessRead, AccessWrite, "access"}, parts[1]) {
		parts = append(parts, "admin")
	}
	return strings.Join(parts, ":")
}

// foldName reduces a scope or action name to what a reader sees: NFKC folds
// compatibility look-alikes (a fullwidth "：" becomes ":"), then case and surrounding
// whitespace go.
func foldName(name string) string {
	return strings.ToLower(strings.TrimSpace(norm.NFKC.String(name)))
}

// renamedResources maps resources Lever retired to their successors, by singular
// name. Lever's own example token still carries candidates:read:admin, but the
// candidates endpoints gave way to opportunities and the scope is no longer published.
var renamedResources = map[string]string{"candidate": "opportunity"}

// singular strips the English plural endings that occur in Lever's resource names.
func singular(word string) string {
	switch {
	case strings.HasSuffix(word, "ies"):
		return strings.TrimSuffix(word, "ies") + "y"
	case strings.HasSuffix(word, "ss"):
		return word
	case strings.HasSuffix(word, "s"):
		return strings.TrimSuffix(word, "s")
	}
	return word
}

// maxUnknownReported is how many unknown scopes or actions a check reports one by
// one. Beyond it a single problem gives the count: a long list of problems helps
// nobody, and each one costs a suggestion search.
const maxUnknownReported = 10

// CheckScopeNames checks that every entry is one of Lever's published scopes. It
// reports one error for each of the first maxUnknownReported distinct unknown
// entries, with a suggestion where one is near, then one error for the whole field
// that counts the rest. Its work is linear in the length of the list.
func CheckScopeNames(field string, scopes []string) []Problem {
	var ps []Problem
	seen := make(map[string]bool)
	more := 0
	for _, s := range scopes {
		if IsScope(s) || seen[s] {
			continue
		}
		seen[s] = true
		if len(ps) == maxUnknownReported {
			more++
			continue
		}
		ps = append(ps, elementProblem(field, s, SeverityError, "Unknown Lever Scope",
			unknownScopeDetail(s)))
	}
	if more > 0 {
		ps = append(ps, fieldError(field, "More Unknown Lever Scopes",
			"Besides the %d entries reported one by one, %s in %s %s not one of Lever's %d "+
				"published scopes either. Correct or remove each entry that the "+
				"lever_environment data source does not list.", maxUnknownReported,
			countEntries(more), field, pluralWord(more, "is", "are"), len(scopeCatalogue)))
	}
	return ps
}

// countEntries renders "1 more entry" or "5 more entries".
func countEntries(n int) string {
	return fmt.Sprintf("%d more %s", n, pluralWord(n, "entry", "entries"))
}

func unknownScopeDetail(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s is not one of Lever's %d published scopes.", quoteName(name),
		len(scopeCatalogue))
	b.WriteString(nonASCIINote(name, "Scope"))
	if hint := SuggestScope(name); hint != "" {
		fmt.Fprintf(&b, " Did you mean %q?", hint)
		if isRenamed(name) {
			b.WriteString(" Lever replaced the candidates endpoints with opportunities.")
		}
		b.WriteString(" The lever_environment data source lists every scope.")
		return b.String()
	}
	if same := scopesOfResource(name); len(same) > 0 {
		fmt.Fprintf(&b, " For that resource Lever publishes only %s.", quoteList(same))
	}
	b.WriteString(" Remove it, or replace it with a published scope; the lever_environment " +
		"data source lists every scope.")
	return b.String()
}

// quoteName quotes a scope or action name for a message. A name with characters
// beyond ASCII is quoted with those escaped, so that a look-alike letter from
// another alphabet shows as what it is: "users:re\u0430d:admin".
func quoteName(name string) string {
	if _, pos, _ := findRune(name, isNotASCII); pos > 0 {
		return quoteShort(name, "%+q")
	}
	return quoteValue(name)
}

// nonASCIINote explains, for a name with characters beyond ASCII, which one is
// the first, because a look-alike from another alphabet is invisible in a message.
// kind is "Scope" or "Action". It returns "" for an ASCII name.
func nonASCIINote(name, kind string) string {
	r, pos, _ := findRune(name, isNotASCII)
	if pos == 0 {
		return ""
	}
	what := fmt.Sprintf("the character %U", r)
	if r == utf8.RuneError && !utf8.ValidString(name) {
		what = "a byte that is not valid UTF-8"
	}
	return fmt.Sprintf(" It contains %s at position %d, which is not ASCII. %s names are "+
		"plain ASCII, so a letter from another alphabet or a typographic character that "+
		"looks like an ASCII one has slipped in; type the name again.", what, pos, kind)
}

func isNotASCII(r rune) bool {
	return r >= utf8.RuneSelf
}

// isRenamed reports whether name refers to a resource in renamedResources.
func isRenamed(name string) bool {
	res, _, found := strings.Cut(foldName(name), ":")
	_, renamed := renamedResources[singular(res)]
	return found && renamed
}

// scopesOfResource returns the catalogue scopes for the resource a malformed name
// refers to, so that a message can say e.g. that offers have no write scope.
func scopesOfResource(name string) []string {
	parts := strings.Split(scopeKey(name), ":")
	if len(parts) < 2 {
		return nil
	}
	var out []string
	for _, s := range scopeCatalogue {
		if s.Access != AccessSpecial && singular(s.Resource) == parts[0] {
			out = append(out, s.Name)
		}
	}
	return out
}

// CheckProfileScopes checks a profile's custom scopes. It is only for scopes the user
// listed; a profile that lists none gets DefaultScopes and needs no check. The list
// must name published scopes, hold 1 to MaxScopes entries and cover RequiredScopes;
// a read scope listed beside its write scope draws a warning.
func CheckProfileScopes(scopes []string) []Problem {
	ps := CheckScopeNames(FieldScopes, scopes)
	if len(scopes) == 0 {
		return append(ps, fieldError(FieldScopes, "Empty Scope List",
			"The scopes list is empty. Custom scopes must include at least %s. Omit the "+
				"scopes attribute to use the environment's default scopes, or list the "+
				"scopes the integration needs.", quoteList(RequiredScopes())))
	}
	if p, ok := checkScopeCount(scopes); !ok {
		ps = append(ps, p)
	}
	for _, m := range missingRequired(scopes) {
		ps = append(ps, missingRequiredProblem(m))
	}
	return append(ps, redundantReadScopes(scopes)...)
}

func missingRequiredProblem(scope string) Problem {
	why := ""
	if scope == OfflineAccess {
		why = ", which makes Lever return a refresh token; without it access ends after " +
			"the first hour"
	}
	add := fmt.Sprintf("Add %q to scopes", scope)
	if write, ok := WriteScopeOf(scope); ok {
		add = fmt.Sprintf("Add %q, or %q, which includes it, to scopes", scope, write)
	}
	return fieldError(FieldScopes, "Missing Required Scope",
		"The scopes do not include %q%s. A profile's custom scopes must include %s. "+
			"%s, or omit scopes to use the environment's default scopes.",
		scope, why, quoteList(RequiredScopes()), add)
}

// redundantReadScopes warns about each read scope listed beside the write scope that
// already includes it: it grants nothing and uses up one of the MaxScopes places.
func redundantReadScopes(scopes []string) []Problem {
	present := make(map[string]bool, len(scopes))
	for _, s := range scopes {
		present[s] = true
	}
	var ps []Problem
	warned := make(map[string]bool)
	for _, s := range scopes {
		write, ok := WriteScopeOf(s)
		if !ok || !present[write] || warned[s] {
			continue
		}
		warned[s] = true
		ps = append(ps, elementProblem(FieldScopes, s, SeverityWarning, "Redundant Read Scope",
			fmt.Sprintf("%q is already included in %q, which is also listed, because a write "+
				"scope includes its read scope. Remove %q; it grants nothing more and counts "+
				"towards Lever's limit of %d scopes.", s, write, s, MaxScopes)))
	}
	return ps
}

// CheckScopeSetScopes checks the scopes of a reusable scope set: published names and
// 1 to MaxScopes entries. A scope set need not cover RequiredScopes, because it may be
// combined with others before it reaches a profile.
func CheckScopeSetScopes(scopes []string) []Problem {
	ps := CheckScopeNames(FieldScopes, scopes)
	if len(scopes) == 0 {
		return append(ps, fieldError(FieldScopes, "Empty Scope List",
			"The scopes list is empty. A scope set holds 1 to %d of Lever's published "+
				"scopes; list at least one.", MaxScopes))
	}
	if p, ok := checkScopeCount(scopes); !ok {
		ps = append(ps, p)
	}
	return ps
}

// checkScopeCount reports a list longer than Lever accepts. Every entry counts,
// offline_access included: no source says it is exempt, and counting it is the
// reading that never lets through a list Lever could refuse.
func checkScopeCount(scopes []string) (Problem, bool) {
	n := len(scopes)
	if n <= MaxScopes {
		return Problem{}, true
	}
	return fieldError(FieldScopes, "Too Many Scopes",
		"The scopes list has %d entries; Lever accepts at most %d, offline_access "+
			"included. Remove %s. A write scope already includes its read scope, so a read "+
			"scope listed beside its write scope can go first.",
		n, MaxScopes, plural(n-MaxScopes, "scope")), false
}
