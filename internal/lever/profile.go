// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

// ProfileSpec is a whole connector profile as a server would receive it.
type ProfileSpec struct {
	// Name labels the profile on the platform.
	Name string
	// Description is shown in Lever's integration listing.
	Description string
	// Environment is "sandbox" or "production".
	Environment string
	// ClientID is the Client ID Lever issued.
	ClientID string
	// ClientSecret is the Client Secret Lever issued.
	ClientSecret string
	// CallbackURL is the registered redirect URI; "" means DefaultCallbackURL.
	CallbackURL string
	// LogoURL is the square logo's URL; "" means no logo.
	LogoURL string
	// Scopes are the custom scopes; nil means DefaultScopes.
	Scopes []string
	// Actions are the enabled actions.
	Actions []string
}

// CheckProfile runs every check that applies to the profile and returns all the
// problems found, so that a caller can report them together.
func CheckProfile(p ProfileSpec) []Problem {
	var ps []Problem
	ps = append(ps, CheckName(p.Name)...)
	ps = append(ps, CheckDescription(p.Description)...)
	ps = append(ps, CheckEnvironment(p.Environment)...)
	ps = append(ps, CheckClientID(p.ClientID)...)
	ps = append(ps, CheckClientSecret(p.ClientSecret)...)
	if p.CallbackURL != "" {
		ps = append(ps, CheckCallbackURL(p.CallbackURL)...)
	}
	if p.LogoURL != "" {
		ps = append(ps, CheckLogoURL(p.LogoURL)...)
	}
	if p.Scopes != nil {
		ps = append(ps, CheckProfileScopes(p.Scopes)...)
	}
	return append(ps, CheckActions(p.Actions, p.Scopes)...)
}
