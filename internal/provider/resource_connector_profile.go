// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

// profileType is the only kind of connector profile Lever supports.
const profileType = "oauth2"

var (
	_ resource.Resource                     = (*connectorProfileResource)(nil)
	_ resource.ResourceWithConfigure        = (*connectorProfileResource)(nil)
	_ resource.ResourceWithConfigValidators = (*connectorProfileResource)(nil)
	_ resource.ResourceWithImportState      = (*connectorProfileResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*connectorProfileResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*connectorProfileResource)(nil)
)

// NewConnectorProfileResource returns the lever_connector_profile resource.
func NewConnectorProfileResource() resource.Resource {
	return &connectorProfileResource{}
}

type connectorProfileResource struct {
	data *providerData
}

type connectorProfileModel struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	Description      types.String `tfsdk:"description"`
	Environment      types.String `tfsdk:"environment"`
	ClientID         types.String `tfsdk:"client_id"`
	ClientSecret     types.String `tfsdk:"client_secret"`
	ClientSecretWO   types.String `tfsdk:"client_secret_wo"`
	SecretWOVersion  types.Int64  `tfsdk:"client_secret_wo_version"`
	Enabled          types.Bool   `tfsdk:"enabled"`
	Default          types.Bool   `tfsdk:"default"`
	CallbackURL      urlValue     `tfsdk:"callback_url"`
	LogoURL          types.String `tfsdk:"logo_url"`
	Scopes           types.Set    `tfsdk:"scopes"`
	Actions          types.Set    `tfsdk:"actions"`
	Type             types.String `tfsdk:"type"`
	EffectiveScopes  types.Set    `tfsdk:"effective_scopes"`
	APIBaseURL       types.String `tfsdk:"api_base_url"`
	AuthorizationURL types.String `tfsdk:"authorization_url"`
	CreatedAt        types.String `tfsdk:"created_at"`
	UpdatedAt        types.String `tfsdk:"updated_at"`
}

func (r *connectorProfileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connector_profile"
}

