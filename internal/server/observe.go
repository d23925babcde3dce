// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
)

// maxRequestIDLength bounds a request id a caller sends; a longer one, or
// one with other characters than requestIDChar allows, is replaced.
const maxRequestIDLength = 64

// requestInfo is what the request's log line says beyond the request
// itself, filled in as the request goes through the layers.
type requestInfo struct {
	id     string
	tenant string
	token  string
}

type requestInfoKey struct{}

func requestInfoFrom(ctx context.Context) *requestInfo {
	if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return info
	}
	return &requestInfo{}
}

func requestID(ctx context.Context) string { return requestInfoFrom(ctx).id }

// observe gives the request an id, recovers from a panic in next with a
// problem, and logs one line when the request is done. The line holds no
// header and no body, so never a token or a secret.
func (s *Server) observe(w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
	start := time.Now()
	info := &requestInfo{id: callerRequestID(r.Header.Get(api.HeaderRequestID))}
	if info.id == "" {
		info.id = newRequestID()
	}
	r = r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info))
	w.Header().Set(api.HeaderRequestID, info.id)
	sw := &statusWriter{ResponseWriter: w}

	defer func() {
		if v := recover(); v != nil {
			if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(v)
			}
			s.log.ErrorContext(r.Context(), "handler panicked", "request_id", info.id,
				"method", r.Method, "route", r.Pattern, "panic", v)
			if sw.status == 0 {
				s.writeProblem(sw, r, api.NewProblem(api.ProblemInternal,
					"The server failed; see its log for the request id."))
			}
		}
		level := slog.LevelInfo
		if sw.status >= http.StatusInternalServerError {
			level = slog.LevelError
		}
		s.log.Log(r.Context(), level, "request", "request_id", info.id, "method", r.Method,
			"route", r.Pattern, "status", sw.status,
			"latency_ms", float64(time.Since(start).Microseconds())/1000,
			"tenant", info.tenant, "token_name", info.token)
	}()
	next(sw, r)
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
}

// callerRequestID returns the caller's request id when it is short and made
// of letters, digits and "-_.:", so that it cannot forge a log line.
func callerRequestID(id string) string {
	if id == "" || len(id) > maxRequestIDLength {
		return ""
	}
	for _, c := range id {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == ':'
		if !ok {
			return ""
		}
	}
	return id
}

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	return hex.EncodeToString(b)
}

// statusWriter remembers the status written, for the log line.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// writeJSON answers with v as JSON.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.log.ErrorContext(r.Context(), "encoding the answer failed",
			"request_id", requestID(r.Context()), "error", err.Error())
		s.writeProblem(w, r, api.NewProblem(api.ProblemInternal, "The answer could not be encoded."))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// writeProblem answers with p, stamped with the request's id.
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, p *api.Problem) {
	p.RequestID = requestID(r.Context())
	if p.Instance == "" {
		p.Instance = r.URL.Path
	}
	b, _ := json.Marshal(p) // A Problem holds only strings and numbers.
	h := w.Header()
	h.Del("ETag")
	h.Del("Location")
	h.Set("Content-Type", api.MediaTypeProblem)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_, _ = w.Write(append(b, '\n'))
}
