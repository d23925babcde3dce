// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/httpclient"
)

// The backends the provider can keep profiles in.
const (
	backendEmbedded = "embedded"
	backendHTTP     = "http"
)

const (
	defaultMaxRetries     = 4
	defaultRequestTimeout = "30s"

	envBackend            = "LEVER_BACKEND"
	envEndpoint           = "LEVER_ENDPOINT"
	envToken              = "LEVER_TOKEN"
	envOAuth2TokenURL     = "LEVER_OAUTH2_TOKEN_URL"
	envOAuth2ClientID     = "LEVER_OAUTH2_CLIENT_ID"
	envOAuth2ClientSecret = "LEVER_OAUTH2_CLIENT_SECRET"
)

// embeddedSettings and httpSettings name the arguments that belong to one
// backend only, so that setting one for the other is reported, not ignored.
var (
	embeddedSettings = []string{"embedded_encryption_key", "embedded_lock_timeout", "embedded_path"}
	httpSettings     = []string{"endpoint", "max_retries", "oauth2", "request_timeout",
		"requests_per_second", "token"}
)

// oauth2Model is the oauth2 argument: a client credentials grant that
// yields the API's bearer tokens.
type oauth2Model struct {
	TokenURL     types.String `tfsdk:"token_url"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	Scopes       types.List   `tfsdk:"scopes"`
	Audience     types.String `tfsdk:"audience"`
}

// httpSchemaAttributes are the provider arguments of the HTTP backend.
func httpSchemaAttributes() map[string]schema.Attribute {
	onlyHTTP := " Only for `backend = \"http\"`."
	return map[string]schema.Attribute{
		"endpoint": schema.StringAttribute{
			MarkdownDescription: "Base URL of the connector profile API, an absolute `https` " +
				"(or `http`) URL such as `https://profiles.example.com`, without user info, " +
				"query or fragment. Required for the HTTP backend; can also be set with the `" +
				envEndpoint + "` environment variable." + onlyHTTP,
			Optional: true,
		},
		"max_retries": schema.Int64Attribute{
			MarkdownDescription: "How many times a failed API request is tried again: after a " +
				"connection error, a `429` or a `5xx` answer, waiting with jittered exponential " +
				"backoff or as long as the API's `Retry-After` asks. `0` turns retries off. " +
				"Defaults to `4`." + onlyHTTP,
			Optional: true,
		},
		"oauth2": schema.SingleNestedAttribute{
			MarkdownDescription: "Get the API's bearer tokens with the OAuth 2.0 client " +
				"credentials grant, instead of a static `token`. Each argument can also be set " +
				"with an environment variable, used when the argument is not set." + onlyHTTP,
			Optional:   true,
			Attributes: oauth2SchemaAttributes(),
		},
		"request_timeout": schema.StringAttribute{
			MarkdownDescription: "How long one try of an API request may take, as a Go " +
				"duration such as `30s`; a try that takes longer is abandoned, and retried while " +
				"retries remain. Defaults to `" + defaultRequestTimeout + "`." + onlyHTTP,
			Optional:   true,
			Validators: []validator.String{durationValidator{}},
		},
		"requests_per_second": schema.Float64Attribute{
			MarkdownDescription: "The most API requests the provider sends per second, retries " +
				"included, with bursts of up to one second's worth. `0`, the default, sets no " +
				"limit." + onlyHTTP,
			Optional: true,
		},
		"token": schema.StringAttribute{
			MarkdownDescription: "A static bearer token for the API. Can also be set with the `" +
				envToken + "` environment variable. Give either `token` or `oauth2`, not both." +
				onlyHTTP,
			Optional:  true,
			Sensitive: true,
		},
	}
}

func oauth2SchemaAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"audience": schema.StringAttribute{
			MarkdownDescription: "The audience to ask a token for, sent to the token endpoint as " +
				"the `audience` parameter, as some identity providers require.",
			Optional: true,
		},
		"client_id": schema.StringAttribute{
			MarkdownDescription: "The OAuth 2.0 client ID. Can also be set with the `" +
				envOAuth2ClientID + "` environment variable.",
			Optional: true,
		},
		"client_secret": schema.StringAttribute{
			MarkdownDescription: "The OAuth 2.0 client secret. Can also be set with the `" +
				envOAuth2ClientSecret + "` environment variable, which keeps it out of the " +
				"configuration.",
			Optional:  true,
			Sensitive: true,
		},
		"scopes": schema.ListAttribute{
			MarkdownDescription: "The scopes to ask a token for. Defaults to none, leaving " +
				"the choice to the identity provider.",
			Optional:    true,
			ElementType: types.StringType,
		},
		"token_url": schema.StringAttribute{
			MarkdownDescription: "The token endpoint of the identity provider, an absolute " +
				"`https` (or `http`) URL. Can also be set with the `" + envOAuth2TokenURL +
				"` environment variable.",
			Optional: true,
		},
	}
}

