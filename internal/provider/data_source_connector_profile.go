// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

var (
	_ datasource.DataSource                     = (*connectorProfileDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*connectorProfileDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*connectorProfileDataSource)(nil)
)

// NewConnectorProfileDataSource returns the lever_connector_profile data
// source.
func NewConnectorProfileDataSource() datasource.DataSource {
	return &connectorProfileDataSource{}
}

// connectorProfileDataSource reads one stored profile, so that a
// configuration can use a profile another configuration manages.
type connectorProfileDataSource struct {
	data *providerData
}

// profileDataModel is a stored profile as the data sources show it: the
// resource's attributes without the client secret, plus the flags the
// resource does not manage. It is both the lever_connector_profile data
// source and one entry of lever_connector_profiles.
type profileDataModel struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	Description      types.String `tfsdk:"description"`
	Environment      types.String `tfsdk:"environment"`
	ClientID         types.String `tfsdk:"client_id"`
	CallbackURL      types.String `tfsdk:"callback_url"`
	LogoURL          types.String `tfsdk:"logo_url"`
	Scopes           types.Set    `tfsdk:"scopes"`
	Actions          types.Set    `tfsdk:"actions"`
	Type             types.String `tfsdk:"type"`
	EffectiveScopes  types.Set    `tfsdk:"effective_scopes"`
	APIBaseURL       types.String `tfsdk:"api_base_url"`
	AuthorizationURL types.String `tfsdk:"authorization_url"`
	Enabled          types.Bool   `tfsdk:"enabled"`
	Default          types.Bool   `tfsdk:"default"`
	CreatedAt        types.String `tfsdk:"created_at"`
	UpdatedAt        types.String `tfsdk:"updated_at"`
}

func (d *connectorProfileDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connector_profile"
}

func (d *connectorProfileDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := profileDataAttributes()
	attributes["id"] = schema.StringAttribute{
		MarkdownDescription: "The id of the profile to read, such as `lcp_...`. Set either " +
			"`id`, or `environment` and `name`.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attributes["environment"] = schema.StringAttribute{
		MarkdownDescription: "The environment of the profile to read, `" +
			strings.Join(lever.EnvironmentNames(), "` or `") + "`, given together with `name`.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{environmentValidator()},
	}
	attributes["name"] = schema.StringAttribute{
		MarkdownDescription: "The exact name of the profile to read, letter case included, " +
			"given together with `environment`; names are unique per environment.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a connector profile from the store, by id or by " +
			"environment and name, so that one configuration can use a profile another " +
			"manages. The client secret is never read: the store does not return it.",
		Attributes: attributes,
	}
}

func (d *connectorProfileDataSource) ConfigValidators(_ context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
		datasourcevalidator.RequiredTogether(path.MatchRoot("environment"), path.MatchRoot("name")),
	}
}

func (d *connectorProfileDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectorProfileDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config profileDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)

	if resp.Diagnostics.HasError() {
		return
	}

	ctx = withSecretMasks(ctx)
	tflog.Debug(ctx, "reading connector profile", map[string]any{
		"id": config.ID.ValueString(), "environment": config.Environment.ValueString(),
		"name": config.Name.ValueString(), "store": d.data.backend.Describe(),
	})
	record, found, err := d.lookup(ctx, config)
	if err != nil {
		addBackendError(&resp.Diagnostics, "read the connector profile", d.data.backend, err)
		return
	}
	if !found {
		d.addNotFound(ctx, &resp.Diagnostics, config)
		return
	}

	model, diags := profileDataModelFromRecord(ctx, record)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// lookup finds the profile the configuration names, by id when one is set,
// else by environment and name.
func (d *connectorProfileDataSource) lookup(ctx context.Context, config profileDataModel) (backend.Profile, bool, error) {
	if !config.ID.IsNull() {
		record, err := d.data.backend.GetProfile(ctx, config.ID.ValueString())
		if errors.Is(err, backend.ErrNotFound) {
			return backend.Profile{}, false, nil
		}
		return record, err == nil, err
	}
	environment, name := config.Environment.ValueString(), config.Name.ValueString()
	found, err := d.data.backend.ListProfiles(ctx, backend.ProfileFilter{
		Environment: environment, Name: name,
	})
	if err != nil {
		return backend.Profile{}, false, err
	}
	// An empty filter matches every profile, so insist on the exact name.
	for _, p := range found {
		if p.Name == name && p.Environment == environment {
			return p, true, nil
		}
	}
	return backend.Profile{}, false, nil
}

