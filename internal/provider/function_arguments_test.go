// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// testAccFunctionVersions skips function tests on Terraform releases that
// predate provider functions.
var testAccFunctionVersions = []tfversion.TerraformVersionCheck{
	tfversion.SkipBelow(tfversion.Version1_8_0),
}

// testAccFunctionOutput is a configuration whose only content is an output
// named "result" holding expr, typically a provider function call.
func testAccFunctionOutput(expr string) string {
	return fmt.Sprintf(`
output "result" {
  value = %[1]s
}
`, expr)
}

// expectArgumentError matches Terraform's report of an invalid function
// argument: the parameter's name, then each phrase in order, wherever
// Terraform wraps the lines.
func expectArgumentError(parameter string, phrases ...string) *regexp.Regexp {
	phrases = append([]string{`Invalid value for "` + parameter + `" parameter`}, phrases...)
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		parts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// hclList renders strings as an HCL list of string literals.
func hclList(items []string) string {
	quoted := make([]string, len(items))
	for i, item := range items {
		quoted[i] = fmt.Sprintf("%q", item)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

func TestFunctionDefinitions_valid(t *testing.T) {
	ctx := context.Background()
	for _, newFunction := range New("test")().(*leverProvider).Functions(ctx) {
		f := newFunction()
		var meta function.MetadataResponse
		f.Metadata(ctx, function.MetadataRequest{}, &meta)
		var def function.DefinitionResponse
		f.Definition(ctx, function.DefinitionRequest{}, &def)

		var check function.DefinitionValidateResponse
		def.Definition.ValidateImplementation(ctx,
			function.DefinitionValidateRequest{FuncName: meta.Name}, &check)
		if check.Diagnostics.HasError() {
			t.Errorf("function %s: invalid definition: %v", meta.Name, check.Diagnostics)
		}
		if def.Definition.Summary == "" || def.Definition.MarkdownDescription == "" {
			t.Errorf("function %s: summary and markdown description are both required", meta.Name)
		}
	}
}
