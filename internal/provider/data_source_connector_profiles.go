// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

var (
	_ datasource.DataSource              = (*connectorProfilesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*connectorProfilesDataSource)(nil)
)

// NewConnectorProfilesDataSource returns the lever_connector_profiles data
// source.
func NewConnectorProfilesDataSource() datasource.DataSource {
	return &connectorProfilesDataSource{}
}

// connectorProfilesDataSource lists stored profiles, optionally narrowed by
// environment and by whether they are enabled.
type connectorProfilesDataSource struct {
	data *providerData
}

type connectorProfilesModel struct {
	Environment types.String       `tfsdk:"environment"`
	Enabled     types.Bool         `tfsdk:"enabled"`
	Profiles    []profileDataModel `tfsdk:"profiles"`
	IDs         []string           `tfsdk:"ids"`
}

func (d *connectorProfilesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connector_profiles"
}

func (d *connectorProfilesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the connector profiles in the store, ordered by id, so " +
			"that one configuration can use the profiles others manage. Client secrets are " +
			"never listed: the store does not return them.",
		Attributes: map[string]schema.Attribute{
			"environment": schema.StringAttribute{
				MarkdownDescription: "Only list the profiles of this environment, `" +
					strings.Join(lever.EnvironmentNames(), "` or `") + "`. Omit it to list " +
					"every environment's.",
				Optional:   true,
				Validators: []validator.String{environmentValidator()},
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Only list enabled profiles (`true`) or disabled ones " +
					"(`false`). Omit it to list both.",
				Optional: true,
			},
			"profiles": schema.ListNestedAttribute{
				MarkdownDescription: "The matching profiles, ordered by id; an empty list " +
					"when none match.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: profileDataAttributes(),
				},
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "The ids of the matching profiles, in the order of " +
					"`profiles`.",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
}

func (d *connectorProfilesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectorProfilesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model connectorProfilesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)

	if resp.Diagnostics.HasError() {
		return
	}

	ctx = withSecretMasks(ctx)
	filter := backend.ProfileFilter{
		Environment: model.Environment.ValueString(),
		Enabled:     model.Enabled.ValueBoolPointer(),
	}
	tflog.Debug(ctx, "listing connector profiles", map[string]any{
		"environment": filter.Environment, "enabled": model.Enabled.String(),
		"store": d.data.backend.Describe(),
	})
	found, err := d.data.backend.ListProfiles(ctx, filter)
	if err != nil {
		addBackendError(&resp.Diagnostics, "list the connector profiles", d.data.backend, err)
		return
	}
	tflog.Debug(ctx, "listed connector profiles", map[string]any{"count": len(found)})

	// Sorted here too, so that the documented order holds whatever the
	// backend's.
	slices.SortFunc(found, func(a, b backend.Profile) int { return strings.Compare(a.ID, b.ID) })
	model.Profiles = make([]profileDataModel, 0, len(found))
	model.IDs = make([]string, 0, len(found))
	for _, p := range found {
		entry, diags := profileDataModelFromRecord(ctx, p)
		resp.Diagnostics.Append(diags...)
		model.Profiles = append(model.Profiles, entry)
		model.IDs = append(model.IDs, p.ID)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