// addNotFound explains a lookup that found nothing and, for a lookup by
// name, names the other environments that have a profile of that name.
func (d *connectorProfileDataSource) addNotFound(ctx context.Context, diags *diag.Diagnostics, config profileDataModel) {
	store := d.data.backend.Describe()
	hint := "Check that the provider's " + storeSetting(d.data.backend) + " the configuration " +
		"that manages the profile uses."
	if !config.ID.IsNull() {
		id := config.ID.ValueString()
		detail := fmt.Sprintf("The %s holds no connector profile with id %q. ", store, id)
		if strings.HasPrefix(id, "lss_") {
			detail += "Ids starting with \"lss_\" belong to scope sets; read it with the " +
				"lever_scope_set data source. "
		}
		diags.AddAttributeError(path.Root("id"), "Connector Profile Not Found",
			detail+"Check the id. "+hint)
		return
	}
	name, environment := config.Name.ValueString(), config.Environment.ValueString()
	detail := fmt.Sprintf("The %s holds no connector profile named %q in the %s environment. "+
		"Names match exactly, letter case included. ", store, name, environment)
	// The hint is a courtesy: a store error here leaves it out rather than
	// hiding the not-found error behind another.
	elsewhere, err := d.data.backend.ListProfiles(ctx, backend.ProfileFilter{Name: name})
	if err == nil {
		for _, p := range elsewhere {
			if p.Name == name && p.Environment != environment {
				detail += fmt.Sprintf("The %s environment has one (%s); set environment to %q "+
					"if that is the one you mean. ", p.Environment, p.ID, p.Environment)
			}
		}
	}
	diags.AddAttributeError(path.Root("name"), "Connector Profile Not Found", detail+hint)
}

// profileDataModelFromRecord maps a stored profile through the resource's
// own mapping, so that both show the same values, then drops the secret.
func profileDataModelFromRecord(ctx context.Context, p backend.Profile) (profileDataModel, diag.Diagnostics) {
	var r connectorProfileModel
	diags := profileModelFromRecord(ctx, &r, p)
	return profileDataModel{
		ID:               r.ID,
		Name:             r.Name,
		Description:      r.Description,
		Environment:      r.Environment,
		ClientID:         r.ClientID,
		CallbackURL:      r.CallbackURL.StringValue,
		LogoURL:          r.LogoURL,
		Scopes:           r.Scopes,
		Actions:          r.Actions,
		Type:             r.Type,
		EffectiveScopes:  r.EffectiveScopes,
		APIBaseURL:       r.APIBaseURL,
		AuthorizationURL: r.AuthorizationURL,
		Enabled:          types.BoolValue(p.Enabled),
		Default:          types.BoolValue(p.Default),
		CreatedAt:        r.CreatedAt,
		UpdatedAt:        r.UpdatedAt,
	}, diags
}

// profileDataAttributes describes a stored profile, every attribute
// computed. The single-profile data source makes its lookup keys optional.
func profileDataAttributes() map[string]schema.Attribute {
	computedString := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	computedSet := func(description string) schema.SetAttribute {
		return schema.SetAttribute{
			MarkdownDescription: description, ElementType: types.StringType, Computed: true,
		}
	}
	computedBool := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: description, Computed: true}
	}
	return map[string]schema.Attribute{
		"id":          computedString("The profile's id in the store."),
		"name":        computedString("The integration name shown in Lever."),
		"environment": computedString("The Lever environment the profile belongs to."),
		"description": computedString("The description shown in Lever's integration listing."),
		"client_id":   computedString("The Client ID Lever issued for the registered OAuth app."),
		"callback_url": computedString("The OAuth redirect URI registered with Lever, in the " +
			"canonical spelling the store keeps."),
		"logo_url": computedString("The URL of the profile's logo, or null when it has none."),
		"scopes": computedSet("The custom scopes, or null when the profile uses the " +
			"environment's default scopes."),
		"actions": computedSet("The actions enabled for the profile, or null when none were " +
			"ever set."),
		"type": computedString("The profile type, always `" + profileType + "`."),
		"effective_scopes": computedSet("The scopes the app is granted: the custom scopes, or " +
			"the defaults when none are set, with each write scope's read scope added."),
		"api_base_url": computedString("The Lever API base URL of the profile's environment."),
		"authorization_url": computedString("Lever's authorize URL for the profile, with " +
			"client id, callback, scopes, audience and `prompt=consent`, but no `state`."),
		"enabled": computedBool("Whether the profile is enabled; `false` when its linked " +
			"accounts are inactive."),
		"default": computedBool("Whether the profile is its environment's default, the one " +
			"used when no other is named. An environment has at most one."),
		"created_at": computedString("When the profile was created (RFC 3339)."),
		"updated_at": computedString("When the profile last changed (RFC 3339)."),
	}
}
