// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

// functionVersionNote ends every function's documentation.
const functionVersionNote = " Provider functions need Terraform 1.8 or later, and only a " +
	"module that lists the provider in its `required_providers` block can call them."

// functionConfigNote is the paragraph that closes a function's documentation.
// Terraform calls provider functions without configuring the provider, so a
// function sees only its arguments.
const functionConfigNote = "\n\nLike every provider function, it cannot see the provider " +
	"configuration and reads no store: the result depends on the arguments alone." +
	functionVersionNote

// scopesParameter is the list(string) parameter of Lever scope names that
// every function here takes; description says what the scopes are for.
func scopesParameter(description string) function.ListParameter {
	return function.ListParameter{
		Name:                lever.FieldScopes,
		ElementType:         types.StringType,
		MarkdownDescription: description,
	}
}

// scopeNames reads the elements of a scopes argument. A null element is a
// problem: a scope list is made of names, and a null is most often a
// reference to an unset variable or attribute.
func scopeNames(elements []types.String) ([]string, []lever.Problem) {
	names := make([]string, 0, len(elements))
	var nulls []string
	for i, e := range elements {
		if e.IsNull() {
			nulls = append(nulls, fmt.Sprintf("scopes[%d]", i))
			continue
		}
		names = append(names, e.ValueString())
	}
	if len(nulls) == 0 {
		return names, nil
	}
	return names, []lever.Problem{{
		Field:    lever.FieldScopes,
		Severity: lever.SeverityError,
		Summary:  "Null Scope",
		Detail: fmt.Sprintf("%s %s null. A scope list holds scope names only. Remove "+
			"each null, or drop nulls from the list with compact().", joinAnd(nulls),
			pluralVerb(len(nulls))),
	}}
}

// catalogueScopes reads the scopes argument of a function that takes nothing
// else, so it is the first. Every element must be one of Lever's published
// scopes; null and unknown elements are reported together.
func catalogueScopes(elements []types.String) ([]string, *function.FuncError) {
	names, problems := scopeNames(elements)
	problems = append(problems, lever.CheckScopeNames(lever.FieldScopes, names)...)
	return names, problemsError(0, problems, "")
}

// problemsError turns lever's errors about one argument into a function
// error that Terraform shows against that argument, one problem a paragraph, as
// "Summary: Detail". Warnings are left out: a function returns a value or
// fails. omitNote, when set, follows every detail that advises omitting the
// attribute, advice written for resources that a function argument cannot
// take.
func problemsError(position int64, problems []lever.Problem, omitNote string) *function.FuncError {
	var lines []string
	for _, p := range problems {
		if p.Severity != lever.SeverityError {
			continue
		}
		line := p.Summary + ": " + p.Detail
		if omitNote != "" && strings.Contains(strings.ToLower(p.Detail), "omit") {
			line += " " + omitNote
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return nil
	}
	// Terraform shows the text as `Invalid value for "name" parameter: text.`,
	// adding the final period itself.
	text := strings.TrimSuffix(strings.Join(lines, "\n\n"), ".")
	return function.NewArgumentFuncError(position, text)
}

// joinAnd renders items as "a", "a and b" or "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// pluralVerb returns "is" for one subject and "are" for more.
func pluralVerb(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
