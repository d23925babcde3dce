// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package server is the reference server of the connector profile API: it
// keeps each tenant's profiles and scope sets in a backend.Tenants store,
// checks them with package lever and answers as internal/api/openapi.yaml
// describes.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// DefaultMaxBodyBytes bounds a request body when Config.MaxBodyBytes is zero.
const DefaultMaxBodyBytes = 64 << 10

// Config configures New.
type Config struct {
	// Tenants holds every tenant's store. The server does not close it.
	Tenants backend.Tenants
	// Tokens are the static bearer tokens the server accepts.
	Tokens []Token
	// JWT, when set, also accepts JWTs from one issuer.
	JWT *JWTConfig
	// RatePerSecond is how many requests a token may send per second on
	// average, and Burst how many at once; zero RatePerSecond means no limit.
	RatePerSecond float64
	Burst         int
	// MaxBodyBytes bounds a request body; zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Logger receives one line per request and the audit lines of secret
	// reads; nil discards them.
	Logger *slog.Logger
}

// Server answers the connector profile API. It is an http.Handler.
type Server struct {
	tenants      backend.Tenants
	log          *slog.Logger
	maxBodyBytes int64
	mux          *http.ServeMux
	auth         *authenticator
	limits       *rateLimits
	// stop ends the JWKS refresh.
	stop context.CancelFunc
}

var _ http.Handler = (*Server)(nil)

// New checks the configuration and returns a server. Close releases what
// it started.
func New(cfg Config) (*Server, error) {
	if cfg.Tenants == nil {
		return nil, errors.New("server: no tenants store was given")
	}
	if cfg.MaxBodyBytes < 0 {
		return nil, fmt.Errorf("server: the body limit %d is negative", cfg.MaxBodyBytes)
	}
	s := &Server{
		tenants:      cfg.Tenants,
		log:          cfg.Logger,
		maxBodyBytes: cfg.MaxBodyBytes,
		mux:          http.NewServeMux(),
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.maxBodyBytes == 0 {
		s.maxBodyBytes = DefaultMaxBodyBytes
	}
	limits, err := newRateLimits(cfg.RatePerSecond, cfg.Burst)
	if err != nil {
		return nil, err
	}
	s.limits = limits
	ctx, stop := context.WithCancel(context.Background())
	s.auth, err = newAuthenticator(ctx, cfg.Tokens, cfg.JWT, s.log)
	if err != nil {
		stop()
		return nil, err
	}
	s.stop = stop
	s.routes()
	return s, nil
}

// Close stops the server's background work. It does not close Tenants.
func (s *Server) Close() error {
	s.stop()
	return nil
}

// routeRoles says which roles may use a route.
var (
	manageOnly     = []string{api.RoleManage}
	readers        = []string{api.RoleManage, api.RoleReadSecrets}
	secretReadOnly = []string{api.RoleReadSecrets}
)

func (s *Server) routes() {
	profile := api.PathProfiles + "/{id}"
	scopeSet := api.PathScopeSets + "/{id}"
	s.mux.HandleFunc("GET "+api.PathHealth, s.health)
	s.mux.HandleFunc("GET "+api.PathReady, s.ready)

	s.handle("POST "+api.PathProfiles, manageOnly, s.createProfile)
	s.handle("GET "+api.PathProfiles, readers, s.listProfiles)
	s.handle("GET "+profile, readers, s.getProfile)
	s.handle("PATCH "+profile, manageOnly, s.updateProfile)
	s.handle("DELETE "+profile, manageOnly, s.deleteProfile)
	s.handle("GET "+profile+api.SuffixSecret, secretReadOnly, s.getProfileSecret)

	s.handle("POST "+api.PathScopeSets, manageOnly, s.createScopeSet)
	s.handle("GET "+api.PathScopeSets, manageOnly, s.listScopeSets)
	s.handle("GET "+scopeSet, manageOnly, s.getScopeSet)
	s.handle("PATCH "+scopeSet, manageOnly, s.updateScopeSet)
	s.handle("DELETE "+scopeSet, manageOnly, s.deleteScopeSet)
}

// handler is an API handler: it answers with the tenant's store at hand, or
// returns a problem for the caller to write.
type handler func(w http.ResponseWriter, r *http.Request, store backend.Backend) *api.Problem

// handle registers h behind authentication, the role check, the rate limit
// and the tenant's store.
func (s *Server) handle(pattern string, roles []string, h handler) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if p := s.serveAPI(w, r, roles, h); p != nil {
			s.writeProblem(w, r, p)
		}
	})
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, roles []string, h handler) *api.Problem {
	c, p := s.auth.authenticate(r)
	if p != nil {
		w.Header().Set("WWW-Authenticate", challenge(p))
		return p
	}
	info := requestInfoFrom(r.Context())
	info.tenant, info.token = c.tenant, c.name
	if !c.mayUse(roles) {
		return api.NewProblem(api.ProblemForbidden, fmt.Sprintf(
			"The token %q may not use %s; it needs the role %s.",
			c.name, r.Pattern, roleList(roles)))
	}
	if p := s.limits.allow(w, c.name); p != nil {
		return p
	}
	store, err := s.tenants.Tenant(r.Context(), c.tenant)
	if err != nil {
		return s.storeProblem(w, r, err)
	}
	return h(w, r, store)
}

// ServeHTTP answers one request: it gives it an id, logs it, and turns the
// mux's own "not found" and "method not allowed" into problem documents.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.observe(w, r, func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := s.mux.Handler(r); pattern != "" {
			s.mux.ServeHTTP(w, r)
			return
		}
		rec := &statusOnly{header: http.Header{}}
		s.mux.ServeHTTP(rec, r)
		switch rec.status {
		case http.StatusMethodNotAllowed:
			w.Header().Set("Allow", rec.header.Get("Allow"))
			s.writeProblem(w, r, api.NewProblem(api.ProblemMethodNotAllowed, fmt.Sprintf(
				"%s takes %s, not %s.", r.URL.Path, rec.header.Get("Allow"), r.Method)))
		case http.StatusNotFound, 0:
			s.writeProblem(w, r, api.NewProblem(api.ProblemNotFound, fmt.Sprintf(
				"The API has no route %s.", r.URL.Path)))
		default:
			for k, v := range rec.header {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.status)
		}
	})
}

// statusOnly keeps the status and headers the mux writes for a request no
// route takes, dropping its plain-text body.
type statusOnly struct {
	header http.Header
	status int
}

func (r *statusOnly) Header() http.Header { return r.header }

func (r *statusOnly) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return len(b), nil
}

func (r *statusOnly) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, api.Health{Status: "ok"})
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	if err := s.tenants.Ping(r.Context()); err != nil {
		s.log.WarnContext(r.Context(), "store not ready", "request_id", requestID(r.Context()),
			"store", s.tenants.Describe(), "error", err.Error())
		s.writeProblem(w, r, api.NewProblem(api.ProblemUnavailable,
			"The store does not answer; see the server's log."))
		return
	}
	s.writeJSON(w, r, http.StatusOK, api.Health{Status: "ok"})
}
