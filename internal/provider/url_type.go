// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

// urlType is a string type whose values compare semantically as URLs: a
// scheme or host spelt in other letter case is the same URL. The store keeps
// URLs in canonical spelling; with this type Terraform keeps the
// configuration's spelling in state, and the next plan stays empty.
type urlType struct {
	basetypes.StringType
}

var (
	_ basetypes.StringTypable                    = urlType{}
	_ basetypes.StringValuableWithSemanticEquals = urlValue{}
)

func (t urlType) Equal(o attr.Type) bool {
	other, ok := o.(urlType)
	if !ok {
		return false
	}
	return t.StringType.Equal(other.StringType)
}

func (t urlType) String() string { return "urlType" }

func (t urlType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return urlValue{StringValue: in}, nil
}

func (t urlType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	value, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := value.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", value)
	}
	return urlValue{StringValue: s}, nil
}

func (t urlType) ValueType(_ context.Context) attr.Value { return urlValue{} }

// urlValue is a value of urlType.
type urlValue struct {
	basetypes.StringValue
}

func newURLValue(s string) urlValue { return urlValue{StringValue: basetypes.NewStringValue(s)} }

func (v urlValue) Equal(o attr.Value) bool {
	other, ok := o.(urlValue)
	if !ok {
		return false
	}
	return v.StringValue.Equal(other.StringValue)
}

func (v urlValue) Type(_ context.Context) attr.Type { return urlType{} }

func (v urlValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	other, ok := newValuable.(urlValue)
	if !ok {
		diags.AddError("Semantic Equality Check Error",
			fmt.Sprintf("Expected a URL value, got %T. Please report this to the provider developers.",
				newValuable))
		return false, diags
	}
	return lever.SameURL(v.ValueString(), other.ValueString()), diags
}
