// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

var _ function.Function = (*normalizeScopesFunction)(nil)

// NewNormalizeScopesFunction returns the normalize_scopes function.
func NewNormalizeScopesFunction() function.Function {
	return &normalizeScopesFunction{}
}

// normalizeScopesFunction shortens a scope list to the fewest scopes that
// grant the same access.
type normalizeScopesFunction struct{}

func (f *normalizeScopesFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "normalize_scopes"
}

func (f *normalizeScopesFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Shortest list of Lever scopes that grants the same access",
		MarkdownDescription: "Returns `scopes` sorted, without duplicates and without any read " +
			"scope whose write scope is also in the list, because a write scope includes its " +
			"read scope: `[\"notes:write:admin\", \"notes:read:admin\"]` becomes " +
			"`[\"notes:write:admin\"]`. The result grants exactly what `scopes` grants, in as " +
			"few of Lever's " + strconv.Itoa(lever.MaxScopes) + " places as possible, and is " +
			"the form a connector profile's authorization URL carries. `expand_scopes` goes " +
			"the other way.\n\n" +
			"Every element must be one of Lever's published scopes, as the `lever_environment` " +
			"data source lists them: an unknown scope is an error that suggests the nearest " +
			"published one, and a null element is an error too. An empty list returns an " +
			"empty list. The function does not check the number of scopes or the scopes a " +
			"profile requires; the resources do that at plan time." + functionConfigNote,
		Parameters: []function.Parameter{
			scopesParameter("Lever scope names, in any order, duplicates allowed."),
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

func (f *normalizeScopesFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var elements []types.String
	resp.Error = req.Arguments.Get(ctx, &elements)

	if resp.Error != nil {
		return
	}

	scopes, funcErr := catalogueScopes(elements)
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	resp.Error = resp.Result.Set(ctx, lever.NormalizeScopes(scopes))
}
