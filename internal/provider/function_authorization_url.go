// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

var _ function.Function = (*authorizationURLFunction)(nil)

// Argument positions of authorization_url, which function errors name.
const (
	authorizationArgEnvironment int64 = iota
	authorizationArgClientID
	authorizationArgCallbackURL
	authorizationArgScopes
)

// requiredScopesMarkdown names the scopes every profile's scopes must cover.
var requiredScopesMarkdown = "`" + strings.Join(lever.RequiredScopes(), "` and `") + "`"

// NewAuthorizationURLFunction returns the authorization_url function.
func NewAuthorizationURLFunction() function.Function {
	return &authorizationURLFunction{}
}

// authorizationURLFunction builds Lever's authorize URL from explicit
// arguments, for a state parameter or an app no profile manages.
type authorizationURLFunction struct{}

// authorizationArguments are authorization_url's arguments once checked.
type authorizationArguments struct {
	environment lever.Environment
	clientID    string
	callbackURL string
	scopes      []string
}

func (f *authorizationURLFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "authorization_url"
}

func (f *authorizationURLFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Lever's OAuth 2.0 authorize URL for an app, with an optional state",
		MarkdownDescription: "Returns the URL that sends a Lever Super Admin to grant an OAuth " +
			"app access: the environment's authorize endpoint with `response_type=code`, " +
			"`client_id`, `redirect_uri`, `scope`, the `audience` Lever requires, " +
			"`prompt=consent` and, when `state` is set, `state`. It is built as a connector " +
			"profile builds its `authorization_url` attribute (scopes normalized as by " +
			"`normalize_scopes`, the callback URL's scheme and host lower-cased), so for the " +
			"same values the two are equal; the function adds `state` and needs no profile.\n\n" +
			"Each argument is checked with the rules a connector profile follows, and the " +
			"first argument that breaks one is reported with every problem found in it: " +
			"`environment` must be `" + lever.EnvironmentSandbox + "` or `" +
			lever.EnvironmentProduction + "`, `client_id` not blank and without whitespace, " +
			"`callback_url` an absolute `https` URL (`http` only for `localhost`, `127.0.0.1` " +
			"and `[::1]`) with no fragment and no user info, and `scopes` 1 to " +
			strconv.Itoa(lever.MaxScopes) + " published scopes, duplicates counted once, that " +
			"cover " + requiredScopesMarkdown + ".\n\n" +
			"Functions cannot see the provider configuration, so `authorization_url` applies " +
			"none of a profile's defaults: it does not fall back to the provider's " +
			"`default_callback_url`, nor to the platform's callback URL or the default scopes. " +
			"Pass every value explicitly: a profile's `callback_url` attribute holds the " +
			"callback it resolved, and the `lever_environment` data source gives the " +
			"platform's `default_callback_url` and the `default_scopes`. The function reads no " +
			"store either; the result depends on the arguments alone." + functionVersionNote,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name: lever.FieldEnvironment,
				MarkdownDescription: "The Lever environment the app is registered in: `" +
					lever.EnvironmentSandbox + "` or `" + lever.EnvironmentProduction + "`.",
			},
			function.StringParameter{
				Name:                lever.FieldClientID,
				MarkdownDescription: "The Client ID Lever issued for the app.",
			},
			function.StringParameter{
				Name: lever.FieldCallbackURL,
				MarkdownDescription: "The redirect URI registered with Lever, where Lever sends " +
					"the admin back with the authorization code. No default applies.",
			},
			scopesParameter("The scopes to request, as a connector profile's custom scopes: " +
				"published scopes, at most " + strconv.Itoa(lever.MaxScopes) + " once duplicates " +
				"are removed, covering " + requiredScopesMarkdown + ". No default applies."),
			function.StringParameter{
				Name: "state",
				MarkdownDescription: "An opaque value Lever hands back to the callback unchanged, " +
					"to tie the response to the request. `null` or `\"\"` leaves the parameter " +
					"out.",
				AllowNullValue: true,
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *authorizationURLFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var (
		environment, clientID, callbackURL string
		scopes                             []types.String
		state                              types.String
	)
	resp.Error = req.Arguments.Get(ctx, &environment, &clientID, &callbackURL, &scopes, &state)

	if resp.Error != nil {
		return
	}

	args, funcErr := checkAuthorizationArguments(environment, clientID, callbackURL, scopes)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	authorizeURL := lever.ProfileAuthorizationURL(args.environment, args.clientID,
		args.callbackURL, args.scopes, state.ValueString())
	resp.Error = resp.Result.Set(ctx, authorizeURL)
}

// Notes that follow lever's advice to omit callback_url or scopes, which a
// function argument cannot be: the function applies no defaults.
const (
	omitCallbackNote = "Here callback_url cannot be omitted: functions cannot see the " +
		"provider configuration and apply no default, so pass the URL explicitly."
	omitScopesNote = "Here scopes cannot be omitted: functions apply no default scopes, so " +
		"list them; for the defaults, pass data.lever_environment.<name>.default_scopes."
)

// checkAuthorizationArguments checks the arguments in order and reports the
// first one that breaks a rule: a function error names a single argument, so
// problems of several arguments in one error would all point at the first.
func checkAuthorizationArguments(environment, clientID, callbackURL string,
	elements []types.String) (authorizationArguments, *function.FuncError) {
	var args authorizationArguments
	funcErr := problemsError(authorizationArgEnvironment, lever.CheckEnvironment(environment), "")
	if funcErr != nil {
		return args, funcErr
	}
	args.environment, _ = lever.LookupEnvironment(environment)

	funcErr = problemsError(authorizationArgClientID, lever.CheckClientID(clientID), "")
	if funcErr != nil {
		return args, funcErr
	}
	args.clientID = clientID

	funcErr = problemsError(authorizationArgCallbackURL, lever.CheckCallbackURL(callbackURL),
		omitCallbackNote)
	if funcErr != nil {
		return args, funcErr
	}
	args.callbackURL = callbackURL

	// A profile's scopes are a set, so duplicates count once towards the limit.
	names, problems := scopeNames(elements)
	slices.Sort(names)
	args.scopes = slices.Compact(names)
	problems = append(problems, lever.CheckProfileScopes(args.scopes)...)
	funcErr = problemsError(authorizationArgScopes, problems, omitScopesNote)
	return args, funcErr
}
