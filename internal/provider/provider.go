// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package provider is the Terraform face of Lever connector profiles: schemas,
// models and CRUD that translate between Terraform and packages lever and
// backend. It holds no Lever facts of its own.
package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/embedded"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

const (
	// DefaultEmbeddedPath is where the embedded store lives when neither the
	// configuration nor the environment names a path. It is relative to the
	// directory Terraform runs in.
	DefaultEmbeddedPath = ".lever/profiles.db"
	// defaultLockTimeout is how long a write waits for another writer.
	defaultLockTimeout = 10 * time.Second

	envEmbeddedPath          = "LEVER_EMBEDDED_PATH"
	envEmbeddedLockTimeout   = "LEVER_EMBEDDED_LOCK_TIMEOUT"
	envEmbeddedEncryptionKey = "LEVER_EMBEDDED_ENCRYPTION_KEY"
)

var (
	_ provider.Provider              = (*leverProvider)(nil)
	_ provider.ProviderWithFunctions = (*leverProvider)(nil)
)

// New returns a constructor for the provider at the given version, as
// providerserver.Serve and the acceptance tests expect.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &leverProvider{version: version}
	}
}

type leverProvider struct {
	version string
}

type leverProviderModel struct {
	Backend               types.String  `tfsdk:"backend"`
	EmbeddedPath          types.String  `tfsdk:"embedded_path"`
	EmbeddedLockTimeout   types.String  `tfsdk:"embedded_lock_timeout"`
	EmbeddedEncryptionKey types.String  `tfsdk:"embedded_encryption_key"`
	Endpoint              types.String  `tfsdk:"endpoint"`
	Token                 types.String  `tfsdk:"token"`
	OAuth2                types.Object  `tfsdk:"oauth2"`
	MaxRetries            types.Int64   `tfsdk:"max_retries"`
	RequestTimeout        types.String  `tfsdk:"request_timeout"`
	RequestsPerSecond     types.Float64 `tfsdk:"requests_per_second"`
	DefaultCallbackURL    types.String  `tfsdk:"default_callback_url"`
}

// providerData is what Configure hands to every resource and data source.
type providerData struct {
	backend backend.Backend
	// defaultCallbackURL is unknown while the provider configuration's
	// value is, in which case profiles without a callback plan it unknown.
	defaultCallbackURL types.String
}

func (p *leverProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "lever"
	resp.Version = p.version
}

func (p *leverProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	attributes := map[string]schema.Attribute{
		"backend": schema.StringAttribute{
			MarkdownDescription: "Where profiles and scope sets are kept: `" + backendEmbedded +
				"`, a store file on this machine, or `" + backendHTTP + "`, the connector " +
				"profile API at `endpoint`, shared by a team. Defaults to `" + backendEmbedded +
				"`; can also be set with the `" + envBackend + "` environment variable. " +
				"The `embedded_*` arguments apply only to the first, `endpoint`, `token`, " +
				"`oauth2`, `max_retries`, `request_timeout` and `requests_per_second` only to " +
				"the second.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.OneOf(backendEmbedded, backendHTTP)},
		},
	}
	maps.Copy(attributes, httpSchemaAttributes())
	maps.Copy(attributes, embeddedSchemaAttributes())
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Lever OAuth 2.0 connector profiles and reusable scope sets, " +
			"checking Lever's rules at plan time.",
		Attributes: attributes,
	}
}

