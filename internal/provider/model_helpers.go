// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"sort"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// stringSet makes a set of strings.
func stringSet(ctx context.Context, values []string) (types.Set, diag.Diagnostics) {
	return types.SetValueFrom(ctx, types.StringType, values)
}

// optionalStringSet makes a set, or null for a nil slice: nil means "not
// set" in the store, which must read back as null to keep plans empty.
func optionalStringSet(ctx context.Context, values []string) (types.Set, diag.Diagnostics) {
	if values == nil {
		return types.SetNull(types.StringType), nil
	}
	return stringSet(ctx, values)
}

// optionalStrings returns a known set's strings sorted, or nil for null.
func optionalStrings(ctx context.Context, set types.Set) ([]string, diag.Diagnostics) {
	if set.IsNull() || set.IsUnknown() {
		return nil, nil
	}
	values := []string{}
	diags := set.ElementsAs(ctx, &values, false)
	sort.Strings(values)
	return values, diags
}

// optionalString maps the store's empty string to null.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// changedString returns the planned value when it differs from the state,
// else nil. A null plan value becomes the empty string, which the store
// reads as "none".
func changedString(plan, state types.String) *string {
	if plan.Equal(state) {
		return nil
	}
	s := plan.ValueString()
	return &s
}

// formatTime renders a store time as RFC 3339 in UTC.
func formatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// changedFromState reports whether a planned value differs from the prior
// state's, or there is no prior state (a create).
func changedFromState(ctx context.Context, state tfsdk.State, planned types.String, attribute string) bool {
	if state.Raw.IsNull() {
		return true
	}
	var prior types.String
	if diags := state.GetAttribute(ctx, path.Root(attribute), &prior); diags.HasError() {
		return true
	}
	return !planned.Equal(prior)
}

// changedBoolFromState is changedFromState for a bool.
func changedBoolFromState(ctx context.Context, state tfsdk.State, planned types.Bool, attribute string) bool {
	if state.Raw.IsNull() {
		return true
	}
	var prior types.Bool
	if diags := state.GetAttribute(ctx, path.Root(attribute), &prior); diags.HasError() {
		return true
	}
	return !planned.Equal(prior)
}

// changedBool returns the planned value when it differs from the state,
// else nil.
func changedBool(plan, state types.Bool) *bool {
	if plan.Equal(state) {
		return nil
	}
	b := plan.ValueBool()
	return &b
}