// backendKind resolves which backend the provider uses: the configuration,
// then LEVER_BACKEND, then the embedded store.
func backendKind(config leverProviderModel, diags *diag.Diagnostics) string {
	kind := firstSet(config.Backend, os.Getenv(envBackend), backendEmbedded)
	if kind != backendEmbedded && kind != backendHTTP {
		// The attribute's validator catches a configured value; this is the
		// environment's.
		diags.AddAttributeError(path.Root("backend"), "Unknown Backend",
			fmt.Sprintf("%s is %q, which is not a backend. Set it to %q (a store file on this "+
				"machine) or %q (the connector profile API), or unset it to use %q.",
				envBackend, kind, backendEmbedded, backendHTTP, backendEmbedded))
	}
	return kind
}

// refuseOtherBackendSettings reports each argument that belongs to the
// backend the provider does not use: it would be ignored, and the user
// would believe it applied.
func refuseOtherBackendSettings(config leverProviderModel, kind string, diags *diag.Diagnostics) {
	values := settingValues(config)
	foreign, fix := httpSettings, fmt.Sprintf("set backend = %q to use the API", backendHTTP)
	if kind == backendHTTP {
		foreign, fix = embeddedSettings, fmt.Sprintf("set backend = %q to use a store file",
			backendEmbedded)
	}
	for _, name := range foreign {
		if values[name].IsNull() {
			continue
		}
		diags.AddAttributeError(path.Root(name), "Setting of Another Backend",
			fmt.Sprintf("%s only applies to the %s backend, but the provider uses the %s backend "+
				"(from backend or %s). Remove %s, or %s.",
				name, otherBackend(kind), kind, envBackend, name, fix))
	}
}

func otherBackend(kind string) string {
	if kind == backendHTTP {
		return backendEmbedded
	}
	return backendHTTP
}

// settingValues gives each backend argument's value by name, for the
// checks that apply to all of them.
func settingValues(config leverProviderModel) map[string]attr.Value {
	return map[string]attr.Value{
		"backend":                 config.Backend,
		"embedded_encryption_key": config.EmbeddedEncryptionKey,
		"embedded_lock_timeout":   config.EmbeddedLockTimeout,
		"embedded_path":           config.EmbeddedPath,
		"endpoint":                config.Endpoint,
		"max_retries":             config.MaxRetries,
		"oauth2":                  config.OAuth2,
		"request_timeout":         config.RequestTimeout,
		"requests_per_second":     config.RequestsPerSecond,
		"token":                   config.Token,
	}
}

// httpBackend is the resolved configuration of the HTTP backend.
type httpBackend struct {
	opts httpclient.Options
	// grant is the client credentials configuration behind opts.TokenSource.
	grant *clientcredentials.Config
}

// cacheKey identifies the settings, credentials included, hashed so that
// no secret stays in memory longer than the client that uses it.
func (b httpBackend) cacheKey() string {
	sum := sha256.New()
	fmt.Fprintf(sum, "%q|%q|%d|%s|%g|%q", b.opts.Endpoint, b.opts.Token, b.opts.MaxRetries,
		b.opts.RequestTimeout, b.opts.RequestsPerSecond, b.opts.UserAgent)
	if g := b.grant; g != nil {
		fmt.Fprintf(sum, "|%q|%q|%q|%q|%q", g.TokenURL, g.ClientID, g.ClientSecret, g.Scopes,
			g.EndpointParams.Encode())
	}
	return hex.EncodeToString(sum.Sum(nil))
}

