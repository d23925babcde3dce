// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

const (
	testIssuer   = "https://issuer.test/"
	testAudience = "lever-server"
	testKeyID    = "key-1"
)

// issuer is a local JWT issuer whose keys a test server serves as JWKS.
type issuer struct {
	key  *rsa.PrivateKey
	jwks *httptest.Server
}

func newIssuer(t *testing.T) *issuer {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	set := map[string]any{"keys": []map[string]string{{
		"kty": "RSA", "kid": testKeyID, "use": "sig", "alg": "RS256",
		"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
	}}}
	jwks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(set)
	}))
	t.Cleanup(jwks.Close)
	return &issuer{key: key, jwks: jwks}
}

// sign returns a JWT of the claims, with valid defaults for iss, aud, sub
// and exp, signed with key (the issuer's when nil).
func (i *issuer) sign(t *testing.T, claims jwt.MapClaims, key *rsa.PrivateKey) string {
	t.Helper()
	all := jwt.MapClaims{"iss": testIssuer, "aud": testAudience, "sub": "ci-pipeline",
		"exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix()}
	for k, v := range claims {
		if v == nil {
			delete(all, k)
			continue
		}
		all[k] = v
	}
	if key == nil {
		key = i.key
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, all)
	tok.Header["kid"] = testKeyID
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestJWT(t *testing.T) {
	iss := newIssuer(t)
	e := newEnv(t, servertest.Options{JWT: &server.JWTConfig{
		Issuer: testIssuer, Audience: testAudience, JWKSURL: iss.jwks.URL,
	}})

	manager := iss.sign(t, jwt.MapClaims{"tenant": "acme", "role": api.RoleManage}, nil)
	created := decode[api.Profile](t, e.call(manager, http.MethodPost, api.PathProfiles,
		newProfile("From a JWT")).want(t, http.StatusCreated))
	// The JWT's tenant is the static tokens' tenant of the same name.
	e.call(manageToken, http.MethodGet, api.PathProfiles+"/"+created.ID, nil).want(t, http.StatusOK)

	reader := iss.sign(t, jwt.MapClaims{"tenant": "acme", "scope": "openid lever:read-secrets"}, nil)
	e.call(reader, http.MethodGet, api.PathProfiles+"/"+created.ID+api.SuffixSecret, nil).
		want(t, http.StatusOK)
	e.call(reader, http.MethodPost, api.PathProfiles, newProfile("Nope")).want(t, http.StatusForbidden)

	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	for name, token := range map[string]string{
		"wrong audience": iss.sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage", "aud": "other"}, nil),
		"wrong issuer": iss.sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage",
			"iss": "https://evil.test/"}, nil),
		"expired": iss.sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage",
			"exp": time.Now().Add(-time.Hour).Unix()}, nil),
		"no expiry":     iss.sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage", "exp": nil}, nil),
		"no tenant":     iss.sign(t, jwt.MapClaims{"role": "manage"}, nil),
		"no role":       iss.sign(t, jwt.MapClaims{"tenant": "acme", "scope": "openid"}, nil),
		"unknown role":  iss.sign(t, jwt.MapClaims{"tenant": "acme", "role": "admin"}, nil),
		"foreign key":   iss.sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage"}, other),
		"not signed":    unsigned(t, jwt.MapClaims{"tenant": "acme", "role": "manage", "aud": testAudience}),
		"static-shaped": "x.y.z",
	} {
		t.Run(name, func(t *testing.T) {
			a := e.call(token, http.MethodGet, api.PathProfiles, nil).want(t, http.StatusUnauthorized)
			a.problem(t, api.ProblemUnauthenticated)
			if a.header.Get("WWW-Authenticate") == "" {
				t.Error("no WWW-Authenticate")
			}
		})
	}
	bad := iss.sign(t, jwt.MapClaims{"tenant": "Not A Tenant", "role": "manage"}, nil)
	e.call(bad, http.MethodGet, api.PathProfiles, nil).want(t, http.StatusForbidden)
}

func TestJWTClaimNames(t *testing.T) {
	iss := newIssuer(t)
	e := newEnv(t, servertest.Options{JWT: &server.JWTConfig{
		Issuer: testIssuer, Audience: testAudience, JWKSURL: iss.jwks.URL,
		TenantClaim: "org", RoleClaim: "lever_role",
	}})
	token := iss.sign(t, jwt.MapClaims{"org": "acme", "lever_role": "manage"}, nil)
	e.call(token, http.MethodGet, api.PathScopeSets, nil).want(t, http.StatusOK)
	token = iss.sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage"}, nil)
	e.call(token, http.MethodGet, api.PathScopeSets, nil).want(t, http.StatusUnauthorized)
}

func unsigned(t *testing.T, claims jwt.MapClaims) string {
	t.Helper()
	claims["iss"], claims["exp"] = testIssuer, time.Now().Add(time.Hour).Unix()
	s, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
