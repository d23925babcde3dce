// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

var (
	_ resource.Resource                = (*scopeSetResource)(nil)
	_ resource.ResourceWithConfigure   = (*scopeSetResource)(nil)
	_ resource.ResourceWithImportState = (*scopeSetResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*scopeSetResource)(nil)
)

// NewScopeSetResource returns the lever_scope_set resource.
func NewScopeSetResource() resource.Resource {
	return &scopeSetResource{}
}

type scopeSetResource struct {
	data *providerData
}

type scopeSetModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	Description         types.String `tfsdk:"description"`
	Scopes              types.Set    `tfsdk:"scopes"`
	EffectiveScopes     types.Set    `tfsdk:"effective_scopes"`
	MeetsProfileMinimum types.Bool   `tfsdk:"meets_profile_minimum"`
}

func (r *scopeSetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope_set"
}

func (r *scopeSetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A named, reusable set of Lever OAuth scopes, checked against " +
			"Lever's catalogue. Connector profiles use it as " +
			"`scopes = lever_scope_set.<name>.scopes`.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The scope set's name, unique in the store. Not "+
					"blank, no leading or trailing whitespace, at most %d characters.",
					lever.NameMaxLength),
				Required:   true,
				Validators: []validator.String{nameValidator()},
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: fmt.Sprintf("1 to %d scopes from Lever's published catalogue. "+
					"Order and duplicates do not matter. A set meant for connector profiles must "+
					"cover %s.", lever.MaxScopes,
					"`"+strings.Join(lever.RequiredScopes(), "` and `")+"`"),
				ElementType: types.StringType,
				Required:    true,
				Validators: []validator.Set{setvalidator.NoNullValues(),
					scopesValidator{whole: lever.CheckScopeSetScopes}},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("What the scope set is for, 1 to %d characters "+
					"on one line.", lever.ScopeSetDescriptionMaxLength),
				Optional: true,
				Validators: []validator.String{
					stringvalidator.UTF8LengthBetween(1, lever.ScopeSetDescriptionMaxLength),
					scopeSetDescriptionValidator(),
				},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "The scope set's id in the store.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"effective_scopes": schema.SetAttribute{
				MarkdownDescription: "The scopes granted: `scopes` with each write scope's read " +
					"scope added.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"meets_profile_minimum": schema.BoolAttribute{
				MarkdownDescription: "Whether the set covers the scopes every connector profile " +
					"needs (`" + strings.Join(lever.RequiredScopes(), "` and `") + "`).",
				Computed: true,
			},
		},
	}
}

