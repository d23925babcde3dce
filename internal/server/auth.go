// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// Token is a static bearer token the server accepts. Only its SHA-256 is
// configured, so that the configuration holds no usable secret.
type Token struct {
	// Name identifies the token in logs.
	Name string `json:"name"`
	// Tenant is the tenant whose objects the token sees.
	Tenant string `json:"tenant"`
	// Role is api.RoleManage or api.RoleReadSecrets.
	Role string `json:"role"`
	// SHA256 is the hex SHA-256 of the token.
	SHA256 string `json:"sha256"`
}

// JWTConfig accepts JWTs signed by keys from a JWKS URL.
type JWTConfig struct {
	// Issuer and Audience must match the token's iss and aud claims.
	Issuer   string
	Audience string
	// JWKSURL serves the issuer's public keys.
	JWKSURL string
	// TenantClaim names the claim holding the tenant; empty means "tenant".
	TenantClaim string
	// RoleClaim names the claim holding the role; empty means "role". When
	// the token has no such claim, the role comes from a space-separated
	// "scope" claim holding "lever:manage" or "lever:read-secrets".
	RoleClaim string
	// HTTPClient fetches the keys; nil means http.DefaultClient.
	HTTPClient *http.Client
}

// scopePrefix starts the OAuth scopes that grant a role.
const scopePrefix = "lever:"

// caller is an authenticated token.
type caller struct {
	name   string
	tenant string
	roles  []string
}

// mayUse reports whether the caller holds one of roles.
func (c caller) mayUse(roles []string) bool {
	for _, r := range c.roles {
		if slices.Contains(roles, r) {
			return true
		}
	}
	return false
}

type staticToken struct {
	Token
	sum []byte
}

type authenticator struct {
	tokens []staticToken
	jwt    *JWTConfig
	keys   keyfunc.Keyfunc
	parser *jwt.Parser
}

func newAuthenticator(ctx context.Context, tokens []Token, cfg *JWTConfig, log *slog.Logger) (*authenticator, error) {
	a := &authenticator{}
	names := map[string]bool{}
	for i, t := range tokens {
		sum, err := hex.DecodeString(t.SHA256)
		switch {
		case t.Name == "":
			return nil, fmt.Errorf("server: token %d has no name", i+1)
		case names[t.Name]:
			return nil, fmt.Errorf("server: two tokens are named %q; names identify tokens in logs", t.Name)
		case err != nil || len(sum) != sha256.Size:
			return nil, fmt.Errorf("server: the sha256 of token %q is not 64 hex digits", t.Name)
		case backend.CheckTenant(t.Tenant) != nil:
			return nil, fmt.Errorf("server: token %q: %w", t.Name, backend.CheckTenant(t.Tenant))
		case t.Role != api.RoleManage && t.Role != api.RoleReadSecrets:
			return nil, fmt.Errorf("server: token %q has the role %q; roles are %q and %q",
				t.Name, t.Role, api.RoleManage, api.RoleReadSecrets)
		}
		names[t.Name] = true
		a.tokens = append(a.tokens, staticToken{Token: t, sum: sum})
	}
	if cfg == nil {
		return a, nil
	}
	if cfg.Issuer == "" || cfg.Audience == "" || cfg.JWKSURL == "" {
		return nil, errors.New("server: JWTs need an issuer, an audience and a JWKS URL")
	}
	jwtCfg := *cfg
	if jwtCfg.TenantClaim == "" {
		jwtCfg.TenantClaim = "tenant"
	}
	if jwtCfg.RoleClaim == "" {
		jwtCfg.RoleClaim = "role"
	}
	a.jwt = &jwtCfg
	keys, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{cfg.JWKSURL}, keyfunc.Override{
		Client: cfg.HTTPClient,
		RefreshErrorHandlerFunc: func(u string) func(context.Context, error) {
			return func(ctx context.Context, err error) {
				log.WarnContext(ctx, "fetching the JWKS failed", "url", u, "error", err.Error())
			}
		},
	})
	if err != nil {
		return nil, fmt.Errorf("server: JWKS at %s: %w", cfg.JWKSURL, err)
	}
	a.keys = keys
	a.parser = jwt.NewParser(
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithAudience(cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(30*time.Second),
		jwt.WithValidMethods([]string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
			"ES256", "ES384", "ES512", "EdDSA"}),
	)
	return a, nil
}

