// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

// The validators here wrap package lever's checks, so that the rules stay
// written once and Terraform reports them on the attribute that breaks them.
// Each skips null and unknown values: unknown ones are checked again at
// apply, when Terraform validates the configuration with final values.

var (
	_ validator.String = leverStringValidator{}
	_ validator.String = notBlankValidator{}
	_ validator.String = durationValidator{}
	_ validator.Set    = scopesValidator{}
)

// leverStringValidator applies one of package lever's single-value checks.
type leverStringValidator struct {
	description string
	check       func(string) []lever.Problem
}

func (v leverStringValidator) Description(_ context.Context) string { return v.description }

func (v leverStringValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v leverStringValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	addProblems(&resp.Diagnostics, req.Path, v.check(req.ConfigValue.ValueString()))
}

func nameValidator() validator.String {
	return leverStringValidator{
		description: fmt.Sprintf("not blank, no surrounding whitespace, at most %d characters",
			lever.NameMaxLength),
		check: lever.CheckName,
	}
}

func clientIDValidator() validator.String {
	return leverStringValidator{description: "not blank and without whitespace", check: lever.CheckClientID}
}

func clientSecretValidator() validator.String {
	return leverStringValidator{description: "not blank", check: lever.CheckClientSecret}
}

func logoURLValidator() validator.String {
	return leverStringValidator{description: "an absolute https URL", check: lever.CheckLogoURL}
}

func descriptionTextValidator() validator.String {
	return leverStringValidator{
		description: "not blank, without control or invisible characters",
		check:       lever.CheckDescriptionText,
	}
}

func scopeSetDescriptionValidator() validator.String {
	return leverStringValidator{
		description: "without control or invisible characters",
		check:       lever.CheckScopeSetDescription,
	}
}

func defaultCallbackURLValidator() validator.String {
	return leverStringValidator{
		description: "an absolute https URL (http only for localhost), without fragment or user info",
		check:       lever.CheckDefaultCallbackURL,
	}
}

func callbackURLValidator() validator.String {
	return leverStringValidator{
		description: "an absolute https URL (http only for localhost), without fragment or user info",
		check:       lever.CheckCallbackURL,
	}
}

// notBlankValidator rejects values that are empty or only whitespace.
type notBlankValidator struct{}

func (notBlankValidator) Description(_ context.Context) string { return "not blank" }

func (v notBlankValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (notBlankValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Blank Value",
			fmt.Sprintf("%s is blank. Give a value, or remove the argument to use its default.",
				req.Path))
	}
}

// durationForm is the form of a positive Go duration, such as "1m30s".
var durationForm = regexp.MustCompile(`^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)` +
	`(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))*$`)

// durationValidator accepts positive Go durations such as "30s".
type durationValidator struct{}

func (durationValidator) Description(_ context.Context) string {
	return "a positive Go duration such as 30s"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil && durationForm.MatchString(req.ConfigValue.ValueString()) {
		// Well formed, so past what a duration holds: about 290 years.
		resp.Diagnostics.AddAttributeError(req.Path, "Duration Too Long",
			fmt.Sprintf("%q is longer than a duration can be (about 2562047h). Use a timeout "+
				"such as \"10s\" or \"5m\".", req.ConfigValue.ValueString()))
		return
	}
	if err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Duration",
			fmt.Sprintf("%q is not a positive duration. Write it as a number with a unit, "+
				"such as \"10s\", \"2m\" or \"1m30s\".", req.ConfigValue.ValueString()))
	}
}

// scopesValidator checks a set of scopes. Known elements are always checked
// against Lever's catalogue; the rules about the set as a whole (size,
// required scopes) run only once every element is known, because unknown
// elements may turn out to be duplicates.
type scopesValidator struct {
	// whole checks a fully known set; it also checks the names.
	whole func([]string) []lever.Problem
}

func (v scopesValidator) Description(_ context.Context) string {
	return "Lever scopes from the published catalogue"
}

func (v scopesValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v scopesValidator) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	known, allKnown := knownStrings(req.ConfigValue.Elements())
	if allKnown {
		addProblems(&resp.Diagnostics, req.Path, v.whole(known))
		return
	}
	addProblems(&resp.Diagnostics, req.Path, lever.CheckScopeNames(req.Path.String(), known))
}

// knownStrings returns the known, non-null string elements and whether
// every element was known.
func knownStrings(elements []attr.Value) ([]string, bool) {
	out := make([]string, 0, len(elements))
	allKnown := true
	for _, e := range elements {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() {
			allKnown = false
			continue
		}
		if s.IsNull() {
			continue
		}
		out = append(out, s.ValueString())
	}
	return out, allKnown
}

// addProblems turns lever problems into diagnostics on the attribute at
// base, or on the set element a problem names.
func addProblems(diags *diag.Diagnostics, base path.Path, problems []lever.Problem) {
	for _, p := range problems {
		at := base
		if p.Element != "" {
			at = base.AtSetValue(types.StringValue(p.Element))
		}
		if p.Severity == lever.SeverityWarning {
			diags.AddAttributeWarning(at, p.Summary, p.Detail)
			continue
		}
		diags.AddAttributeError(at, p.Summary, p.Detail)
	}
}

func environmentValidator() validator.String {
	return leverStringValidator{
		description: "`" + strings.Join(lever.EnvironmentNames(), "` or `") + "`",
		check:       lever.CheckEnvironment,
	}
}
