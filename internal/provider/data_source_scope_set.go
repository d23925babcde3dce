// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

var (
	_ datasource.DataSource              = (*scopeSetDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*scopeSetDataSource)(nil)
)

// NewScopeSetDataSource returns the lever_scope_set data source.
func NewScopeSetDataSource() datasource.DataSource {
	return &scopeSetDataSource{}
}

// scopeSetDataSource reads one stored scope set by name, so that profiles in
// one configuration can use a scope set another manages. Its state is the
// resource's model: a scope set holds nothing secret.
type scopeSetDataSource struct {
	data *providerData
}

func (d *scopeSetDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope_set"
}

func (d *scopeSetDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a scope set from the store by name, so that one " +
			"configuration can give its connector profiles a scope set another manages, as " +
			"`scopes = data.lever_scope_set.<name>.scopes`.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "The exact name of the scope set to read, letter case " +
					"included; names are unique in the store.",
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "The scope set's id in the store.",
				Computed:            true,
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "What the scope set is for, or null when it has no " +
					"description.",
				Computed: true,
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: "The scopes of the set, from Lever's published catalogue.",
				ElementType:         types.StringType,
				Computed:            true,
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

func (d *scopeSetDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *scopeSetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model scopeSetModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)

	if resp.Diagnostics.HasError() {
		return
	}

	name := model.Name.ValueString()
	tflog.Debug(ctx, "reading scope set", map[string]any{
		"name": name, "store": d.data.backend.Describe(),
	})
	found, err := d.data.backend.ListScopeSets(ctx, name)
	if err != nil {
		addBackendError(&resp.Diagnostics, "read the scope set", d.data.backend, err)
		return
	}
	// An empty name lists every scope set, so insist on the exact name.
	found = slices.DeleteFunc(found, func(s backend.ScopeSet) bool { return s.Name != name })
	if len(found) == 0 {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Scope Set Not Found",
			fmt.Sprintf("The %s holds no scope set named %q. Names match exactly, letter case "+
				"included. Check the name, and that the provider's %s the configuration "+
				"that manages the scope set uses.",
				d.data.backend.Describe(), name, storeSetting(d.data.backend)))
		return
	}

	resp.Diagnostics.Append(scopeSetModelFromRecord(ctx, &model, found[0])...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