// httpSettingsOf resolves the HTTP backend's settings: the configuration
// first, then the environment, then the defaults.
func httpSettingsOf(ctx context.Context, config leverProviderModel, userAgent string, diags *diag.Diagnostics) httpBackend {
	opts := httpclient.Options{
		Endpoint:   firstSet(config.Endpoint, os.Getenv(envEndpoint)),
		MaxRetries: defaultMaxRetries,
		UserAgent:  userAgent,
	}
	if problem := checkAbsoluteURL(opts.Endpoint); problem != "" {
		summary := "Invalid API Endpoint"
		if opts.Endpoint == "" {
			summary = "Missing API Endpoint"
		}
		diags.AddAttributeError(path.Root("endpoint"), summary,
			fmt.Sprintf("The HTTP backend needs the connector profile API's base URL, but %s. "+
				"Set endpoint (or %s) to an absolute URL such as "+
				"\"https://profiles.example.com\".", problem, envEndpoint))
	}
	if !config.MaxRetries.IsNull() {
		opts.MaxRetries = int(config.MaxRetries.ValueInt64())
		if n := config.MaxRetries.ValueInt64(); n < 0 || n > 100 {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid Retry Count",
				fmt.Sprintf("max_retries is %d, but it counts the retries of a failed request: "+
					"use a number from 0 (no retries) to 100, or omit it for %d.",
					n, defaultMaxRetries))
		}
	}
	timeout, err := time.ParseDuration(firstSet(config.RequestTimeout, defaultRequestTimeout))
	if err != nil || timeout <= 0 {
		diags.AddAttributeError(path.Root("request_timeout"), "Invalid Duration",
			fmt.Sprintf("request_timeout %q is not a positive duration. Write it as a number "+
				"with a unit, such as \"30s\" or \"2m\".", config.RequestTimeout.ValueString()))
	}
	opts.RequestTimeout = timeout
	rps := config.RequestsPerSecond.ValueFloat64()
	if rps < 0 || math.IsNaN(rps) || math.IsInf(rps, 0) {
		diags.AddAttributeError(path.Root("requests_per_second"), "Invalid Request Rate",
			fmt.Sprintf("requests_per_second is %g, but it is a rate: use a positive number "+
				"such as 10, or 0 (the default) for no limit.", rps))
	} else {
		opts.RequestsPerSecond = rps
	}
	b := httpBackend{opts: opts}
	grant := credentials(ctx, config, &b.opts, diags)
	if grant != nil && !diags.HasError() {
		b.grant = grant
		// The token source outlives this request: it is cached with the
		// client, so it gets a context of its own, with the same timeout.
		tokenCtx := context.WithValue(context.Background(), oauth2.HTTPClient,
			&http.Client{Timeout: timeout})
		b.opts.TokenSource = grant.TokenSource(tokenCtx)
	}
	return b
}

// credentials sets a static token, or returns the client credentials grant
// to get tokens with. Credentials in the configuration override those in
// the environment as a whole, so that a token exported in the shell never
// clashes with an oauth2 argument.
func credentials(ctx context.Context, config leverProviderModel, opts *httpclient.Options, diags *diag.Diagnostics) *clientcredentials.Config {
	grant := &oauth2Model{}
	switch {
	case !config.Token.IsNull() && !config.OAuth2.IsNull():
		diags.AddAttributeError(path.Root("oauth2"), "Two Kinds of Credentials",
			"Both token and oauth2 are set, but the provider authenticates one way. Remove "+
				"token to get tokens with the client credentials grant, or remove oauth2 to use "+
				"the static token.")
		return nil
	case !config.Token.IsNull():
		opts.Token = config.Token.ValueString()
		checkToken(opts.Token, "token", diags)
		return nil
	case !config.OAuth2.IsNull():
		diags.Append(config.OAuth2.As(ctx, grant, basetypes.ObjectAsOptions{})...)
		if diags.HasError() {
			return nil
		}
	case os.Getenv(envToken) != "" && oauth2FromEnvironment():
		diags.AddAttributeError(path.Root("token"), "Two Kinds of Credentials",
			fmt.Sprintf("Both %s and LEVER_OAUTH2_* variables are set in the environment, but "+
				"the provider authenticates one way. Unset one kind, or set token or oauth2 in "+
				"the configuration, which wins over the environment.", envToken))
		return nil
	case os.Getenv(envToken) != "":
		opts.Token = os.Getenv(envToken)
		checkToken(opts.Token, envToken, diags)
		return nil
	case !oauth2FromEnvironment():
		diags.AddAttributeError(path.Root("token"), "Missing API Credentials",
			fmt.Sprintf("The HTTP backend needs credentials for the API. Set token (or %s) to a "+
				"bearer token, or set oauth2 = { token_url, client_id, client_secret } (or %s, "+
				"%s and %s) to get tokens with the client credentials grant.",
				envToken, envOAuth2TokenURL, envOAuth2ClientID, envOAuth2ClientSecret))
		return nil
	}
	return clientCredentials(ctx, grant, diags)
}

