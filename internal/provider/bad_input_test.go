// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

// Where a bad input is written: which block of the configuration.
const (
	inProfile  = "lever_connector_profile"
	inScopeSet = "lever_scope_set"
	inProvider = "provider"
)

// badInput is one hostile or malformed configuration. Its arguments replace
// the defaults of a valid block; the plan must then fail with summary on
// attribute, with a detail matching detail, or, for an accepted row, plan
// cleanly.
type badInput struct {
	name      string
	block     string
	arguments string
	summary   string
	attribute string
	detail    string
	// accepted marks a value the rules let through on purpose; the row says why.
	accepted bool
	// writeOnly marks a row using client_secret_wo, which needs Terraform 1.11.
	writeOnly bool
}

// TestAccBadInput plans each hostile or malformed configuration against a
// fresh store, so that no rule lets a bad value through to apply and every
// error lands on the attribute that holds the value.
func TestAccBadInput(t *testing.T) {
	for _, tc := range badInputs() {
		t.Run(tc.name, func(t *testing.T) {
			// The provider block's own rows check its arguments, the
			// embedded store's among them, so they always use a store file.
			key := filepath.Join(t.TempDir(), "profiles.db")
			if tc.block != inProvider {
				key = testStorePath(t)
			}
			step := resource.TestStep{Config: tc.config(key), PlanOnly: true}
			if tc.accepted {
				step.ExpectNonEmptyPlan = true
			} else {
				step.ExpectError = tc.expectedError()
			}
			var checks []tfversion.TerraformVersionCheck
			if tc.writeOnly {
				checks = append(checks, tfversion.SkipBelow(tfversion.Version1_11_0))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				TerraformVersionChecks:   checks,
				Steps:                    []resource.TestStep{step},
			})
		})
	}
}

// config is a valid configuration of the row's block with its arguments
// written over the defaults.
func (tc badInput) config(storePath string) string {
	switch tc.block {
	case inScopeSet:
		return dedupeArguments(testAccProviderBlock(storePath) + fmt.Sprintf(`
resource "lever_scope_set" "test" {
  name   = "bad-input"
  scopes = ["offline_access", "users:read:admin"]
%[1]s
}
`, tc.arguments))
	case inProvider:
		return dedupeArguments(fmt.Sprintf(`
provider "lever" {
  embedded_path = %[1]q
%[2]s
}

resource "lever_connector_profile" "test" {
  name          = "Bad Provider Input"
  description   = "Takes its callback from the provider block."
  environment   = "sandbox"
  client_id     = "client-id-1234"
  client_secret = "s3cret-value-for-tests"
}
`, storePath, tc.arguments))
	}
	return testAccProfileConfig(storePath, "Bad Input", "sandbox", tc.arguments)
}

// expectedError matches the row's error on its attribute, as attributeError
// does for resources. Terraform wraps a detail at any space, so each space of
// the row's detail pattern matches any run of whitespace.
func (tc badInput) expectedError() *regexp.Regexp {
	detail := strings.ReplaceAll(tc.detail, " ", `\s+`)
	if tc.block != inProvider {
		return attributeError(tc.summary, tc.block, tc.attribute, detail)
	}
	return regexp.MustCompile(fmt.Sprintf(
		`Error: %s\s+with provider\["[^"]+/lever"\],\s+on \S+ line \d+, in provider "lever":\s+\d+:\s+%s\s+=(?s).*%s`,
		regexp.QuoteMeta(tc.summary), tc.attribute, detail))
}

// arg writes one argument with an HCL string value.
func arg(name, value string) string {
	return fmt.Sprintf("  %s = %s", name, hclString(value))
}

// argList writes one argument with an HCL list of strings.
func argList(name string, values ...string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = hclString(v)
	}
	return fmt.Sprintf("  %s = [%s]", name, strings.Join(quoted, ", "))
}

