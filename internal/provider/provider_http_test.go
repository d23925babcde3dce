// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// envDataSource is a data source that makes the provider configure itself
// without touching any store.
const envDataSource = `
data "lever_environment" "test" {
  name = "sandbox"
}
`

func TestAccProvider_httpConfigErrors(t *testing.T) {
	cases := map[string]struct{ arguments, want string }{
		"http without endpoint": {`
  backend = "http"
  token   = "t"`, `(?s)Missing API Endpoint.*LEVER_ENDPOINT`},
		"malformed endpoint": {`
  backend  = "http"
  endpoint = "profiles.example.com"
  token    = "t"`, `(?s)Invalid API Endpoint.*not an absolute http or https URL`},
		"endpoint with user info": {`
  backend  = "http"
  endpoint = "https://me:pw@profiles.example.com"
  token    = "t"`, `(?s)Invalid API Endpoint.*user\s+info`},
		"token and oauth2": {`
  backend  = "http"
  endpoint = "https://profiles.example.com"
  token    = "t"
  oauth2 = {
    token_url     = "https://login.example.com/token"
    client_id     = "id"
    client_secret = "secret"
  }`, `(?s)Two Kinds of Credentials.*Remove\s+token`},
		"no credentials": {`
  backend  = "http"
  endpoint = "https://profiles.example.com"`, `(?s)Missing API Credentials.*LEVER_TOKEN`},
		"blank token": {`
  backend  = "http"
  endpoint = "https://profiles.example.com"
  token    = " "`, `(?s)Blank Token`},
		"token read with its line break": {`
  backend  = "http"
  endpoint = "https://profiles.example.com"
  token    = "0123456789abcdef\n"`, `(?s)Invalid Token.*U\+000A at byte 16.*trimspace\(file`},
		"oauth2 without secret": {`
  backend  = "http"
  endpoint = "https://profiles.example.com"
  oauth2 = {
    token_url = "https://login.example.com/token"
    client_id = "id"
  }`, `(?s)Missing OAuth 2.0 Setting.*oauth2.client_secret.*LEVER_OAUTH2_CLIENT_SECRET`},
		"oauth2 relative token url": {`
  backend  = "http"
  endpoint = "https://profiles.example.com"
  oauth2 = {
    token_url     = "/token"
    client_id     = "id"
    client_secret = "secret"
  }`, `(?s)Invalid Token URL`},
		"embedded setting with http": {`
  backend       = "http"
  endpoint      = "https://profiles.example.com"
  token         = "t"
  embedded_path = "profiles.db"`, `(?s)Setting of Another Backend.*embedded_path only applies to the\s+embedded backend`},
		"http setting with embedded": {`
  endpoint = "https://profiles.example.com"`, `(?s)Setting of Another Backend.*endpoint only applies to the http\s+backend.*set\s+backend\s+=\s+"http"`},
		"http setting with explicit embedded": {`
  backend     = "embedded"
  max_retries = 2`, `(?s)Setting of Another Backend.*max_retries`},
		"unknown backend": {"\n  backend = \"s3\"", `(?s)Invalid Attribute Value Match.*backend`},
		"negative retries": {`
  backend     = "http"
  endpoint    = "https://profiles.example.com"
  token       = "t"
  max_retries = -1`, `(?s)Invalid Retry Count.*from 0`},
		"negative rate": {`
  backend             = "http"
  endpoint            = "https://profiles.example.com"
  token               = "t"
  requests_per_second = -2`, `(?s)Invalid Request Rate.*no limit`},
		"unparsable timeout": {`
  backend         = "http"
  endpoint        = "https://profiles.example.com"
  token           = "t"
  request_timeout = "soon"`, `(?s)Invalid Duration.*not a positive duration`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			config := fmt.Sprintf("provider \"lever\" {%s\n}\n%s", tc.arguments, envDataSource)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{Config: config, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)},
				},
			})
		})
	}
}

