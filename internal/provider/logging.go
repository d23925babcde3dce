// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// withSecretMasks returns a context whose log entries never show a client
// secret, whether as the value of a field named like one or anywhere in a
// message or field. Masks live on the context, and every RPC brings a fresh
// one, so each method that may log calls this first.
func withSecretMasks(ctx context.Context, secrets ...string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "client_secret")
	for _, s := range secrets {
		if s == "" {
			continue
		}
		ctx = tflog.MaskAllFieldValuesStrings(ctx, s)
		ctx = tflog.MaskMessageStrings(ctx, s)
	}
	return ctx
}