func (r *connectorProfileResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An OAuth 2.0 connector profile for Lever: the Client ID and Client " +
			"Secret of an app registered with Lever, with its callback, scopes and enabled " +
			"actions, for the sandbox or the production environment. Lever's registration " +
			"rules are checked at plan time.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The integration name shown in Lever. Not blank, "+
					"no leading or trailing whitespace, at most %d characters. Unique per "+
					"environment in the store.", lever.NameMaxLength),
				Required:   true,
				Validators: []validator.String{nameValidator()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The description shown in Lever's integration "+
					"listing: %d to %d characters, counted as Unicode characters, on one line, "+
					"without control or invisible characters.",
					lever.DescriptionMinLength, lever.DescriptionMaxLength),
				Required: true,
				Validators: []validator.String{
					stringvalidator.UTF8LengthBetween(lever.DescriptionMinLength, lever.DescriptionMaxLength),
					descriptionTextValidator(),
				},
			},
			"environment": schema.StringAttribute{
				MarkdownDescription: "The Lever environment: `" +
					strings.Join(lever.EnvironmentNames(), "` or `") + "`. Credentials differ " +
					"per environment, so changing it replaces the profile.",
				Required:      true,
				Validators:    []validator.String{environmentValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The Client ID Lever issued for the registered OAuth app. " +
					"Not blank, no whitespace.",
				Required:   true,
				Validators: []validator.String{clientIDValidator()},
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "The Client Secret Lever issued with the Client ID, kept in " +
					"Terraform's state. Not blank. Exactly one of `client_secret` and " +
					"`client_secret_wo` is required; prefer `client_secret_wo`, which keeps the " +
					"secret out of state. Written to the store only when it changes; a secret " +
					"changed outside Terraform shows as an update on the next plan.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{clientSecretValidator()},
			},
			"client_secret_wo": schema.StringAttribute{
				MarkdownDescription: "The Client Secret as a write-only argument (Terraform 1.11 " +
					"and later): sent to the store but never kept in the plan or the state. " +
					"Requires `client_secret_wo_version`; the secret is written on create and " +
					"whenever the version changes, and only then.",
				Optional:   true,
				Sensitive:  true,
				WriteOnly:  true,
				Validators: []validator.String{clientSecretValidator()},
			},
			"client_secret_wo_version": schema.Int64Attribute{
				MarkdownDescription: "The version of `client_secret_wo`. Change it (for " +
					"example, increment it) to rotate the secret. The store remembers the version " +
					"last written, so an imported profile with the same version plans no change.",
				Optional: true,
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the profile is active. Accounts linked through a " +
					"disabled profile are inactive until it is enabled again. Defaults to `true`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"default": schema.BoolAttribute{
				MarkdownDescription: "Whether this is the environment's default profile, used when " +
					"a link names no profile. At most one profile per environment in the store " +
					"is the default. Defaults to `false`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"callback_url": schema.StringAttribute{
				MarkdownDescription: "The OAuth redirect URI registered with Lever. Defaults to " +
					"the provider's `default_callback_url`, else `" + lever.DefaultCallbackURL +
					"`. An absolute `https` URL (`http` only for `localhost`, `127.0.0.1` and " +
					"`[::1]`), with no fragment and no user info.",
				CustomType: urlType{},
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{callbackURLValidator()},
			},
			"logo_url": schema.StringAttribute{
				MarkdownDescription: "An absolute `https` URL of a square logo (150x150 pixels " +
					"recommended), shown in the customer's Lever settings.",
				Optional:   true,
				Validators: []validator.String{logoURLValidator()},
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: fmt.Sprintf("Custom scopes for the app, from Lever's "+
					"published catalogue. Omit it to use the environment's default scopes "+
					"(`%s`). When set: at most %d entries, `offline_access` included; it must "+
					"cover %s, where a write scope covers its read scope. Order and duplicates "+
					"do not matter.", strings.Join(lever.DefaultScopes(), "`, `"), lever.MaxScopes,
					"`"+strings.Join(lever.RequiredScopes(), "` and `")+"`"),
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{setvalidator.NoNullValues(),
					scopesValidator{whole: lever.CheckProfileScopes}},
			},
			"actions": schema.SetAttribute{
				MarkdownDescription: "Actions enabled for this profile, such as " +
					"`list_opportunities`. Each needs scopes the profile grants; the " +
					"`lever_environment` data source lists every action with its scopes.",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.Set{setvalidator.NoNullValues()},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "The profile's id in the store.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "The profile type, always `" + profileType + "`.",
				Computed:            true,
			},
			"effective_scopes": schema.SetAttribute{
				MarkdownDescription: "The scopes the app is granted: the custom scopes, or the " +
					"defaults when none are set, with each write scope's read scope added.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"api_base_url": schema.StringAttribute{
				MarkdownDescription: "The Lever API base URL of the profile's environment.",
				Computed:            true,
			},
			"authorization_url": schema.StringAttribute{
				MarkdownDescription: "Lever's authorize URL for this profile, with client id, " +
					"callback, scopes, audience and `prompt=consent`. Each login adds its own " +
					"`state` parameter.",
				Computed: true,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the profile was created (RFC 3339).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"updated_at": schema.StringAttribute{
				MarkdownDescription: "When the profile last changed (RFC 3339).",
				Computed:            true,
			},
		},
	}
}

func (r *connectorProfileResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	secret, secretWO := path.MatchRoot("client_secret"), path.MatchRoot("client_secret_wo")
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(secret, secretWO),
		resourcevalidator.RequiredTogether(secretWO, path.MatchRoot("client_secret_wo_version")),
		resourcevalidator.PreferWriteOnlyAttribute(secret, secretWO),
	}
}