// The environment's settings are process-wide, so these tests do not run
// in parallel.
func TestAccProvider_httpEnvironmentErrors(t *testing.T) {
	cases := map[string]struct {
		env  map[string]string
		want string
	}{
		"unknown backend": {map[string]string{envBackend: "ftp"}, `(?s)Unknown Backend.*LEVER_BACKEND`},
		"http without endpoint": {map[string]string{envBackend: "http", envToken: "t"},
			`(?s)Missing API Endpoint`},
		"both kinds of credentials": {map[string]string{envBackend: "http",
			envEndpoint: "https://profiles.example.com", envToken: "t",
			envOAuth2ClientID: "id"}, `(?s)Two Kinds of Credentials.*LEVER_TOKEN`},
		"token with its line break": {map[string]string{envBackend: "http",
			envEndpoint: "https://profiles.example.com", envToken: "0123456789abcdef\r\n"},
			`(?s)Invalid Token.*LEVER_TOKEN holds U\+000D`},
		"incomplete oauth2": {map[string]string{envBackend: "http",
			envEndpoint: "https://profiles.example.com", envOAuth2ClientID: "id"},
			`(?s)Missing OAuth 2.0 Setting.*token_url`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{Config: "provider \"lever\" {}\n" + envDataSource, PlanOnly: true,
						ExpectError: regexp.MustCompile(tc.want)},
				},
			})
		})
	}
}

func TestAccProvider_httpSettingUnknownAtPlan(t *testing.T) {
	config := `
resource "terraform_data" "endpoint" {
  input = "https://profiles.example.com"
}

provider "lever" {
  backend  = "http"
  endpoint = terraform_data.endpoint.output
  token    = "t"
}
` + envDataSource

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Store Setting Unknown at Plan.*endpoint`),
			},
		},
	})
}

func TestHasUnknown(t *testing.T) {
	list := types.ListValueMust(types.StringType, []attr.Value{types.StringUnknown()})
	object := types.ObjectValueMust(map[string]attr.Type{"scopes": list.Type(context.Background())},
		map[string]attr.Value{"scopes": list})
	for name, tc := range map[string]struct {
		value attr.Value
		want  bool
	}{
		"null":                 {types.StringNull(), false},
		"known":                {types.StringValue("x"), false},
		"unknown":              {types.StringUnknown(), true},
		"unknown list element": {list, true},
		"unknown in an object": {object, true},
	} {
		if got := hasUnknown(tc.value); got != tc.want {
			t.Errorf("%s: got %t, want %t", name, got, tc.want)
		}
	}
}

// TestOAuth2ClientCredentials checks what the provider asks the token
// endpoint for, and that a refused client secret shows in no error.
func TestOAuth2ClientCredentials(t *testing.T) {
	const secret = "client-secret-8c2d-never-show-me"
	var (
		mu   sync.Mutex
		form map[string][]string
	)
	tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		form = r.PostForm
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":"invalid_client"}`))
	}))
	defer tokens.Close()
	api := httptest.NewServer(http.NotFoundHandler())
	defer api.Close()

	ctx := context.Background()
	grant := types.ObjectValueMust(oauth2AttributeTypes(), map[string]attr.Value{
		"token_url":     types.StringValue(tokens.URL),
		"client_id":     types.StringValue("lever-ci"),
		"client_secret": types.StringValue(secret),
		"scopes": types.ListValueMust(types.StringType,
			[]attr.Value{types.StringValue("profiles:manage")}),
		"audience": types.StringValue("https://profiles.example.com"),
	})
	config := leverProviderModel{
		Endpoint:   types.StringValue(api.URL),
		OAuth2:     grant,
		MaxRetries: types.Int64Value(0),
	}
	var diags diag.Diagnostics
	settings := httpSettingsOf(ctx, config, "test", &diags)
	if diags.HasError() {
		t.Fatalf("settings: %v", diags)
	}
	client, err := openHTTPClient(settings)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := openHTTPClient(settings); again != client {
		t.Error("the same settings gave a second client")
	}

	_, err = client.GetProfile(ctx, "lcp_1")
	if err == nil || !strings.Contains(err.Error(), "access token") {
		t.Fatalf("got %v, want an access token error", err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("the error shows the client secret: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if form["grant_type"][0] != "client_credentials" || form["scope"][0] != "profiles:manage" ||
		form["audience"][0] != "https://profiles.example.com" {
		t.Errorf("the token request was %v", form)
	}
}

func oauth2AttributeTypes() map[string]attr.Type {
	return map[string]attr.Type{
		"token_url":     types.StringType,
		"client_id":     types.StringType,
		"client_secret": types.StringType,
		"scopes":        types.ListType{ElemType: types.StringType},
		"audience":      types.StringType,
	}
}
