// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server_test

import (
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server"
	"github.com/connectorprofiles/terraform-provider-lever/internal/server/servertest"
)

const (
	testIssuer   = servertest.IssuerName
	testAudience = servertest.IssuerAudience
)

func TestJWT(t *testing.T) {
	iss := servertest.NewIssuer(t, nil)
	e := newEnv(t, servertest.Options{JWT: &server.JWTConfig{
		Issuer: testIssuer, Audience: testAudience, JWKSURL: iss.JWKSURL,
	}})

	manager := iss.Sign(t, jwt.MapClaims{"tenant": "acme", "role": api.RoleManage}, nil)
	created := decode[api.Profile](t, e.call(manager, http.MethodPost, api.PathProfiles,
		newProfile("From a JWT")).want(t, http.StatusCreated))
	// The JWT's tenant is the static tokens' tenant of the same name.
	e.call(manageToken, http.MethodGet, api.PathProfiles+"/"+created.ID, nil).want(t, http.StatusOK)

	reader := iss.Sign(t, jwt.MapClaims{"tenant": "acme", "scope": "openid lever:read-secrets"}, nil)
	e.call(reader, http.MethodGet, api.PathProfiles+"/"+created.ID+api.SuffixSecret, nil).
		want(t, http.StatusOK)
	e.call(reader, http.MethodPost, api.PathProfiles, newProfile("Nope")).want(t, http.StatusForbidden)

	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	for name, token := range map[string]string{
		"wrong audience": iss.Sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage", "aud": "other"}, nil),
		"wrong issuer": iss.Sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage",
			"iss": "https://evil.test/"}, nil),
		"expired": iss.Sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage",
			"exp": time.Now().Add(-time.Hour).Unix()}, nil),
		"no expiry":     iss.Sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage", "exp": nil}, nil),
		"no tenant":     iss.Sign(t, jwt.MapClaims{"role": "manage"}, nil),
		"no role":       iss.Sign(t, jwt.MapClaims{"tenant": "acme", "scope": "openid"}, nil),
		"unknown role":  iss.Sign(t, jwt.MapClaims{"tenant": "acme", "role": "admin"}, nil),
		"foreign key":   iss.Sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage"}, other),
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
	bad := iss.Sign(t, jwt.MapClaims{"tenant": "Not A Tenant", "role": "manage"}, nil)
	e.call(bad, http.MethodGet, api.PathProfiles, nil).want(t, http.StatusForbidden)
}

func TestJWTClaimNames(t *testing.T) {
	iss := servertest.NewIssuer(t, nil)
	e := newEnv(t, servertest.Options{JWT: &server.JWTConfig{
		Issuer: testIssuer, Audience: testAudience, JWKSURL: iss.JWKSURL,
		TenantClaim: "org", RoleClaim: "lever_role",
	}})
	token := iss.Sign(t, jwt.MapClaims{"org": "acme", "lever_role": "manage"}, nil)
	e.call(token, http.MethodGet, api.PathScopeSets, nil).want(t, http.StatusOK)
	token = iss.Sign(t, jwt.MapClaims{"tenant": "acme", "role": "manage"}, nil)
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
