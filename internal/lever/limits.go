// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of Lever's OAuth registration form and of the platform's profile form.
// Lengths count Unicode code points, as a person reading the form would, not bytes.
const (
	// NameMaxLength is the longest profile name the platform accepts.
	NameMaxLength = 100
	// DescriptionMinLength is the shortest description Lever's form accepts.
	DescriptionMinLength = 20
	// DescriptionMaxLength is the longest description Lever's form accepts; Lever
	// shows it in its integration listing.
	DescriptionMaxLength = 140
	// ScopeSetDescriptionMaxLength is the longest description of a scope set,
	// which stays in the store and never reaches Lever: the platform's limit.
	ScopeSetDescriptionMaxLength = 500
)

// Field names, as Terraform spells the attributes, that problems refer to.
const (
	FieldName         = "name"
	FieldDescription  = "description"
	FieldEnvironment  = "environment"
	FieldClientID     = "client_id"
	FieldClientSecret = "client_secret"
	FieldCallbackURL  = "callback_url"
	FieldLogoURL      = "logo_url"
	FieldScopes       = "scopes"
	FieldActions      = "actions"

	// FieldDefaultCallbackURL is an argument of the provider, not of a profile.
	FieldDefaultCallbackURL = "default_callback_url"
)

// CheckName checks a name, of a profile or of a scope set: not blank, no surrounding
// whitespace, at most NameMaxLength characters, and no control or invisible
// characters.
func CheckName(name string) []Problem {
	if isBlank(name) {
		return []Problem{fieldError(FieldName, "Missing Name",
			"The name is empty. Set name to a short label, such as the integration's "+
				"product name, of at most %d characters.", NameMaxLength)}
	}
	if !utf8.ValidString(name) {
		return []Problem{invalidUTF8(FieldName, "name")}
	}
	var ps []Problem
	if trimmed := strings.TrimSpace(name); trimmed != name {
		ps = append(ps, fieldError(FieldName, "Name Has Surrounding Whitespace",
			"The name %s starts or ends with whitespace, which would make two names that "+
				"look the same differ. Remove the leading and trailing whitespace: %s.",
			quoteValue(name), quoteValue(trimmed)))
	}
	if n := utf8.RuneCountInString(name); n > NameMaxLength {
		ps = append(ps, fieldError(FieldName, "Name Too Long",
			"The name has %d characters; at most %d are allowed. Shorten it by %s.",
			n, NameMaxLength, plural(n-NameMaxLength, "character")))
	}
	if hasControl(name) {
		ps = append(ps, fieldError(FieldName, "Name Contains Control Characters",
			"The name %s contains control characters such as tabs or line breaks. A name "+
				"is one line of printable text; remove them.", quoteValue(name)))
	}
	return append(ps, invisibleInTextProblem(FieldName, "name", quoteValue(name), name)...)
}

// CheckDescription checks a profile's description against Lever's registration form:
// between DescriptionMinLength and DescriptionMaxLength characters, and the content
// rules of CheckDescriptionText.
func CheckDescription(d string) []Problem {
	if !utf8.ValidString(d) {
		return []Problem{invalidUTF8(FieldDescription, "description")}
	}
	ps := checkDescriptionLength(d)
	if len(ps) > 0 && isBlank(d) {
		// "Too short" already asks for a description; "blank" would say it again.
		return ps
	}
	return append(ps, CheckDescriptionText(d)...)
}

// checkDescriptionLength reports a description of valid UTF-8 that is shorter than
// DescriptionMinLength or longer than DescriptionMaxLength characters.
func checkDescriptionLength(d string) []Problem {
	n := utf8.RuneCountInString(d)
	switch {
	case n < DescriptionMinLength:
		return []Problem{fieldError(FieldDescription, "Description Too Short",
			"The description has %s; Lever's registration form requires %d to %d. "+
				"Describe what the integration does in at least %d characters.",
			plural(n, "character"), DescriptionMinLength, DescriptionMaxLength,
			DescriptionMinLength)}
	case n > DescriptionMaxLength:
		return []Problem{fieldError(FieldDescription, "Description Too Long",
			"The description has %d characters; Lever's registration form allows %d to %d, "+
				"because Lever shows it in its integration listing. Shorten it by %s.",
			n, DescriptionMinLength, DescriptionMaxLength,
			plural(n-DescriptionMaxLength, "character"))}
	}
	return nil
}