func (r *connectorProfileResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (r *connectorProfileResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config connectorProfileModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)

	if resp.Diagnostics.HasError() || config.Actions.IsNull() || config.Actions.IsUnknown() {
		return
	}

	actions, actionsKnown := knownStrings(config.Actions.Elements())
	scopes, scopesKnown := []string(nil), true
	if config.Scopes.IsUnknown() {
		scopesKnown = false
	} else if !config.Scopes.IsNull() {
		scopes, scopesKnown = knownStrings(config.Scopes.Elements())
	}
	if !actionsKnown || !scopesKnown {
		// Unknown actions are checked at apply; known ones against the catalogue now.
		addProblems(&resp.Diagnostics, path.Root("actions"), lever.CheckActionNames(actions))
		return
	}
	addProblems(&resp.Diagnostics, path.Root("actions"), lever.CheckActions(actions, scopes))
}

func (r *connectorProfileResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}

	var plan, config connectorProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)

	if resp.Diagnostics.HasError() {
		return
	}

	if config.CallbackURL.IsNull() {
		plan.CallbackURL = urlValue{StringValue: r.data.defaultCallbackURL}
	}
	resp.Diagnostics.Append(planDerivedProfileValues(ctx, &plan)...)
	envChanged := changedFromState(ctx, req.State, plan.Environment, "environment")
	if envChanged || changedFromState(ctx, req.State, plan.Name, "name") {
		r.checkNameFree(ctx, plan, &resp.Diagnostics)
	}
	if plan.Default.ValueBool() && (envChanged || changedBoolFromState(ctx, req.State, plan.Default, "default")) {
		r.checkDefaultFree(ctx, plan, &resp.Diagnostics)
	}

	if resp.Diagnostics.HasError() {
		return
	}

	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (r *connectorProfileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan connectorProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)

	if resp.Diagnostics.HasError() {
		return
	}

	secret, secretVersion, diags := configuredSecret(ctx, req.Config, plan)
	resp.Diagnostics.Append(diags...)
	ctx = withSecretMasks(ctx, secret)
	in, diags := profileInputFromModel(ctx, plan)
	in.ClientSecret, in.SecretVersion = secret, secretVersion
	resp.Diagnostics.Append(diags...)

	if resp.Diagnostics.HasError() {
		return
	}

	tflog.Debug(ctx, "creating connector profile", map[string]any{
		"name": in.Name, "environment": in.Environment, "store": r.data.backend.Describe(),
	})
	record, err := r.data.backend.CreateProfile(ctx, in)
	if err != nil {
		addBackendError(&resp.Diagnostics, "create the connector profile", r.data.backend, err)
		return
	}
	tflog.Debug(ctx, "created connector profile", map[string]any{"id": record.ID})

	resp.Diagnostics.Append(profileModelFromRecord(ctx, &plan, record)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(saveVersion(ctx, resp.Private, record.Version)...)
}

