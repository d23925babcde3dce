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

var _ function.Function = (*expandScopesFunction)(nil)

// NewExpandScopesFunction returns the expand_scopes function.
func NewExpandScopesFunction() function.Function {
	return &expandScopesFunction{}
}

// expandScopesFunction spells out everything a scope list grants.
type expandScopesFunction struct{}

func (f *expandScopesFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "expand_scopes"
}

func (f *expandScopesFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Every Lever scope a list of scopes grants",
		MarkdownDescription: "Returns `scopes` sorted and without duplicates, with the read " +
			"scope of each write scope added, because a write scope includes its read scope: " +
			"`[\"notes:write:admin\"]` becomes `[\"notes:read:admin\", \"notes:write:admin\"]`. " +
			"`uploads:write:admin` has no read scope and stays alone. Use it to ask whether a " +
			"list grants a scope, with `contains()`, or to compare two lists by what they grant; " +
			"it is how a connector profile computes `effective_scopes`. `normalize_scopes` goes " +
			"the other way.\n\n" +
			"Every element must be one of Lever's published scopes, as the `lever_environment` " +
			"data source lists them: an unknown scope is an error that suggests the nearest " +
			"published one, and a null element is an error too. An empty list returns an " +
			"empty list. The result may hold more than Lever's " + strconv.Itoa(lever.MaxScopes) +
			" scopes: it describes what is granted, not what is registered." +
			functionConfigNote,
		Parameters: []function.Parameter{
			scopesParameter("Lever scope names, in any order, duplicates allowed."),
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

func (f *expandScopesFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
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
	resp.Error = resp.Result.Set(ctx, lever.ExpandScopes(scopes))
}
