// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"slices"

	"golang.org/x/oauth2"
)

// OAuthConfig returns the golang.org/x/oauth2 configuration for a profile in env.
// Lever reads the client secret from the request body, never from HTTP Basic
// authentication, hence AuthStyleInParams.
func OAuthConfig(env Environment, clientID, clientSecret, callbackURL string,
	scopes []string) *oauth2.Config {
	sorted := slices.Clone(scopes)
	slices.Sort(sorted)
	return &oauth2.Config{
		ClientID:     clientID,
		ClientSecret: clientSecret,
		Endpoint: oauth2.Endpoint{
			AuthURL:   env.AuthorizeURL,
			TokenURL:  env.TokenURL,
			AuthStyle: oauth2.AuthStyleInParams,
		},
		RedirectURL: callbackURL,
		Scopes:      sorted,
	}
}

// AuthorizationURL builds the URL that sends a Lever Super Admin to grant access to a
// profile. Besides the standard parameters it carries audience, which Lever's docs
// mark required, and prompt=consent, as Lever's own sandbox sample sends. Scopes are
// sorted but otherwise sent as given; state is included only when not empty.
func AuthorizationURL(env Environment, clientID, callbackURL string, scopes []string,
	state string) string {
	cfg := OAuthConfig(env, clientID, "", callbackURL, scopes)
	return cfg.AuthCodeURL(state,
		oauth2.SetAuthURLParam("audience", env.Audience),
		oauth2.SetAuthURLParam("prompt", "consent"),
	)
}

// ProfileAuthorizationURL is the authorize URL of a connector profile: its
// callback in the canonical spelling the store keeps (see NormalizeURL), its
// scopes normalised (see NormalizeScopes), and the environment's defaults
// when scopes is nil. Every place that shows a profile's URL builds it here,
// so that they agree.
func ProfileAuthorizationURL(env Environment, clientID, callbackURL string, scopes []string,
	state string) string {
	if canonical, err := NormalizeURL(callbackURL); err == nil {
		callbackURL = canonical
	}
	if scopes == nil {
		scopes = DefaultScopes()
	}
	return AuthorizationURL(env, clientID, callbackURL, NormalizeScopes(scopes), state)
}
