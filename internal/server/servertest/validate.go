// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package servertest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
)

// loadRouter reads api.OpenAPI once per test binary.
var loadRouter = sync.OnceValues(func() (routers.Router, error) {
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
	if err != nil {
		return nil, err
	}
	// Match any host: the test server's address is not the document's.
	doc.Servers = nil
	return gorillamux.NewRouter(doc)
})

// Validating wraps h so that every request and every answer is checked
// against the OpenAPI document, failing tb on any mismatch. A request that
// breaks the document must get a 4xx problem; a path the document does not
// have must get 404 or 405.
func Validating(tb testing.TB, h http.Handler) http.Handler {
	router, err := loadRouter()
	if err != nil {
		tb.Fatalf("loading the OpenAPI document: %v", err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		what := r.Method + " " + r.URL.RequestURI()

		route, params, findErr := router.FindRoute(r)
		if findErr != nil {
			h.ServeHTTP(rec, r)
			if rec.Code != http.StatusNotFound && rec.Code != http.StatusMethodNotAllowed {
				tb.Errorf("%s is not in the OpenAPI document, yet was answered %d", what, rec.Code)
			}
			checkCommon(tb, what, rec)
			copyRecorded(w, rec)
			return
		}

		in := &openapi3filter.RequestValidationInput{
			Request: r, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
		}
		reqErr := openapi3filter.ValidateRequest(r.Context(), in)
		r.Body = io.NopCloser(bytes.NewReader(body))
		h.ServeHTTP(rec, r)
		if reqErr != nil && (rec.Code < 400 || rec.Code >= 500) {
			tb.Errorf("%s breaks the OpenAPI document (%v), yet was answered %d", what, reqErr, rec.Code)
		}
		err := openapi3filter.ValidateResponse(r.Context(), &openapi3filter.ResponseValidationInput{
			RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
			Body:    io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
			Options: &openapi3filter.Options{IncludeResponseStatus: true},
		})
		if err != nil {
			tb.Errorf("the answer %d to %s breaks the OpenAPI document: %v\n%s", rec.Code, what, err, rec.Body)
		}
		checkCommon(tb, what, rec)
		copyRecorded(w, rec)
	})
}

// checkCommon checks what every answer shares: a request id, repeated in
// a problem document.
func checkCommon(tb testing.TB, what string, rec *httptest.ResponseRecorder) {
	id := rec.Header().Get(api.HeaderRequestID)
	if id == "" {
		tb.Errorf("the answer %d to %s has no %s header", rec.Code, what, api.HeaderRequestID)
	}
	if rec.Code < 400 {
		return
	}
	if ct := rec.Header().Get("Content-Type"); ct != api.MediaTypeProblem {
		tb.Errorf("the answer %d to %s is %q, not a problem document", rec.Code, what, ct)
		return
	}
	var p api.Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		tb.Errorf("the problem answering %s does not decode: %v", what, err)
		return
	}
	if p.RequestID != id || p.Status != rec.Code || api.ProblemTitles[p.Type].Status != rec.Code {
		tb.Errorf("the problem answering %s disagrees with its answer %d (request id %q): %+v",
			what, rec.Code, id, p)
	}
}

func copyRecorded(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}