func (r *connectorProfileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state connectorProfileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)

	if resp.Diagnostics.HasError() {
		return
	}

	ctx = withSecretMasks(ctx, state.ClientSecret.ValueString())
	record, err := r.data.backend.GetProfile(ctx, state.ID.ValueString())
	if errors.Is(err, backend.ErrNotFound) {
		tflog.Warn(ctx, "connector profile is gone from the store; removing it from state",
			map[string]any{"id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addBackendError(&resp.Diagnostics, "read the connector profile", r.data.backend, err)
		return
	}

	resp.Diagnostics.Append(profileModelFromRecord(ctx, &state, record)...)
	readSecretDrift(ctx, &state, record, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(saveVersion(ctx, resp.Private, record.Version)...)
}

func (r *connectorProfileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state connectorProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)

	if resp.Diagnostics.HasError() {
		return
	}

	secret, secretVersion, diags := configuredSecret(ctx, req.Config, plan)
	resp.Diagnostics.Append(diags...)
	ctx = withSecretMasks(ctx, secret, state.ClientSecret.ValueString())
	change, diags := profileChange(ctx, plan, state)
	resp.Diagnostics.Append(diags...)
	if secretChanged(plan, state) {
		change.ClientSecret, change.SecretVersion = &secret, &secretVersion
	}
	version, diags := loadVersion(ctx, req.Private)
	resp.Diagnostics.Append(diags...)

	if resp.Diagnostics.HasError() {
		return
	}

	tflog.Debug(ctx, "updating connector profile", map[string]any{
		"id": state.ID.ValueString(), "based_on_version": version,
	})
	record, err := r.data.backend.UpdateProfile(ctx, state.ID.ValueString(), version, change)
	if err != nil {
		addBackendError(&resp.Diagnostics, "update the connector profile", r.data.backend, err)
		return
	}

	resp.Diagnostics.Append(profileModelFromRecord(ctx, &plan, record)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(saveVersion(ctx, resp.Private, record.Version)...)
}

func (r *connectorProfileResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state connectorProfileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)

	if resp.Diagnostics.HasError() {
		return
	}

	ctx = withSecretMasks(ctx, state.ClientSecret.ValueString())
	tflog.Debug(ctx, "deleting connector profile", map[string]any{"id": state.ID.ValueString()})
	err := r.data.backend.DeleteProfile(ctx, state.ID.ValueString())
	if err != nil && !errors.Is(err, backend.ErrNotFound) {
		addBackendError(&resp.Diagnostics, "delete the connector profile", r.data.backend, err)
	}
}

func (r *connectorProfileResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.data != nil {
		_, err := r.data.backend.GetProfile(ctx, req.ID)
		if err != nil {
			addImportError(&resp.Diagnostics, "lever_connector_profile", req.ID, r.data.backend, err)
			return
		}
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// checkNameFree reports at plan time a name another profile of the same
// environment already has in the store, so that the clash shows before
// apply. Two new profiles with one name in one configuration still meet at
// apply, where the store refuses the second.
func (r *connectorProfileResource) checkNameFree(ctx context.Context, plan connectorProfileModel, diags *diag.Diagnostics) {
	if plan.Name.IsUnknown() || plan.Environment.IsUnknown() {
		return
	}
	found, err := r.data.backend.ListProfiles(ctx, backend.ProfileFilter{
		Environment: plan.Environment.ValueString(), Name: plan.Name.ValueString(),
	})
	if err != nil {
		addBackendError(diags, "check that the profile's name is free", r.data.backend, err)
		return
	}
	for _, other := range found {
		if other.ID != plan.ID.ValueString() {
			diags.AddAttributeError(path.Root("name"), "Name Already Taken",
				nameTakenDetail(&backend.NameTakenError{Kind: "profile", Name: other.Name,
					Environment: other.Environment, ExistingID: other.ID}))
		}
	}
}

// planDerivedProfileValues fills the computed attributes that follow from
// the configuration alone, so that the plan shows them rather than "known
// after apply". Values that depend on unknown inputs stay unknown.
func planDerivedProfileValues(ctx context.Context, plan *connectorProfileModel) diag.Diagnostics {
	var diags diag.Diagnostics
	plan.Type = types.StringValue(profileType)

	env, envKnown := lever.Environment{}, false
	if !plan.Environment.IsUnknown() {
		env, envKnown = lever.LookupEnvironment(plan.Environment.ValueString())
	}
	plan.APIBaseURL = types.StringUnknown()
	if envKnown {
		plan.APIBaseURL = types.StringValue(env.APIBaseURL)
	}

	scopes, scopesKnown := []string(nil), !plan.Scopes.IsUnknown()
	if scopesKnown && !plan.Scopes.IsNull() {
		scopes, scopesKnown = knownStrings(plan.Scopes.Elements())
	}
	plan.EffectiveScopes = types.SetUnknown(types.StringType)
	if scopesKnown {
		plan.EffectiveScopes, diags = stringSet(ctx, lever.GrantedScopes(scopes))
	}

	plan.AuthorizationURL = types.StringUnknown()
	if envKnown && scopesKnown && !plan.ClientID.IsUnknown() && !plan.CallbackURL.IsUnknown() {
		plan.AuthorizationURL = types.StringValue(lever.ProfileAuthorizationURL(env,
			plan.ClientID.ValueString(), plan.CallbackURL.ValueString(), scopes, ""))
	}
	return diags
}

// profileInputFromModel maps a planned profile to a new store record.
func profileInputFromModel(ctx context.Context, m connectorProfileModel) (backend.ProfileInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := backend.ProfileInput{
		Name:        m.Name.ValueString(),
		Description: m.Description.ValueString(),
		Environment: m.Environment.ValueString(),
		ClientID:    m.ClientID.ValueString(),
		Enabled:     m.Enabled.ValueBool(),
		Default:     m.Default.ValueBool(),
		CallbackURL: canonicalURL(m.CallbackURL.ValueString()),
		LogoURL:     m.LogoURL.ValueString(),
	}
	in.Scopes, diags = optionalStrings(ctx, m.Scopes)
	actions, moreDiags := optionalStrings(ctx, m.Actions)
	in.Actions = actions
	diags.Append(moreDiags...)
	return in, diags
}

// profileChange lists what differs between the plan and the state, so that
// an update writes only that. The secret is decided apart, by secretChanged.
func profileChange(ctx context.Context, plan, state connectorProfileModel) (backend.ProfileChange, diag.Diagnostics) {
	var diags, moreDiags diag.Diagnostics
	var ch backend.ProfileChange
	ch.Name = changedString(plan.Name, state.Name)
	ch.Description = changedString(plan.Description, state.Description)
	ch.ClientID = changedString(plan.ClientID, state.ClientID)
	ch.Enabled = changedBool(plan.Enabled, state.Enabled)
	ch.Default = changedBool(plan.Default, state.Default)
	ch.LogoURL = changedString(plan.LogoURL, state.LogoURL)
	if !lever.SameURL(plan.CallbackURL.ValueString(), state.CallbackURL.ValueString()) {
		callback := canonicalURL(plan.CallbackURL.ValueString())
		ch.CallbackURL = &callback
	}
	if !plan.Scopes.Equal(state.Scopes) {
		ch.SetScopes = true
		ch.Scopes, diags = optionalStrings(ctx, plan.Scopes)
	}
	if !plan.Actions.Equal(state.Actions) {
		ch.SetActions = true
		ch.Actions, moreDiags = optionalStrings(ctx, plan.Actions)
		diags.Append(moreDiags...)
	}
	return ch, diags
}

// profileModelFromRecord copies a stored profile into the model. The client
// secret is left alone: the store never returns it.
func profileModelFromRecord(ctx context.Context, m *connectorProfileModel, p backend.Profile) diag.Diagnostics {
	var diags, moreDiags diag.Diagnostics
	m.ID = types.StringValue(p.ID)
	m.Name = types.StringValue(p.Name)
	m.Description = types.StringValue(p.Description)
	m.Environment = types.StringValue(p.Environment)
	m.ClientID = types.StringValue(p.ClientID)
	m.CallbackURL = newURLValue(p.CallbackURL)
	m.LogoURL = optionalString(p.LogoURL)
	m.Scopes, diags = optionalStringSet(ctx, p.Scopes)
	m.Actions, moreDiags = optionalStringSet(ctx, p.Actions)
	diags.Append(moreDiags...)
	m.Enabled = types.BoolValue(p.Enabled)
	m.Default = types.BoolValue(p.Default)
	m.CreatedAt = types.StringValue(formatTime(p.CreatedAt))
	m.UpdatedAt = types.StringValue(formatTime(p.UpdatedAt))
	diags.Append(planDerivedProfileValues(ctx, m)...)
	if _, ok := lever.LookupEnvironment(p.Environment); !ok {
		// A record edited outside Terraform into an environment Lever does
		// not have: state cannot hold unknowns, and the plan replaces it.
		m.APIBaseURL = types.StringNull()
		m.AuthorizationURL = types.StringNull()
	}
	return diags
}

// canonicalURL returns the URL in the spelling the store keeps.
func canonicalURL(raw string) string {
	canonical, err := lever.NormalizeURL(raw)
	if err != nil {
		return raw
	}
	return canonical
}

// checkDefaultFree reports at plan time another default profile of the same
// environment in the store.
func (r *connectorProfileResource) checkDefaultFree(ctx context.Context, plan connectorProfileModel, diags *diag.Diagnostics) {
	if plan.Environment.IsUnknown() {
		return
	}
	found, err := r.data.backend.ListProfiles(ctx, backend.ProfileFilter{
		Environment: plan.Environment.ValueString(),
	})
	if err != nil {
		addBackendError(diags, "check the environment's default profile", r.data.backend, err)
		return
	}
	for _, other := range found {
		if other.Default && other.ID != plan.ID.ValueString() {
			diags.AddAttributeError(path.Root("default"), "Default Profile Already Set",
				defaultTakenDetail(&backend.DefaultTakenError{Environment: other.Environment,
					ExistingID: other.ID, ExistingName: other.Name}))
		}
	}
}

// configuredSecret returns the secret the configuration gives, from
// whichever form it uses, and the write-only version (0 for the plain form).
// A write-only value exists only in the configuration, never in the plan.
func configuredSecret(ctx context.Context, config tfsdk.Config, plan connectorProfileModel) (string, int64, diag.Diagnostics) {
	if !plan.ClientSecret.IsNull() {
		return plan.ClientSecret.ValueString(), 0, nil
	}
	var secret types.String
	diags := config.GetAttribute(ctx, path.Root("client_secret_wo"), &secret)
	return secret.ValueString(), plan.SecretWOVersion.ValueInt64(), diags
}

// secretChanged reports whether an update must write the secret: the plain
// value changed, or the write-only version did (which includes switching
// from one form to the other). An unrelated change never resends it, so a
// secret rotated elsewhere stays in place under the write-only form.
func secretChanged(plan, state connectorProfileModel) bool {
	if !plan.ClientSecret.IsNull() {
		return !plan.ClientSecret.Equal(state.ClientSecret)
	}
	return !plan.SecretWOVersion.Equal(state.SecretWOVersion)
}

// readSecretDrift notices a stored secret that is no longer the one
// Terraform wrote. In plain form the configuration is the truth: forgetting
// the secret in state makes the next plan set it back. In write-only form
// state has no secret to compare, so the store's record of the version it
// was last written with tells, and a warning explains how to rotate.
func readSecretDrift(ctx context.Context, state *connectorProfileModel, record backend.Profile, diags *diag.Diagnostics) {
	switch {
	case !state.ClientSecret.IsNull():
		if !backend.FingerprintMatches(record.SecretFingerprint, state.ClientSecret.ValueString()) {
			tflog.Warn(ctx, "stored client secret differs from the one in state",
				map[string]any{"id": record.ID})
			state.ClientSecret = types.StringNull()
		}
	case state.SecretWOVersion.IsNull():
		// Just imported: adopt the version the store last wrote, so that a
		// configuration naming the same version plans no change.
		if record.SecretVersion != 0 {
			state.SecretWOVersion = types.Int64Value(record.SecretVersion)
		}
	case record.SecretVersion != state.SecretWOVersion.ValueInt64():
		diags.AddAttributeWarning(path.Root("client_secret_wo_version"),
			"Client Secret Changed Outside Terraform",
			fmt.Sprintf("The client secret of connector profile %s was changed outside Terraform "+
				"since Terraform wrote it with client_secret_wo_version %d. Terraform leaves the "+
				"stored secret in place. To make the configured secret current again, change "+
				"client_secret_wo_version (for example to %d) and apply.", record.ID,
				state.SecretWOVersion.ValueInt64(), state.SecretWOVersion.ValueInt64()+1))
	}
}