// embeddedSchemaAttributes are the provider arguments of the embedded store
// and those that apply to every backend.
func embeddedSchemaAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"default_callback_url": schema.StringAttribute{
			MarkdownDescription: "The callback URL a connector profile gets when it names none. " +
				"Defaults to the integration platform's Lever callback, `" +
				lever.DefaultCallbackURL + "`. Must be an absolute `https` URL " +
				"(`http` only for `localhost`, `127.0.0.1` and `[::1]`), with no fragment " +
				"and no user info.",
			Optional:   true,
			Validators: []validator.String{defaultCallbackURLValidator()},
		},
		"embedded_encryption_key": schema.StringAttribute{
			MarkdownDescription: "The key that encrypts client secrets in the embedded store: " +
				"32 random bytes in standard base64, such as the output of " +
				"`openssl rand -base64 32`. Can also be set with the `" +
				envEmbeddedEncryptionKey + "` environment variable. When neither is set, the " +
				"key is read from `terraform-provider-lever/embedded-store.key` in the user's " +
				"configuration folder (`$XDG_CONFIG_HOME` or `~/.config` on Linux), which is " +
				"created owner-only for a new store. A store that holds secrets only opens with " +
				"the key it was created with: back the key up, and keep it apart from the store.",
			Optional:  true,
			Sensitive: true,
		},
		"embedded_lock_timeout": schema.StringAttribute{
			MarkdownDescription: "How long a write to the embedded store waits while another " +
				"process holds the store's lock, as a Go duration such as `30s`. Past it the " +
				"operation fails, saying the store is busy. Defaults to `10s`; can also be " +
				"set with the `" + envEmbeddedLockTimeout + "` environment variable.",
			Optional:   true,
			Validators: []validator.String{durationValidator{}},
		},
		"embedded_path": schema.StringAttribute{
			MarkdownDescription: "Path of the embedded store, a SQLite database file created " +
				"owner-only on first use. Relative paths are taken from the directory " +
				"Terraform runs in. Defaults to `" + DefaultEmbeddedPath + "`; can also be " +
				"set with the `" + envEmbeddedPath + "` environment variable.",
			Optional:   true,
			Validators: []validator.String{notBlankValidator{}},
		},
	}
}

func (p *leverProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config leverProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)

	if resp.Diagnostics.HasError() {
		return
	}

	refuseUnknownSettings(config, &resp.Diagnostics)
	kind := backendKind(config, &resp.Diagnostics)
	refuseOtherBackendSettings(config, kind, &resp.Diagnostics)

	if resp.Diagnostics.HasError() {
		return
	}

	store := p.openBackend(ctx, config, kind, req.TerraformVersion, &resp.Diagnostics)

	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Debug(ctx, "configured the lever provider", map[string]any{"store": store.Describe()})

	data := &providerData{
		backend:            store,
		defaultCallbackURL: config.DefaultCallbackURL,
	}
	if config.DefaultCallbackURL.IsNull() {
		data.defaultCallbackURL = types.StringValue(lever.DefaultCallbackURL)
	}
	resp.ResourceData = data
	resp.DataSourceData = data
}

// openBackend opens the embedded store or sets up the API client, each
// shared within the process.
func (p *leverProvider) openBackend(ctx context.Context, config leverProviderModel, kind, terraformVersion string, diags *diag.Diagnostics) backend.Backend {
	if kind == backendHTTP {
		userAgent := fmt.Sprintf("terraform-provider-lever/%s (+terraform %s)", p.version,
			terraformVersion)
		settings := httpSettingsOf(ctx, config, userAgent, diags)
		if diags.HasError() {
			return nil
		}
		client, err := openHTTPClient(settings)
		if err != nil {
			diags.AddAttributeError(path.Root("endpoint"), "Cannot Set Up the HTTP Backend",
				fmt.Sprintf("The provider could not set up its client of the API at %q. Check "+
					"endpoint and the other HTTP backend settings.\n\n%s",
					settings.opts.Endpoint, err))
			return nil
		}
		return client
	}

	opts := storeSettings(config, diags)
	if diags.HasError() {
		return nil
	}
	store, err := openEmbeddedStore(ctx, opts)
	if err != nil {
		diags.AddAttributeError(path.Root("embedded_path"),
			"Cannot Open the Embedded Store",
			fmt.Sprintf("The provider could not open its embedded store at %q. Set embedded_path "+
				"(or %s) to a new file in a writable folder, or to an existing store.\n\n%s",
				opts.Path, envEmbeddedPath, err))
		return nil
	}
	return store
}

// refuseUnknownSettings reports every backend setting unknown at plan: the
// provider must reach its store to plan, and falling back to a default
// store instead would make refresh find nothing.
func refuseUnknownSettings(config leverProviderModel, diags *diag.Diagnostics) {
	for attribute, value := range settingValues(config) {
		if !hasUnknown(value) {
			continue
		}
		diags.AddAttributeError(path.Root(attribute), "Store Setting Unknown at Plan",
			fmt.Sprintf("%s depends on a value Terraform only knows after apply, but the "+
				"provider must reach its store to plan. Set it to a value known at plan, or "+
				"apply what it depends on first with -target.", attribute))
	}
}

