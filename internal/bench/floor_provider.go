// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package bench

import (
	"context"
	"os"
	"path/filepath"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// FrameworkFloor names the rows of the framework floor: a provider built on
// terraform-plugin-framework, as this one is, whose one resource takes the
// same arguments as a connector profile and keeps them nowhere. It is what
// Terraform, the plugin protocol and the framework cost with no store and
// no rules, the least a framework provider can cost.
const FrameworkFloor = "framework floor"

// floorBinary is the name under which this program serves the framework
// floor's provider to terraform.
const floorBinary = "terraform-provider-floor"

// IsFloorProvider reports whether terraform started this program as the
// framework floor's provider.
func IsFloorProvider() bool {
	return filepath.Base(os.Args[0]) == floorBinary
}

// ServeFloorProvider serves the framework floor's provider until terraform
// stops it.
func ServeFloorProvider() error {
	return providerserver.Serve(context.Background(), func() provider.Provider { return floorProvider{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/connectorprofiles/floor"})
}

type floorProvider struct{}

func (floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "floor"
}

func (floorProvider) Schema(_ context.Context, _ provider.SchemaRequest, _ *provider.SchemaResponse) {
}

func (floorProvider) Configure(_ context.Context, _ provider.ConfigureRequest, _ *provider.ConfigureResponse) {
}

func (floorProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return floorProfile{} }}
}

func (floorProvider) DataSources(_ context.Context) []func() datasource.DataSource { return nil }

// floorProfile takes a connector profile's arguments and stores nothing.
type floorProfile struct{}

type floorProfileModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Description  types.String `tfsdk:"description"`
	Environment  types.String `tfsdk:"environment"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
}

func (floorProfile) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "floor_profile"
}

func (floorProfile) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	required := func() schema.StringAttribute { return schema.StringAttribute{Required: true} }
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"name":          required(),
		"description":   required(),
		"environment":   required(),
		"client_id":     required(),
		"client_secret": schema.StringAttribute{Required: true, Sensitive: true},
	}}
}

func (floorProfile) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m floorProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.ID = types.StringValue(m.Environment.ValueString() + "/" + m.Name.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (floorProfile) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m floorProfileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (floorProfile) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m floorProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (floorProfile) Delete(_ context.Context, _ resource.DeleteRequest, _ *resource.DeleteResponse) {}
