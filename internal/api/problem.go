// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package api

import (
	"net/http"
	"strconv"
	"strings"
)

// Problem is an RFC 9457 problem document, the body of every error
// response. Type is one of the Problem* constants and never changes
// meaning; Title is the same for every problem of a type.
type Problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail,omitempty"`
	Instance  string `json:"instance,omitempty"`
	RequestID string `json:"request_id,omitempty"`
	// Field is the request body member, query parameter or header at fault,
	// such as "scopes" or "If-Match".
	Field string `json:"field,omitempty"`
	// Errors lists each rule a validation problem broke.
	Errors []FieldError `json:"errors,omitempty"`
	// ExistingID is the id of the object that holds a taken name or the
	// default flag.
	ExistingID   string `json:"existing_id,omitempty"`
	ExistingName string `json:"existing_name,omitempty"`
	// CurrentVersion is the stored version a precondition failed against.
	CurrentVersion int64 `json:"current_version,omitempty"`
}

// FieldError is one broken rule of a validation problem.
type FieldError struct {
	Field string `json:"field"`
	// Element is the offending set element, when the rule is about one.
	Element  string `json:"element,omitempty"`
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
}

// problemPrefix starts every problem type; the rest is the problem's name.
const problemPrefix = "urn:connectorprofiles:problem:"

// Problem types.
const (
	ProblemMalformed            = problemPrefix + "malformed-request"
	ProblemUnauthenticated      = problemPrefix + "unauthenticated"
	ProblemForbidden            = problemPrefix + "forbidden"
	ProblemNotFound             = problemPrefix + "not-found"
	ProblemMethodNotAllowed     = problemPrefix + "method-not-allowed"
	ProblemNameTaken            = problemPrefix + "name-taken"
	ProblemDefaultTaken         = problemPrefix + "default-taken"
	ProblemVersionMismatch      = problemPrefix + "version-mismatch"
	ProblemPreconditionRequired = problemPrefix + "precondition-required"
	ProblemBodyTooLarge         = problemPrefix + "body-too-large"
	ProblemUnsupportedMedia     = problemPrefix + "unsupported-media-type"
	ProblemValidation           = problemPrefix + "validation-failed"
	ProblemIdempotencyKeyReused = problemPrefix + "idempotency-key-reused"
	ProblemRateLimited          = problemPrefix + "rate-limited"
	ProblemStoreBusy            = problemPrefix + "store-busy"
	ProblemInternal             = problemPrefix + "internal-error"
	ProblemUnavailable          = problemPrefix + "unavailable"
)

// ProblemTitles gives each problem type its fixed title and status.
var ProblemTitles = map[string]struct {
	Title  string
	Status int
}{
	ProblemMalformed:            {"The request is malformed", http.StatusBadRequest},
	ProblemUnauthenticated:      {"Authentication is required", http.StatusUnauthorized},
	ProblemForbidden:            {"The token's role does not allow this", http.StatusForbidden},
	ProblemNotFound:             {"No such object", http.StatusNotFound},
	ProblemMethodNotAllowed:     {"The route does not take this method", http.StatusMethodNotAllowed},
	ProblemNameTaken:            {"The name is taken", http.StatusConflict},
	ProblemDefaultTaken:         {"The environment already has a default profile", http.StatusConflict},
	ProblemVersionMismatch:      {"The object was changed by someone else", http.StatusPreconditionFailed},
	ProblemPreconditionRequired: {"An If-Match header is required", http.StatusPreconditionRequired},
	ProblemBodyTooLarge:         {"The request body is too large", http.StatusRequestEntityTooLarge},
	ProblemUnsupportedMedia:     {"The request body must be JSON", http.StatusUnsupportedMediaType},
	ProblemValidation:           {"The request breaks Lever's rules", http.StatusUnprocessableEntity},
	ProblemIdempotencyKeyReused: {"The Idempotency-Key was used for a different request", http.StatusUnprocessableEntity},
	ProblemRateLimited:          {"Too many requests", http.StatusTooManyRequests},
	ProblemStoreBusy:            {"The store is busy", http.StatusServiceUnavailable},
	ProblemInternal:             {"Internal server error", http.StatusInternalServerError},
	ProblemUnavailable:          {"The server is not ready", http.StatusServiceUnavailable},
}

// NewProblem returns a problem of the given type with its title and status.
func NewProblem(typ, detail string) *Problem {
	t := ProblemTitles[typ]
	return &Problem{Type: typ, Title: t.Title, Status: t.Status, Detail: detail}
}

// Error describes the problem, for use as a Go error.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.Title)
	if p.Detail != "" {
		b.WriteString(": ")
		b.WriteString(p.Detail)
	}
	b.WriteString(" (HTTP ")
	b.WriteString(strconv.Itoa(p.Status))
	if p.RequestID != "" {
		b.WriteString(", request ")
		b.WriteString(p.RequestID)
	}
	b.WriteString(")")
	return b.String()
}