// CheckDescriptionText checks what a description says, leaving its length to the
// caller: not blank, no leading or trailing whitespace, and no control characters (line breaks, tabs, NUL, ...) or
// invisible characters, because Lever shows the description as one line of text.
func CheckDescriptionText(d string) []Problem {
	if !utf8.ValidString(d) {
		return []Problem{invalidUTF8(FieldDescription, "description")}
	}
	if isBlank(d) {
		return []Problem{fieldError(FieldDescription, "Missing Description",
			"The description is empty or only whitespace. Describe what the integration "+
				"does in %d to %d characters; Lever shows the description in its "+
				"integration listing.", DescriptionMinLength, DescriptionMaxLength)}
	}
	var ps []Problem
	// A line break at either end is left to the control-character message, which says
	// how to remove a heredoc's.
	if strings.TrimFunc(d, isPrintableSpace) != d {
		ps = append(ps, fieldError(FieldDescription, "Description Has Surrounding Whitespace",
			"The description starts or ends with whitespace. It counts towards the %d "+
				"characters Lever's form requires but shows as nothing in Lever's listing, "+
				"where the text is trimmed. Remove the leading and trailing whitespace.",
			DescriptionMinLength))
	}
	return append(ps, oneLineProblems(d)...)
}

// oneLineProblems reports the control and invisible characters of a
// description, which shows as one line of text.
func oneLineProblems(d string) []Problem {
	var ps []Problem
	if r, pos, more := findRune(d, unicode.IsControl); pos > 0 {
		ps = append(ps, fieldError(FieldDescription, "Description Contains Control Characters",
			"The description contains the control character %s. A description shows as "+
				"one line of text, so it may not hold control characters such as line "+
				"breaks, tabs or NUL. Remove them; a heredoc ends with a line break, which "+
				"chomp() removes.", describeRune(r, pos, more)))
	}
	return append(ps, invisibleInTextProblem(FieldDescription, "description", "", d)...)
}

// CheckScopeSetDescription checks a scope set's description: at most
// ScopeSetDescriptionMaxLength characters, with no control or invisible
// characters. It may be empty; a scope set needs no description.
func CheckScopeSetDescription(d string) []Problem {
	if !utf8.ValidString(d) {
		return []Problem{invalidUTF8(FieldDescription, "description")}
	}
	if n := utf8.RuneCountInString(d); n > ScopeSetDescriptionMaxLength {
		return []Problem{fieldError(FieldDescription, "Description Too Long",
			"The description has %d characters; a scope set's description has at most %d. "+
				"Shorten it by %s.", n, ScopeSetDescriptionMaxLength,
			plural(n-ScopeSetDescriptionMaxLength, "character"))}
	}
	return oneLineProblems(d)
}

// isPrintableSpace reports whitespace that is not a control character: spaces,
// no-break spaces and the like, but not tabs or line breaks.
func isPrintableSpace(r rune) bool {
	return unicode.IsSpace(r) && !unicode.IsControl(r)
}

// CheckClientID checks the Client ID Lever issued: not blank, and free of whitespace,
// control and invisible characters, which only a copy-and-paste slip would put there.
func CheckClientID(id string) []Problem {
	if isBlank(id) {
		return []Problem{fieldError(FieldClientID, "Missing Client ID",
			"The client ID is empty. Set client_id to the Client ID Lever issued for the "+
				"OAuth application after the partner registration form.")}
	}
	if hasSpace(id) || hasControl(id) || !utf8.ValidString(id) {
		return []Problem{fieldError(FieldClientID, "Invalid Client ID",
			"The client ID %s contains whitespace or control characters. Lever client IDs "+
				"are a single word of printable characters; copy the value again from Lever, "+
				"without surrounding spaces or line breaks.", quoteValue(id))}
	}
	return invisibleProblem(FieldClientID, "client ID", quoteValue(id), id)
}

// CheckClientSecret checks the Client Secret Lever issued: not blank, and free of
// whitespace, control and invisible characters, which only a copy-and-paste slip
// would put there. No message ever contains the secret.
func CheckClientSecret(s string) []Problem {
	if isBlank(s) {
		return []Problem{fieldError(FieldClientSecret, "Missing Client Secret",
			"The client secret is empty. Set client_secret to the Client Secret Lever "+
				"issued together with the client ID.")}
	}
	if hasSpace(s) || hasControl(s) || !utf8.ValidString(s) {
		// Say where the slip is without repeating any of the value.
		return []Problem{fieldError(FieldClientSecret, "Invalid Client Secret",
			"The client secret contains whitespace or control characters. Lever client "+
				"secrets are a single word of printable characters; copy the value again "+
				"from Lever, without surrounding spaces or line breaks.")}
	}
	// invisibleProblem with no value shown: the position and the code point of a
	// character that is not part of the secret reveal nothing of it.
	return invisibleProblem(FieldClientSecret, "client secret", "", s)
}

// invalidUTF8 reports text that is not UTF-8; Terraform never sends such text, but a
// server might receive it.
func invalidUTF8(field, what string) Problem {
	return fieldError(field, "Invalid UTF-8",
		"The %s is not valid UTF-8 text. Send it encoded as UTF-8.", what)
}