// checkToken refuses a bearer token that no HTTP header can carry, such as
// one read from a file with its line break, before any request is tried.
// The token itself is never shown.
func checkToken(token, source string, diags *diag.Diagnostics) {
	if strings.TrimSpace(token) == "" {
		diags.AddAttributeError(path.Root("token"), "Blank Token",
			source+" is blank. Set it to the API's bearer token, or remove it.")
		return
	}
	for i, r := range token {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r > unicode.MaxASCII {
			diags.AddAttributeError(path.Root("token"), "Invalid Token",
				fmt.Sprintf("%s holds %U at byte %d of %d, but a bearer token is printable ASCII "+
					"with no spaces or line breaks. If it is read from a file, strip the line break: "+
					"token = trimspace(file(\"...\")), or export it without one.", source, r, i, len(token)))
			return
		}
	}
}

func oauth2FromEnvironment() bool {
	return os.Getenv(envOAuth2TokenURL) != "" || os.Getenv(envOAuth2ClientID) != "" ||
		os.Getenv(envOAuth2ClientSecret) != ""
}

// clientCredentials resolves a client credentials grant, each argument
// falling back to its environment variable.
func clientCredentials(ctx context.Context, grant *oauth2Model, diags *diag.Diagnostics) *clientcredentials.Config {
	cfg := &clientcredentials.Config{
		TokenURL:     firstSet(grant.TokenURL, os.Getenv(envOAuth2TokenURL)),
		ClientID:     firstSet(grant.ClientID, os.Getenv(envOAuth2ClientID)),
		ClientSecret: firstSet(grant.ClientSecret, os.Getenv(envOAuth2ClientSecret)),
	}
	at := path.Root("oauth2")
	for _, s := range []struct{ name, value, env string }{
		{"token_url", cfg.TokenURL, envOAuth2TokenURL},
		{"client_id", cfg.ClientID, envOAuth2ClientID},
		{"client_secret", cfg.ClientSecret, envOAuth2ClientSecret},
	} {
		if strings.TrimSpace(s.value) == "" {
			diags.AddAttributeError(at.AtName(s.name), "Missing OAuth 2.0 Setting",
				fmt.Sprintf("The client credentials grant needs oauth2.%s, which is not set. Set "+
					"it in the oauth2 argument or with %s.", s.name, s.env))
		}
	}
	if problem := checkAbsoluteURL(cfg.TokenURL); cfg.TokenURL != "" && problem != "" {
		diags.AddAttributeError(at.AtName("token_url"), "Invalid Token URL",
			fmt.Sprintf("oauth2.token_url must be the identity provider's token endpoint, but %s. "+
				"Use an absolute URL such as \"https://login.example.com/oauth2/token\".", problem))
	}
	if !grant.Scopes.IsNull() {
		diags.Append(grant.Scopes.ElementsAs(ctx, &cfg.Scopes, false)...)
	}
	if audience := grant.Audience.ValueString(); audience != "" {
		cfg.EndpointParams = url.Values{"audience": {audience}}
	}
	return cfg
}

// checkAbsoluteURL says what is wrong with an endpoint URL, or returns "".
func checkAbsoluteURL(raw string) string {
	if raw == "" {
		return "it is not set"
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "it is not a URL"
	case u.User != nil:
		return "it has user info; give credentials with token or oauth2 instead"
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Sprintf("%q is not an absolute http or https URL", raw)
	case u.Host == "":
		return fmt.Sprintf("%q has no host", raw)
	case u.RawQuery != "" || u.Fragment != "":
		return fmt.Sprintf("%q has a query or fragment; give only the base URL", raw)
	}
	return ""
}

// openClients shares one HTTP client per set of settings within a process,
// as openStores does for the embedded store: the acceptance tests configure
// a fresh provider for every command, and each client holds a connection
// pool and, with oauth2, a token cache.
var openClients = struct {
	sync.Mutex
	byKey map[string]*httpclient.Client
}{byKey: map[string]*httpclient.Client{}}

func openHTTPClient(b httpBackend) (*httpclient.Client, error) {
	key := b.cacheKey()
	openClients.Lock()
	defer openClients.Unlock()
	if client, ok := openClients.byKey[key]; ok {
		return client, nil
	}
	client, err := httpclient.New(b.opts)
	if err != nil {
		return nil, err
	}
	openClients.byKey[key] = client
	return client, nil
}
