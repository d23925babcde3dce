// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

var _ datasource.DataSource = (*environmentDataSource)(nil)

// NewEnvironmentDataSource returns the lever_environment data source.
func NewEnvironmentDataSource() datasource.DataSource {
	return &environmentDataSource{}
}

// environmentDataSource serves Lever's published facts; it needs nothing
// from the provider configuration.
type environmentDataSource struct{}

type environmentModel struct {
	Name                 types.String `tfsdk:"name"`
	APIBaseURL           types.String `tfsdk:"api_base_url"`
	AuthorizeURL         types.String `tfsdk:"authorize_url"`
	TokenURL             types.String `tfsdk:"token_url"`
	Audience             types.String `tfsdk:"audience"`
	DefaultCallbackURL   types.String `tfsdk:"default_callback_url"`
	Scopes               types.List   `tfsdk:"scopes"`
	DefaultScopes        types.List   `tfsdk:"default_scopes"`
	RequiredScopes       types.List   `tfsdk:"required_scopes"`
	MaxScopes            types.Int64  `tfsdk:"max_scopes"`
	NameMaxLength        types.Int64  `tfsdk:"name_max_length"`
	DescriptionMinLength types.Int64  `tfsdk:"description_min_length"`
	DescriptionMaxLength types.Int64  `tfsdk:"description_max_length"`
	Actions              types.Map    `tfsdk:"actions"`
}

// actionAttributeTypes describes one entry of the actions map.
var actionAttributeTypes = map[string]attr.Type{
	"description": types.StringType,
	"scopes":      types.ListType{ElemType: types.StringType},
}

func (d *environmentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_environment"
}

func (d *environmentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computedString := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	computedList := func(description string) schema.ListAttribute {
		return schema.ListAttribute{
			MarkdownDescription: description, ElementType: types.StringType, Computed: true,
		}
	}
	computedNumber := func(description string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The facts of a Lever environment: its API and OAuth endpoints, " +
			"the audience, the scope catalogue with the default and required scopes, the " +
			"action catalogue and the registration limits. The same facts drive the " +
			"provider's plan-time checks.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "The environment: `" +
					strings.Join(lever.EnvironmentNames(), "` or `") + "`.",
				Required:   true,
				Validators: []validator.String{environmentValidator()},
			},
			"api_base_url":  computedString("The base URL of Lever's Data API."),
			"authorize_url": computedString("Lever's OAuth 2.0 authorize endpoint."),
			"token_url":     computedString("Lever's OAuth 2.0 token endpoint."),
			"audience": computedString("The `audience` parameter Lever's authorize request " +
				"needs."),
			"default_callback_url": computedString("The integration platform's callback URL " +
				"for Lever, which a connector profile gets unless it sets `callback_url` or the " +
				"provider sets `default_callback_url`."),
			"scopes": computedList("Every scope Lever publishes, sorted."),
			"default_scopes": computedList("The scopes a connector profile gets when it sets " +
				"no custom scopes."),
			"required_scopes": computedList("The scopes every set of custom scopes must cover."),
			"max_scopes": computedNumber("The most scopes a connector profile or scope set may " +
				"list."),
			"name_max_length": computedNumber("The longest integration name, in characters."),
			"description_min_length": computedNumber("The shortest profile description, in " +
				"characters."),
			"description_max_length": computedNumber("The longest profile description, in " +
				"characters."),
			"actions": schema.MapNestedAttribute{
				MarkdownDescription: "The actions a connector profile can enable, by name, " +
					"each with the scopes it needs.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"description": computedString("What the action does."),
						"scopes":      computedList("The scopes the action needs."),
					},
				},
			},
		},
	}
}

func (d *environmentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model environmentModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)

	if resp.Diagnostics.HasError() {
		return
	}

	env, ok := lever.LookupEnvironment(model.Name.ValueString())
	if !ok {
		addProblems(&resp.Diagnostics, path.Root("name"),
			lever.CheckEnvironment(model.Name.ValueString()))
		return
	}
	resp.Diagnostics.Append(model.fill(ctx, env)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

func (m *environmentModel) fill(ctx context.Context, env lever.Environment) diag.Diagnostics {
	var diags, more diag.Diagnostics
	m.APIBaseURL = types.StringValue(env.APIBaseURL)
	m.AuthorizeURL = types.StringValue(env.AuthorizeURL)
	m.TokenURL = types.StringValue(env.TokenURL)
	m.Audience = types.StringValue(env.Audience)
	m.DefaultCallbackURL = types.StringValue(lever.DefaultCallbackURL)
	m.MaxScopes = types.Int64Value(lever.MaxScopes)
	m.NameMaxLength = types.Int64Value(lever.NameMaxLength)
	m.DescriptionMinLength = types.Int64Value(lever.DescriptionMinLength)
	m.DescriptionMaxLength = types.Int64Value(lever.DescriptionMaxLength)
	m.Scopes, diags = types.ListValueFrom(ctx, types.StringType, lever.ScopeNames())
	m.DefaultScopes, more = types.ListValueFrom(ctx, types.StringType, lever.DefaultScopes())
	diags.Append(more...)
	m.RequiredScopes, more = types.ListValueFrom(ctx, types.StringType, lever.RequiredScopes())
	diags.Append(more...)
	m.Actions, more = actionsValue(ctx)
	diags.Append(more...)
	return diags
}

func actionsValue(ctx context.Context) (types.Map, diag.Diagnostics) {
	type actionModel struct {
		Description types.String `tfsdk:"description"`
		Scopes      []string     `tfsdk:"scopes"`
	}
	actions := map[string]actionModel{}
	for _, a := range lever.Actions() {
		actions[a.Name] = actionModel{Description: types.StringValue(a.Description), Scopes: a.Scopes}
	}
	return types.MapValueFrom(ctx, types.ObjectType{AttrTypes: actionAttributeTypes}, actions)
}
