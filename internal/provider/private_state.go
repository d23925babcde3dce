// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// versionKey names the private state entry that holds the store version
// Terraform last saw. An update sends it back so that the store refuses to
// overwrite a change made by someone else in between.
const versionKey = "store_version"

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type storedVersion struct {
	Version int64 `json:"version"`
}

func saveVersion(ctx context.Context, private privateSetter, version int64) diag.Diagnostics {
	raw, err := json.Marshal(storedVersion{Version: version})
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Cannot Record the Store Version", err.Error())
		return diags
	}
	return private.SetKey(ctx, versionKey, raw)
}

func loadVersion(ctx context.Context, private privateGetter) (int64, diag.Diagnostics) {
	raw, diags := private.GetKey(ctx, versionKey)
	if diags.HasError() {
		return 0, diags
	}
	var v storedVersion
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil || v.Version == 0 {
		diags.AddError("Missing Store Version",
			fmt.Sprintf("Terraform's state does not record which version of this object it "+
				"last read (private state %q is missing or malformed), so the provider cannot "+
				"tell whether someone else changed it. Run `terraform apply -refresh-only` "+
				"and then apply again.", versionKey))
		return 0, diags
	}
	return v.Version, diags
}
