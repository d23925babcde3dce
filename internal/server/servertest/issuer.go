// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package servertest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// The claims every token of an Issuer carries unless told otherwise.
const (
	IssuerName     = "https://issuer.test/"
	IssuerAudience = "lever-server"
	issuerKeyID    = "key-1"
)

// Issuer is a local OAuth 2.0 authorization server: it signs JWTs with an
// RSA key, serves that key as a JWKS document, and answers the client
// credentials grant for the clients it was given.
type Issuer struct {
	// JWKSURL serves the public key, for server.JWTConfig.
	JWKSURL string
	// TokenURL answers client credentials requests, for the provider's
	// oauth2 block.
	TokenURL string

	key     *rsa.PrivateKey
	clients map[string]IssuerClient
	issued  atomic.Int64
}

// IssuerClient is a client the Issuer grants tokens to: its secret, and the
// claims of the tokens it gets.
type IssuerClient struct {
	Secret string
	Claims jwt.MapClaims
}

// NewIssuer starts an Issuer on loopback, stopped when the test ends.
func NewIssuer(tb testing.TB, clients map[string]IssuerClient) *Issuer {
	tb.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		tb.Fatal(err)
	}
	i := &Issuer{key: key, clients: clients}
	b64 := base64.RawURLEncoding.EncodeToString
	keys := map[string]any{"keys": []map[string]string{{
		"kty": "RSA", "kid": issuerKeyID, "use": "sig", "alg": "RS256",
		"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
	}}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /jwks.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(keys)
	})
	mux.HandleFunc("POST /oauth/token", i.grant)
	ts := httptest.NewServer(mux)
	tb.Cleanup(ts.Close)
	i.JWKSURL, i.TokenURL = ts.URL+"/jwks.json", ts.URL+"/oauth/token"
	return i
}

// Issued returns how many tokens the token endpoint has granted.
func (i *Issuer) Issued() int64 { return i.issued.Load() }

// grant answers a client credentials request, with the client's id and
// secret in the body or in HTTP Basic authentication.
func (i *Issuer) grant(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		tokenError(w, http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	client, known := i.clients[id]
	if !known || subtle.ConstantTimeCompare([]byte(secret), []byte(client.Secret)) != 1 {
		tokenError(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	claims := jwt.MapClaims{"sub": id}
	for k, v := range client.Claims {
		claims[k] = v
	}
	if scope := r.PostForm.Get("scope"); scope != "" {
		claims["scope"] = scope
	}
	if audience := r.PostForm.Get("audience"); audience != "" {
		claims["aud"] = audience
	}
	token, err := i.sign(claims, nil)
	if err != nil {
		tokenError(w, http.StatusInternalServerError, "server_error")
		return
	}
	i.issued.Add(1)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"access_token": token, "token_type": "Bearer", "expires_in": 3600,
	})
}

func tokenError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code})
}

// Sign returns a JWT of the claims over defaults for iss, aud, sub, iat and
// exp; a claim set to nil is left out. It signs with key, or with the
// Issuer's own key when key is nil.
func (i *Issuer) Sign(tb testing.TB, claims jwt.MapClaims, key *rsa.PrivateKey) string {
	tb.Helper()
	signed, err := i.sign(claims, key)
	if err != nil {
		tb.Fatal(err)
	}
	return signed
}

func (i *Issuer) sign(claims jwt.MapClaims, key *rsa.PrivateKey) (string, error) {
	all := jwt.MapClaims{"iss": IssuerName, "aud": IssuerAudience, "sub": "ci-pipeline",
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
	token := jwt.NewWithClaims(jwt.SigningMethodRS256, all)
	token.Header["kid"] = issuerKeyID
	return token.SignedString(key)
}
