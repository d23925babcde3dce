// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// Environment names as they appear in configuration.
const (
	// EnvironmentSandbox is Lever's sandbox, issued to partners for development.
	EnvironmentSandbox = "sandbox"
	// EnvironmentProduction is Lever's live service.
	EnvironmentProduction = "production"
)

// DefaultCallbackURL is the redirect URI the integration platform registers with Lever
// for every Lever connector profile. A profile that sets no callback URL uses it.
const DefaultCallbackURL = "https://api.stackone.com/connect/oauth2/lever/callback"

// Environment describes one of Lever's environments and its OAuth endpoints.
type Environment struct {
	// Name is how configuration refers to the environment: "sandbox" or "production".
	Name string
	// APIBaseURL is the root of the Data API, without a trailing slash.
	APIBaseURL string
	// AuthorizeURL is where the admin is sent to grant access.
	AuthorizeURL string
	// TokenURL is where codes and refresh tokens are exchanged for access tokens.
	TokenURL string
	// Audience is the API identifier sent on the authorize request. It keeps the
	// trailing slash Lever documents, because the token's audience claim carries it.
	Audience string
}

// environments is the single source of Lever's hosts. The sandbox's auth server lives
// on Auth0's own domain; there is no auth.sandbox.lever.co.
var environments = [...]Environment{
	{
		Name:         EnvironmentSandbox,
		APIBaseURL:   "https://api.sandbox.lever.co/v1",
		AuthorizeURL: "https://sandbox-lever.auth0.com/authorize",
		TokenURL:     "https://sandbox-lever.auth0.com/oauth/token",
		Audience:     "https://api.sandbox.lever.co/v1/",
	},
	{
		Name:         EnvironmentProduction,
		APIBaseURL:   "https://api.lever.co/v1",
		AuthorizeURL: "https://auth.lever.co/authorize",
		TokenURL:     "https://auth.lever.co/oauth/token",
		Audience:     "https://api.lever.co/v1/",
	},
}

// Environments returns Lever's environments, sandbox first, then production.
func Environments() []Environment {
	// Environment holds only strings, so copying the array copies everything.
	out := environments
	return out[:]
}

// EnvironmentNames returns the names of Lever's environments in the order of
// Environments.
func EnvironmentNames() []string {
	names := make([]string, len(environments))
	for i, e := range environments {
		names[i] = e.Name
	}
	return names
}

// LookupEnvironment returns the environment with exactly this name. The match is
// case-sensitive so that configuration has one spelling.
func LookupEnvironment(name string) (Environment, bool) {
	for _, e := range environments {
		if e.Name == name {
			return e, true
		}
	}
	return Environment{}, false
}

// CheckEnvironment checks that env names one of Lever's environments exactly.
func CheckEnvironment(env string) []Problem {
	if _, ok := LookupEnvironment(env); ok {
		return nil
	}
	allowed := quoteList(EnvironmentNames())
	if isBlank(env) {
		return []Problem{fieldError(FieldEnvironment, "Missing Lever Environment",
			"The environment is empty. Set environment to %s: they use different "+
				"OAuth servers, so a client ID works in only one of them.",
			strings.Replace(allowed, " and ", " or ", 1))}
	}
	hint := ""
	if e, ok := nearEnvironment(env); ok {
		hint = fmt.Sprintf(" Did you mean %q? Environment names are lower case ASCII, with "+
			"no surrounding spaces.", e.Name)
	}
	return []Problem{fieldError(FieldEnvironment, "Unknown Lever Environment",
		"%s is not a Lever environment; use %s.%s%s", quoteName(env),
		strings.Replace(allowed, " and ", " or ", 1), nonASCIINote(env, "Environment"), hint)}
}

// nearEnvironment finds the environment a misspelt name most likely means: the same
// once case, surrounding whitespace, invisible characters and compatibility forms
// (fullwidth letters) are set aside, or one edit away, as with "sandbx" or a letter
// from another alphabet.
func nearEnvironment(name string) (Environment, bool) {
	if utf8.RuneCountInString(name) > maxSuggestInput {
		return Environment{}, false
	}
	key := foldName(strings.Map(func(r rune) rune {
		if isInvisible(r) {
			return -1
		}
		return r
	}, name))
	for _, e := range environments {
		if levenshtein.ComputeDistance(key, e.Name) <= 1 {
			return e, true
		}
	}
	return Environment{}, false
}