// hclString quotes s as an HCL string literal. Unlike Go's %q, which writes
// "\x00", it escapes every character outside printable ASCII as \uNNNN or
// \UNNNNNNNN, the forms HCL reads, and doubles the "$" or "%" that would
// start an interpolation or a directive.
func hclString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case (r == '$' || r == '%') && strings.HasPrefix(s[i+1:], "{"):
			b.WriteRune(r)
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			fmt.Fprintf(&b, `\U%08X`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// generated returns n distinct names, name-0 … name-(n-1), in the pattern.
func generated(n int, pattern string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(pattern, i)
	}
	return out
}

// withRequired prefixes the scopes every profile must list.
func withRequired(scopes ...string) []string {
	return append(lever.RequiredScopes(), scopes...)
}

func badInputs() []badInput {
	var rows []badInput
	for _, group := range [][]badInput{
		badNames(), badDescriptions(), badEnvironments(), badClientIDs(), badSecrets(),
		badCallbackURLs(), badLogoURLs(), badScopes(), badActions(), badScopeSets(),
		badProviderArguments(),
	} {
		rows = append(rows, group...)
	}
	return rows
}

func badNames() []badInput {
	p := func(name, value, summary, detail string) badInput {
		return badInput{name: "name/" + name, block: inProfile, arguments: arg("name", value),
			summary: summary, attribute: "name", detail: detail}
	}
	return []badInput{
		p("empty", "", "Missing Name", ""),
		p("whitespace only", " \t ", "Missing Name", ""),
		p("ideographic space only", "\u3000", "Missing Name", ""),
		p("leading space", " Acme", "Name Has Surrounding Whitespace", `"Acme"`),
		p("trailing no-break space", "Acme\u00a0", "Name Has Surrounding Whitespace", ""),
		p("101 characters", strings.Repeat("n", 101), "Name Too Long", `101 characters`),
		p("101 multi-byte characters", strings.Repeat("日", 101), "Name Too Long",
			`101 characters`),
		p("a megabyte", strings.Repeat("n", 1<<20), "Name Too Long", `1048576 characters`),
		p("zero-width space", "Acme\u200bSync", "Name Contains Invisible Characters",
			`U\+200B \(a zero-width space\) at position 5`),
		p("bidi override", "Invoice \u202egnp.exe", "Name Contains Invisible Characters",
			`U\+202E`),
		p("Hangul filler alone", "\u3164", "Name Contains Invisible Characters", `U\+3164`),
		p("NUL", "Acme\u0000Sync", "Name Contains Control Characters", ""),
		p("tab", "Acme\tSync", "Name Contains Control Characters", ""),
		// Exactly at the limit.
		{name: "name/100 characters", block: inProfile, accepted: true,
			arguments: arg("name", strings.Repeat("n", 100))},
		// Names are labels in any script; the store compares them exactly, so a
		// Cyrillic "А" names a different profile from a Latin "A", as intended.
		{name: "name/Cyrillic letter", block: inProfile, accepted: true,
			arguments: arg("name", "\u0410cme")},
		// A variation selector is part of an emoji, not a hidden character.
		{name: "name/emoji", block: inProfile, accepted: true,
			arguments: arg("name", "Acme \u2764\ufe0f")},
		// So is a joiner between emoji, and a non-joiner inside a Persian word.
		{name: "name/joined emoji", block: inProfile, accepted: true,
			arguments: arg("name", "Acme \U0001F469\u200d\U0001F4BB Sync")},
		{name: "name/Persian non-joiner", block: inProfile, accepted: true,
			arguments: arg("name", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 Sync")},
		p("zero-width joiner between Latin letters", "Acme\u200dSync",
			"Name Contains Invisible Characters", `U\+200D \(a zero-width joiner\)`),
	}
}

func badDescriptions() []badInput {
	p := func(name, value, summary, detail string) badInput {
		return badInput{name: "description/" + name, block: inProfile,
			arguments: arg("description", value), summary: summary,
			attribute: "description", detail: detail}
	}
	const length = "Invalid Attribute Value Length"
	return []badInput{
		p("empty", "", length, `got: 0`),
		p("whitespace only", strings.Repeat(" ", 25), "Missing Description", ""),
		p("19 characters", "Syncs hiring data!!", length, `got: 19`),
		p("141 code points", strings.Repeat("é", 141), length, `got: 141`),
		p("a megabyte", strings.Repeat("d", 1<<20), length, `got: 1048576`),
		p("leading space", " Syncs hiring data into the platform.",
			"Description Has Surrounding Whitespace", `20 characters`),
		p("padded to the minimum", "Syncs hiring data. ",
			"Description Has Surrounding Whitespace", ""),
		p("heredoc line break", "Syncs hiring data into the platform.\n",
			"Description Contains Control Characters", `chomp\(\)`),
		p("NUL", "Syncs hiring data\u0000 into the platform.",
			"Description Contains Control Characters", `U\+0000 \(NUL\)`),
		p("zero-width space", "Syncs hiring\u200b data into the platform.",
			"Description Contains Invisible Characters", `U\+200B`),
		p("bidi override", "Syncs hiring data \u202etnetnoc desrever",
			"Description Contains Invisible Characters", `U\+202E`),
		p("line separator", "Syncs hiring data\u2028into the platform.",
			"Description Contains Invisible Characters", `U\+2028`),
		// Lever counts characters, not bytes: 140 two-byte characters fit.
		{name: "description/140 code points", block: inProfile, accepted: true,
			arguments: arg("description", strings.Repeat("é", 140))},
	}
}

func badEnvironments() []badInput {
	p := func(name, value, summary, detail string) badInput {
		return badInput{name: "environment/" + name, block: inProfile,
			arguments: arg("environment", value), summary: summary,
			attribute: "environment", detail: detail}
	}
	const unknown = "Unknown Lever Environment"
	return []badInput{
		p("empty", "", "Missing Lever Environment", ""),
		p("whitespace only", "  ", "Missing Lever Environment", ""),
		p("capitalised", "Sandbox", unknown, `Did you mean "sandbox"`),
		p("upper case", "PRODUCTION", unknown, `Did you mean "production"`),
		p("leading space", " sandbox", unknown, `Did you mean "sandbox"`),
		p("Cyrillic a", "s\u0430ndbox", unknown, `"s\\u0430ndbox".*U\+0430.*"sandbox"`),
		p("zero-width space", "sandbox\u200b", unknown, `Did you mean "sandbox"`),
		p("fullwidth letters", "ｓａｎｄｂｏｘ", unknown, `Did you mean "sandbox"`),
		p("staging", "staging", unknown, `"sandbox" or "production"`),
	}
}

func badClientIDs() []badInput {
	p := func(name, value, summary, detail string) badInput {
		return badInput{name: "client_id/" + name, block: inProfile,
			arguments: arg("client_id", value), summary: summary,
			attribute: "client_id", detail: detail}
	}
	return []badInput{
		p("empty", "", "Missing Client ID", ""),
		p("whitespace only", "   ", "Missing Client ID", ""),
		p("inner space", "abc def", "Invalid Client ID", `(?i)whitespace`),
		p("leading space", " abc", "Invalid Client ID", ""),
		p("trailing line break", "abc\n", "Invalid Client ID", ""),
		p("NUL", "abc\u0000", "Invalid Client ID", ""),
		p("zero-width space", "abc\u200bdef", "Client ID Contains Invisible Characters",
			`U\+200B`),
		// A client ID is an opaque value Lever issues; the rules only catch the
		// slips of copying it (spaces, control and invisible characters) and
		// make no guess about its alphabet.
		{name: "client_id/Cyrillic letter", block: inProfile, accepted: true,
			arguments: arg("client_id", "\u0430bc")},
	}
}

func badSecrets() []badInput {
	p := func(name, value, summary string) badInput {
		return badInput{name: "client_secret/" + name, block: inProfile,
			arguments: arg("client_secret", value), summary: summary,
			attribute: "client_secret"}
	}
	wo := func(name, value, summary string) badInput {
		return badInput{name: "client_secret_wo/" + name, block: inProfile, writeOnly: true,
			arguments: "  client_secret = null\n" + arg("client_secret_wo", value) +
				"\n  client_secret_wo_version = 1",
			summary: summary, attribute: "client_secret_wo"}
	}
	return []badInput{
		p("empty", "", "Missing Client Secret"),
		p("whitespace only", "   ", "Missing Client Secret"),
		p("inner space", "s3cret value", "Invalid Client Secret"),
		p("trailing line break", "s3cret-value\n", "Invalid Client Secret"),
		p("zero-width space", "s3cret\u200bvalue", "Client Secret Contains Invisible Characters"),
		wo("empty", "", "Missing Client Secret"),
		wo("inner space", "s3cret value", "Invalid Client Secret"),
		wo("bidi override", "s3cret-value\u202e", "Client Secret Contains Invisible Characters"),
	}
}

func badCallbackURLs() []badInput {
	p := func(name, value, summary, detail string) badInput {
		return badInput{name: "callback_url/" + name, block: inProfile,
			arguments: arg("callback_url", value), summary: summary,
			attribute: "callback_url", detail: detail}
	}
	ok := func(name, value string) badInput {
		return badInput{name: "callback_url/" + name, block: inProfile, accepted: true,
			arguments: arg("callback_url", value)}
	}
	const (
		invalid  = "Invalid Callback URL"
		scheme   = "Unsupported Callback URL Scheme"
		insecure = "Insecure Callback URL"
		relative = "Callback URL Not Absolute"
		host     = "Invalid Callback URL Host"
	)
	return []badInput{
		p("empty", "", "Missing Callback URL", `omit callback_url`),
		p("whitespace only", "   ", "Missing Callback URL", ""),
		p("leading space", " https://hooks.example.com/cb", invalid, `whitespace`),
		p("javascript", "javascript:alert(document.cookie)", scheme, `"javascript"`),
		p("data", "data:text/html,<script>alert(1)</script>", scheme, `"data"`),
		p("ftp", "ftp://files.example.com/cb", scheme, `"ftp"`),
		p("file", "file:///etc/passwd", scheme, `"file"`),
		p("http on a public host", "http://hooks.example.com/cb", insecure, `localhost`),
		p("http on another loopback address", "http://127.0.0.2/cb", insecure, ""),
		p("http on a look-alike of localhost", "http://localhost.example.com/cb", insecure, ""),
		p("http on every interface", "http://0.0.0.0:8080/cb", insecure, ""),
		p("port 0", "https://hooks.example.com:0/cb", invalid, `port 0 is out of range`),
		p("port 65536", "https://hooks.example.com:65536/cb", invalid,
			`port 65536 is out of range`),
		p("port not a number", "https://hooks.example.com:https/cb", invalid,
			`port "https" is not a number`),
		p("colon without a port", "https://hooks.example.com:/cb", invalid, `no port number`),
		p("fullwidth colon before the port", "https://hooks.example.com\uff1a443/cb", host,
			`U\+FF1A`),
		p("bad punycode", "https://xn--zz.example/cb", host, `"xn--zz"`),
		p("label of 64 characters", "https://"+strings.Repeat("a", 64)+".example/cb", host,
			`longer than 63`),
		p("underscore in host", "https://hooks_lever.example.com/cb", host, `"_"`),
		p("fragment", "https://hooks.example.com/cb#state", "Callback URL Has Fragment", ""),
		p("empty fragment", "https://hooks.example.com/cb#", "Callback URL Has Fragment", ""),
		p("user and password", "https://admin:hunter2@hooks.example.com/cb",
			"Callback URL Has User Info", `admin:xxxxx@`),
		p("user only", "https://token@hooks.example.com/cb", "Callback URL Has User Info", ""),
		p("path only", "/oauth/callback", relative, ""),
		p("no scheme", "hooks.example.com/cb", relative, ""),
		p("scheme-relative", "//hooks.example.com/cb", relative, ""),
		p("no host", "https:///cb", relative, ""),
		p("bidi override", "https://hooks.example.com/cb\u202e", invalid, `U\+202E`),
		p("NUL", "https://hooks.example.com/c\u0000b", invalid, `control characters`),
		// Lever's own sample app registers http://localhost:3000/login; traffic to
		// loopback never leaves the machine.
		ok("http on localhost", "http://localhost:3000/login"),
		ok("http on IPv6 loopback", "http://[::1]:8080/cb"),
		// Internationalized names are valid hosts, written either way. Lever
		// matches a redirect URI exactly, and the profile sends what it registers.
		ok("IDN", "https://bücher.example/cb"),
		ok("punycode", "https://xn--bcher-kva.example/cb"),
		// A Cyrillic "а" makes a different, valid IDN. Whether it is the host
		// meant is for whoever owns the domain to say: the rules cannot.
		ok("Cyrillic host", "https://\u0430pple.example/cb"),
		// A query is part of an exact redirect URI match, as OAuth allows.
		ok("query", "https://hooks.example.com/cb?tenant=acme"),
	}
}

func badLogoURLs() []badInput {
	p := func(name, value, summary, detail string) badInput {
		return badInput{name: "logo_url/" + name, block: inProfile,
			arguments: arg("logo_url", value), summary: summary,
			attribute: "logo_url", detail: detail}
	}
	const scheme = "Unsupported Logo URL Scheme"
	return []badInput{
		p("empty", "", "Missing Logo URL", `omit logo_url`),
		p("http", "http://cdn.example.com/logo.png", "Insecure Logo URL", ""),
		p("http on localhost", "http://localhost/logo.png", "Insecure Logo URL", ""),
		p("ftp", "ftp://cdn.example.com/logo.png", "Insecure Logo URL", `"ftp"`),
		p("data", "data:image/png;base64,iVBORw0KGgo=", scheme, `"data"`),
		p("file", "file:///srv/logo.png", scheme, `"file"`),
		p("javascript", "javascript:alert(1)", scheme, ""),
		p("relative", "logo.png", "Logo URL Not Absolute", ""),
		p("user info", "https://u:p4ss@cdn.example.com/logo.png", "Logo URL Has User Info",
			`u:xxxxx@`),
		p("port 99999", "https://cdn.example.com:99999/logo.png", "Invalid Logo URL",
			`out of range`),
		// A fragment never reaches the server that serves the image, so it is harmless.
		{name: "logo_url/fragment", block: inProfile, accepted: true,
			arguments: arg("logo_url", "https://cdn.example.com/logo.png#v2")},
	}
}

func badScopes() []badInput {
	p := func(name string, scopes []string, summary, detail string) badInput {
		return badInput{name: "scopes/" + name, block: inProfile,
			arguments: argList("scopes", scopes...), summary: summary,
			attribute: "scopes", detail: detail}
	}
	const unknown = "Unknown Lever Scope"
	twenty := withRequired("applications:read:admin", "archive_reasons:read:admin",
		"audit_events:read:admin", "contact:read:admin", "feedback:read:admin",
		"files:read:admin", "interviews:read:admin", "notes:read:admin", "offers:read:admin",
		"opportunities:read:admin", "panels:read:admin", "postings:read:admin",
		"referrals:read:admin", "requisitions:read:admin", "resumes:read:admin",
		"sources:read:admin", "stages:read:admin", "tags:read:admin")
	thousand := withRequired(generated(998, "resource%d:read:admin")...)
	return []badInput{
		p("empty", nil, "Empty Scope List", `(?i)omit.*default`),
		p("upper case", []string{"OFFLINE_ACCESS", "users:read:admin"}, unknown,
			`"OFFLINE_ACCESS".*"offline_access"`),
		p("Cyrillic letter", []string{"offline_access", "users:re\u0430d:admin"}, unknown,
			`"users:re\\u0430d:admin".*U\+0430.*"users:read:admin"`),
		p("fullwidth colons", []string{"offline_access", "users\uff1aread\uff1aadmin"}, unknown,
			`U\+FF1A.*"users:read:admin"`),
		p("singular resource", withRequired("opportunity:read:admin"), unknown,
			`"opportunities:read:admin"`),
		p("plural resource", withRequired("contacts:read:admin"), unknown,
			`"contact:read:admin"`),
		p("retired resource", withRequired("candidates:read:admin"), unknown,
			`"opportunities:read:admin".*candidates endpoints`),
		p("missing :admin", withRequired("tags:read"), unknown, `"tags:read:admin"`),
		p("write scope Lever does not publish", withRequired("offers:write:admin"), unknown,
			`only "offers:read:admin"`),
		p("read scope Lever does not publish", withRequired("uploads:read:admin"), unknown,
			`only "uploads:write:admin"`),
		p("empty element", withRequired(""), unknown, ""),
		{name: "scopes/null element", block: inProfile, summary: "Null Set Value",
			attribute: "scopes", detail: `contains a null value`,
			arguments: `  scopes = ["offline_access", "users:read:admin", null]`},
		p("leading space", withRequired(" tags:read:admin"), unknown, `"tags:read:admin"`),
		p("NUL", withRequired("tags:read:admin\u0000"), unknown, `"tags:read:admin"`),
		p("zero-width space", withRequired("tags:read\u200b:admin"), unknown, `U\+200B`),
		p("21 scopes", append(twenty, "tasks:read:admin"), "Too Many Scopes", `21 entries`),
		p("1,000 scopes", thousand, "Too Many Scopes", `1000 entries`),
		p("1,000 scopes, the rest counted", thousand, "More Unknown Lever Scopes",
			`988 more entries`),
		p("without offline_access", []string{"users:read:admin"}, "Missing Required Scope",
			`"offline_access"`),
		p("without users:read:admin", []string{"offline_access"}, "Missing Required Scope",
			`"users:read:admin".*"users:write:admin"`),
		// Exactly at Lever's limit, offline_access included.
		{name: "scopes/20 scopes", block: inProfile, accepted: true,
			arguments: argList("scopes", twenty...)},
		// A write scope includes its read scope, so it covers users:read:admin.
		{name: "scopes/write covers read", block: inProfile, accepted: true,
			arguments: argList("scopes", "offline_access", "users:write:admin")},
	}
}

func badActions() []badInput {
	p := func(name, arguments, summary, detail string) badInput {
		return badInput{name: "actions/" + name, block: inProfile, arguments: arguments,
			summary: summary, attribute: "actions", detail: detail}
	}
	const unknown = "Unknown Lever Action"
	return []badInput{
		p("singular slip", argList("actions", "list_opportunity"), unknown,
			`"list_opportunities"`),
		p("wrong case", argList("actions", "List_Opportunities"), unknown,
			`"list_opportunities"`),
		p("Cyrillic letter", argList("actions", "list_\u043epportunities"), unknown,
			`U\+043E.*"list_opportunities"`),
		p("empty element", argList("actions", ""), unknown, ""),
		p("null element", `  actions = ["list_opportunities", null]`, "Null Set Value",
			`contains a null value`),
		p("not an action", argList("actions", "drop_database"), unknown, `verb_resource`),
		p("1,000 actions", argList("actions", generated(1000, "list_things_%d")...),
			"More Unknown Lever Actions", `990 more entries`),
		p("needs a scope the defaults lack", argList("actions", "create_opportunity"),
			"Action Needs Missing Scope", `default scopes`),
		p("needs a scope the list lacks", argList("scopes", withRequired()...)+"\n"+
			argList("actions", "list_interviews"), "Action Needs Missing Scope",
			`"interviews:read:admin".*"interviews:write:admin"`),
		// An empty set enables nothing, as omitting actions does.
		{name: "actions/empty set", block: inProfile, accepted: true,
			arguments: "  actions = []"},
	}
}

func badScopeSets() []badInput {
	p := func(name, arguments, summary, attribute, detail string) badInput {
		return badInput{name: "scope_set/" + name, block: inScopeSet, arguments: arguments,
			summary: summary, attribute: attribute, detail: detail}
	}
	ok := func(name, arguments string) badInput {
		return badInput{name: "scope_set/" + name, block: inScopeSet, accepted: true,
			arguments: arguments}
	}
	return []badInput{
		p("name empty", arg("name", ""), "Missing Name", "name", ""),
		p("name padded", arg("name", "shared "), "Name Has Surrounding Whitespace", "name", ""),
		p("name 101 characters", arg("name", strings.Repeat("s", 101)), "Name Too Long",
			"name", `101`),
		p("name with a zero-width space", arg("name", "sha\u200bred"),
			"Name Contains Invisible Characters", "name", `U\+200B`),
		p("scopes empty", "  scopes = []", "Empty Scope List", "scopes", ""),
		p("scopes with a null element", `  scopes = ["offline_access", null]`, "Null Set Value",
			"scopes", `contains a null value`),
		p("21 scopes", argList("scopes", lever.ScopeNames()[:21]...), "Too Many Scopes",
			"scopes", `21 entries`),
		p("1,000 scopes", argList("scopes", generated(1000, "resource%d:read:admin")...),
			"Too Many Scopes", "scopes", `1000 entries`),
		p("upper case", argList("scopes", "OFFLINE_ACCESS"), "Unknown Lever Scope", "scopes",
			`"offline_access"`),
		p("Cyrillic letter", argList("scopes", "t\u0430gs:read:admin"), "Unknown Lever Scope",
			"scopes", `U\+0430.*"tags:read:admin"`),
		p("description empty", arg("description", ""), "Invalid Attribute Value Length",
			"description", `got: 0`),
		p("description a megabyte", arg("description", strings.Repeat("d", 1<<20)),
			"Invalid Attribute Value Length", "description", `got: 1048576`),
		// A scope set may be combined with others before it reaches a profile, so
		// it need not hold the scopes every profile needs.
		ok("without required scopes", argList("scopes", "tags:read:admin")),
		p("description with NUL", arg("description", "shared\u0000 scopes"),
			"Description Contains Control Characters", "description", `U\+0000 \(NUL\)`),
		p("description with a bidi override", arg("description", "shared \u202escopes"),
			"Description Contains Invisible Characters", "description", `U\+202E`),
	}
}

func badProviderArguments() []badInput {
	p := func(name, arguments, summary, attribute, detail string) badInput {
		return badInput{name: "provider/" + name, block: inProvider, arguments: arguments,
			summary: summary, attribute: attribute, detail: detail}
	}
	cb := func(name, value, summary, detail string) badInput {
		return p("default_callback_url "+name, arg("default_callback_url", value), summary,
			"default_callback_url", detail)
	}
	return []badInput{
		cb("empty", "", "Missing Default Callback URL", `omit\s+default_callback_url`),
		cb("javascript", "javascript:alert(1)", "Unsupported Default Callback URL Scheme", ""),
		cb("http on a public host", "http://platform.example.com/cb",
			"Insecure Default Callback URL", ""),
		cb("fragment", "https://platform.example.com/cb#x", "Default Callback URL Has Fragment",
			""),
		cb("user info", "https://u:hunter2@platform.example.com/cb",
			"Default Callback URL Has User Info", `u:xxxxx@`),
		cb("relative", "/oauth/lever/callback", "Default Callback URL Not Absolute", ""),
		cb("port 65536", "https://platform.example.com:65536/cb", "Invalid Default Callback URL",
			`out of range`),
		p("embedded_path empty", arg("embedded_path", ""), "Blank Value", "embedded_path", ""),
		p("embedded_path whitespace only", arg("embedded_path", "  "), "Blank Value",
			"embedded_path", ""),
		p("embedded_lock_timeout without a unit", arg("embedded_lock_timeout", "10"),
			"Invalid Duration", "embedded_lock_timeout", `"10s"`),
		p("embedded_lock_timeout zero", arg("embedded_lock_timeout", "0s"), "Invalid Duration",
			"embedded_lock_timeout", ""),
		p("embedded_lock_timeout past what a duration holds",
			arg("embedded_lock_timeout", "1000000000h"), "Duration Too Long",
			"embedded_lock_timeout", `about 2562047h`),
		p("embedded_encryption_key not base64", arg("embedded_encryption_key", "not a key"),
			"Invalid Encryption Key", "embedded_encryption_key", `base64`),
		{name: "provider/default_callback_url IDN", block: inProvider, accepted: true,
			arguments: arg("default_callback_url", "https://bücher.example/cb")},
	}
}