// hasUnknown reports a value that is unknown or holds an unknown value.
func hasUnknown(value attr.Value) bool {
	if value.IsUnknown() {
		return true
	}
	var inner []attr.Value
	switch v := value.(type) {
	case types.Object:
		inner = slices.Collect(maps.Values(v.Attributes()))
	case types.List:
		inner = v.Elements()
	}
	return slices.ContainsFunc(inner, hasUnknown)
}

// storeSettings resolves where the embedded store is and how long a write
// waits for its lock: the configuration first, then the environment, then
// the defaults.
func storeSettings(config leverProviderModel, diags *diag.Diagnostics) embedded.Options {
	storePath := firstSet(config.EmbeddedPath, os.Getenv(envEmbeddedPath), DefaultEmbeddedPath)
	if strings.TrimSpace(storePath) == "" {
		diags.AddAttributeError(path.Root("embedded_path"), "Blank Store Path",
			fmt.Sprintf("%s is blank. Unset it to use %s, or set it to the store's file.",
				envEmbeddedPath, DefaultEmbeddedPath))
	}
	timeout := defaultLockTimeout
	timeoutText := firstSet(config.EmbeddedLockTimeout, os.Getenv(envEmbeddedLockTimeout))
	if timeoutText != "" {
		parsed, err := time.ParseDuration(timeoutText)
		if err != nil || parsed <= 0 {
			diags.AddAttributeError(path.Root("embedded_lock_timeout"), "Invalid Lock Timeout",
				fmt.Sprintf("The embedded store's lock timeout %q (from the configuration or %s) "+
					"is not a positive Go duration. Use a value such as \"10s\" or \"1m\".",
					timeoutText, envEmbeddedLockTimeout))
		}
		timeout = parsed
	}
	opts := embedded.Options{Path: storePath, LockTimeout: timeout}
	if keyText := firstSet(config.EmbeddedEncryptionKey, os.Getenv(envEmbeddedEncryptionKey)); keyText != "" {
		key, err := embedded.ParseKey(keyText)
		if err != nil {
			diags.AddAttributeError(path.Root("embedded_encryption_key"), "Invalid Encryption Key",
				fmt.Sprintf("The embedded store's encryption key (from the configuration or %s) "+
					"is not usable: %s.", envEmbeddedEncryptionKey, err))
		}
		opts.EncryptionKey = key
	}
	return opts
}

func (p *leverProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewConnectorProfileResource,
		NewScopeSetResource,
	}
}

func (p *leverProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewConnectorProfileDataSource,
		NewConnectorProfilesDataSource,
		NewEnvironmentDataSource,
		NewScopeSetDataSource,
	}
}

func (p *leverProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewAuthorizationURLFunction,
		NewExpandScopesFunction,
		NewNormalizeScopesFunction,
	}
}

// firstSet returns the configured value when it is set, else the first
// non-empty fallback.
func firstSet(configured types.String, fallbacks ...string) string {
	if !configured.IsNull() && !configured.IsUnknown() && configured.ValueString() != "" {
		return configured.ValueString()
	}
	for _, f := range fallbacks {
		if f != "" {
			return f
		}
	}
	return ""
}

// openStores shares one open store per file, timeout and key within a process.
// Terraform configures a provider once per process, but the acceptance tests
// configure a fresh provider for every command in one process, and each
// store holds a connection pool that would otherwise never be released.
var openStores = struct {
	sync.Mutex
	byKey map[string]*embedded.Store
}{byKey: map[string]*embedded.Store{}}

func openEmbeddedStore(ctx context.Context, opts embedded.Options) (*embedded.Store, error) {
	abs, err := filepath.Abs(opts.Path)
	if err != nil {
		return nil, err
	}
	opts.Path = abs
	keyID := sha256.Sum256(opts.EncryptionKey)
	key := abs + "|" + opts.LockTimeout.String() + "|" + hex.EncodeToString(keyID[:])

	openStores.Lock()
	defer openStores.Unlock()
	if store, ok := openStores.byKey[key]; ok {
		return store, nil
	}
	store, err := embedded.Open(ctx, opts)
	if err != nil {
		return nil, err
	}
	openStores.byKey[key] = store
	return store, nil
}