// authenticate finds the caller of r, or returns a 401 problem.
func (a *authenticator) authenticate(r *http.Request) (caller, *api.Problem) {
	raw, ok := bearer(r.Header.Get("Authorization"))
	if !ok {
		return caller{}, api.NewProblem(api.ProblemUnauthenticated,
			"Send a token in an Authorization header: Bearer <token>.")
	}
	sum := sha256.Sum256([]byte(raw))
	found := -1
	for i, t := range a.tokens {
		// Compare with every token, so that the time taken says nothing.
		if subtle.ConstantTimeCompare(sum[:], t.sum) == 1 {
			found = i
		}
	}
	if found >= 0 {
		t := a.tokens[found]
		return caller{name: t.Name, tenant: t.Tenant, roles: []string{t.Role}}, nil
	}
	if a.jwt != nil && strings.Count(raw, ".") == 2 {
		return a.parseJWT(r.Context(), raw)
	}
	return caller{}, invalidToken("The token is not one this server accepts.")
}

func (a *authenticator) parseJWT(ctx context.Context, raw string) (caller, *api.Problem) {
	claims := jwt.MapClaims{}
	if _, err := a.parser.ParseWithClaims(raw, claims, a.keys.KeyfuncCtx(ctx)); err != nil {
		return caller{}, invalidToken("The JWT is not valid here: " + jwtReason(err) + ".")
	}
	tenant, _ := claims[a.jwt.TenantClaim].(string)
	if tenant == "" {
		return caller{}, invalidToken(fmt.Sprintf("The JWT has no %q claim naming its tenant.",
			a.jwt.TenantClaim))
	}
	roles := jwtRoles(claims, a.jwt.RoleClaim)
	if len(roles) == 0 {
		return caller{}, invalidToken(fmt.Sprintf("The JWT grants no role: it needs a %q claim "+
			"or a scope claim holding %s%s or %s%s.", a.jwt.RoleClaim,
			scopePrefix, api.RoleManage, scopePrefix, api.RoleReadSecrets))
	}
	subject, _ := claims.GetSubject()
	return caller{name: "jwt:" + subject, tenant: tenant, roles: roles}, nil
}

// jwtRoles reads the roles from the role claim, else from the scope claim.
func jwtRoles(claims jwt.MapClaims, roleClaim string) []string {
	known := func(r string) bool { return r == api.RoleManage || r == api.RoleReadSecrets }
	if role, ok := claims[roleClaim].(string); ok {
		if known(role) {
			return []string{role}
		}
		return nil
	}
	scope, _ := claims["scope"].(string)
	var roles []string
	for _, s := range strings.Fields(scope) {
		if r, ok := strings.CutPrefix(s, scopePrefix); ok && known(r) && !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	return roles
}

// jwtReason says why a JWT failed, without repeating any of it.
func jwtReason(err error) string {
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return "it has expired"
	case errors.Is(err, jwt.ErrTokenNotValidYet), errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		return "it is not valid yet"
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return "its issuer is not the one configured"
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return "its audience is not this server"
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return "it lacks a required claim, such as exp"
	case errors.Is(err, jwt.ErrTokenSignatureInvalid), errors.Is(err, jwt.ErrTokenUnverifiable):
		return "its signature does not verify with the issuer's keys"
	}
	return "it is malformed"
}

func invalidToken(detail string) *api.Problem {
	p := api.NewProblem(api.ProblemUnauthenticated, detail)
	p.Field = "Authorization"
	return p
}

// challenge is the WWW-Authenticate header of a 401.
func challenge(p *api.Problem) string {
	if p.Field == "Authorization" {
		return `Bearer realm="lever", error="invalid_token"`
	}
	return `Bearer realm="lever"`
}

// bearer returns the token of an "Authorization: Bearer <token>" header.
func bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

func roleList(roles []string) string {
	quoted := make([]string, len(roles))
	for i, r := range roles {
		quoted[i] = fmt.Sprintf("%q", r)
	}
	return strings.Join(quoted, " or ")
}
