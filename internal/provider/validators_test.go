// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

func TestScopesValidator(t *testing.T) {
	known := func(s string) attr.Value { return types.StringValue(s) }
	unknown := types.StringUnknown()
	many := make([]attr.Value, 0, 25)
	for _, s := range lever.ScopeNames() {
		if !strings.Contains(s, ":write:") && len(many) < 25 {
			many = append(many, known(s))
		}
	}

	cases := map[string]struct {
		elements      []attr.Value
		wantErrors    int
		wantWarnings  int
		wantErrorPath path.Path
	}{
		"valid": {
			elements: []attr.Value{known("offline_access"), known("users:read:admin")},
		},
		"read beside write warns on the read scope": {
			elements: []attr.Value{known("offline_access"), known("users:read:admin"),
				known("users:write:admin")},
			wantWarnings: 1,
		},
		"unknown scope errs on its element": {
			elements: []attr.Value{known("offline_access"), known("users:read:admin"),
				known("contacts:read:admin")},
			wantErrors:    1,
			wantErrorPath: path.Root("scopes").AtSetValue(types.StringValue("contacts:read:admin")),
		},
		"partly unknown: known names still checked": {
			elements:      []attr.Value{known("contacts:read:admin"), unknown},
			wantErrors:    1,
			wantErrorPath: path.Root("scopes").AtSetValue(types.StringValue("contacts:read:admin")),
		},
		"partly unknown: count and coverage wait for apply": {
			elements: append([]attr.Value{unknown}, many...),
		},
		"fully known: count and coverage apply": {
			elements:   many,
			wantErrors: 1,
		},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			set := types.SetValueMust(types.StringType, tc.elements)
			resp := &validator.SetResponse{}
			scopesValidator{whole: lever.CheckProfileScopes}.ValidateSet(context.Background(),
				validator.SetRequest{Path: path.Root("scopes"), ConfigValue: set}, resp)

			errs := resp.Diagnostics.Errors()
			warnings := resp.Diagnostics.Warnings()
			if len(errs) < tc.wantErrors || (tc.wantErrors == 0 && len(errs) > 0) {
				t.Fatalf("want %d errors, got %v", tc.wantErrors, errs)
			}
			if len(warnings) != tc.wantWarnings {
				t.Fatalf("want %d warnings, got %v", tc.wantWarnings, warnings)
			}
			if len(tc.wantErrorPath.Steps()) > 0 && !hasPath(errs, tc.wantErrorPath) {
				t.Fatalf("no error on %s: %v", tc.wantErrorPath, errs)
			}
		})
	}
}

func hasPath(diags diag.Diagnostics, want path.Path) bool {
	for _, d := range diags {
		if withPath, ok := d.(diag.DiagnosticWithPath); ok && withPath.Path().Equal(want) {
			return true
		}
	}
	return false
}

func TestNameTakenDetailGivesImportCommand(t *testing.T) {
	detail := nameTakenDetail(&backend.NameTakenError{
		Kind: "profile", Name: "Acme", Environment: "sandbox", ExistingID: "lcp_abc",
	})
	for _, want := range []string{`"Acme"`, "sandbox", "terraform import lever_connector_profile.<name> lcp_abc",
		`id = "lcp_abc"`} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, detail)
		}
	}
}