func (r *scopeSetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (r *scopeSetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}

	var plan scopeSetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)

	if resp.Diagnostics.HasError() {
		return
	}

	resp.Diagnostics.Append(planDerivedScopeSetValues(ctx, &plan)...)
	if changedFromState(ctx, req.State, plan.Name, "name") {
		r.checkNameFree(ctx, plan, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// checkNameFree reports at plan time a name another scope set already has.
func (r *scopeSetResource) checkNameFree(ctx context.Context, plan scopeSetModel, diags *diag.Diagnostics) {
	if r.data == nil || plan.Name.IsUnknown() {
		return
	}
	found, err := r.data.backend.ListScopeSets(ctx, plan.Name.ValueString())
	if err != nil {
		addBackendError(diags, "check that the scope set's name is free", r.data.backend, err)
		return
	}
	for _, other := range found {
		if other.ID != plan.ID.ValueString() {
			diags.AddAttributeError(path.Root("name"), "Name Already Taken",
				nameTakenDetail(&backend.NameTakenError{Kind: "scope set", Name: other.Name,
					ExistingID: other.ID}))
		}
	}
}

func (r *scopeSetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scopeSetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	scopes, diags := optionalStrings(ctx, plan.Scopes)
	resp.Diagnostics.Append(diags...)

	if resp.Diagnostics.HasError() {
		return
	}

	in := backend.ScopeSetInput{
		Name:        plan.Name.ValueString(),
		Description: plan.Description.ValueString(),
		Scopes:      scopes,
	}
	tflog.Debug(ctx, "creating scope set", map[string]any{
		"name": in.Name, "store": r.data.backend.Describe(),
	})
	record, err := r.data.backend.CreateScopeSet(ctx, in)
	if err != nil {
		addBackendError(&resp.Diagnostics, "create the scope set", r.data.backend, err)
		return
	}

	resp.Diagnostics.Append(scopeSetModelFromRecord(ctx, &plan, record)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(saveVersion(ctx, resp.Private, record.Version)...)
}

func (r *scopeSetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scopeSetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)

	if resp.Diagnostics.HasError() {
		return
	}

	record, err := r.data.backend.GetScopeSet(ctx, state.ID.ValueString())
	if errors.Is(err, backend.ErrNotFound) {
		tflog.Warn(ctx, "scope set is gone from the store; removing it from state",
			map[string]any{"id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addBackendError(&resp.Diagnostics, "read the scope set", r.data.backend, err)
		return
	}

	resp.Diagnostics.Append(scopeSetModelFromRecord(ctx, &state, record)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(saveVersion(ctx, resp.Private, record.Version)...)
}

func (r *scopeSetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state scopeSetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	version, diags := loadVersion(ctx, req.Private)
	resp.Diagnostics.Append(diags...)

	if resp.Diagnostics.HasError() {
		return
	}

	change, diags := scopeSetChange(ctx, plan, state)
	resp.Diagnostics.Append(diags...)
	record, err := r.data.backend.UpdateScopeSet(ctx, state.ID.ValueString(), version, change)
	if err != nil {
		addBackendError(&resp.Diagnostics, "update the scope set", r.data.backend, err)
		return
	}

	resp.Diagnostics.Append(scopeSetModelFromRecord(ctx, &plan, record)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(saveVersion(ctx, resp.Private, record.Version)...)
}

func (r *scopeSetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scopeSetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)

	if resp.Diagnostics.HasError() {
		return
	}

	err := r.data.backend.DeleteScopeSet(ctx, state.ID.ValueString())
	if err != nil && !errors.Is(err, backend.ErrNotFound) {
		addBackendError(&resp.Diagnostics, "delete the scope set", r.data.backend, err)
	}
}

func (r *scopeSetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.data != nil {
		_, err := r.data.backend.GetScopeSet(ctx, req.ID)
		if err != nil {
			addImportError(&resp.Diagnostics, "lever_scope_set", req.ID, r.data.backend, err)
			return
		}
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// planDerivedScopeSetValues fills the computed attributes that follow from
// the scopes, or marks them unknown while the scopes are.
func planDerivedScopeSetValues(ctx context.Context, m *scopeSetModel) diag.Diagnostics {
	m.EffectiveScopes = types.SetUnknown(types.StringType)
	m.MeetsProfileMinimum = types.BoolUnknown()
	if m.Scopes.IsUnknown() {
		return nil
	}
	scopes, allKnown := knownStrings(m.Scopes.Elements())
	if !allKnown {
		return nil
	}
	var diags diag.Diagnostics
	m.EffectiveScopes, diags = stringSet(ctx, lever.ExpandScopes(scopes))
	m.MeetsProfileMinimum = types.BoolValue(lever.MeetsProfileMinimum(scopes))
	return diags
}

func scopeSetChange(ctx context.Context, plan, state scopeSetModel) (backend.ScopeSetChange, diag.Diagnostics) {
	var diags diag.Diagnostics
	ch := backend.ScopeSetChange{
		Name:        changedString(plan.Name, state.Name),
		Description: changedString(plan.Description, state.Description),
	}
	if !plan.Scopes.Equal(state.Scopes) {
		ch.Scopes, diags = optionalStrings(ctx, plan.Scopes)
	}
	return ch, diags
}

func scopeSetModelFromRecord(ctx context.Context, m *scopeSetModel, s backend.ScopeSet) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(s.ID)
	m.Name = types.StringValue(s.Name)
	m.Description = optionalString(s.Description)
	m.Scopes, diags = stringSet(ctx, s.Scopes)
	diags.Append(planDerivedScopeSetValues(ctx, m)...)
	return diags
}
