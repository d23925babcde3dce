// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/lever"
)

// busyRetryAfter is the Retry-After, in seconds, of a store-busy answer.
const busyRetryAfter = 1

// storeProblem turns a store's error into a problem. Errors without a
// meaning to the caller are logged and answered as internal errors, since
// they may name hosts or files.
func (s *Server) storeProblem(w http.ResponseWriter, r *http.Request, err error) *api.Problem {
	var nameTaken *backend.NameTakenError
	var defaultTaken *backend.DefaultTakenError
	var conflict *backend.ConflictError
	var busy *backend.BusyError
	switch {
	case errors.Is(err, backend.ErrNotFound):
		return api.NewProblem(api.ProblemNotFound, fmt.Sprintf(
			"No object of this tenant has the id %q.", r.PathValue("id")))
	case errors.Is(err, backend.ErrInvalidTenant):
		return api.NewProblem(api.ProblemForbidden, "The token names a tenant that is not valid: "+
			err.Error()+".")
	case errors.As(err, &nameTaken):
		p := api.NewProblem(api.ProblemNameTaken, nameTakenDetail(nameTaken))
		p.Field, p.ExistingID, p.ExistingName = lever.FieldName, nameTaken.ExistingID, nameTaken.Name
		return p
	case errors.As(err, &defaultTaken):
		p := api.NewProblem(api.ProblemDefaultTaken, fmt.Sprintf(
			"The %s environment already has the default profile %q (%s); an environment has "+
				"at most one. Unset default on that profile first.",
			defaultTaken.Environment, defaultTaken.ExistingName, defaultTaken.ExistingID))
		p.Field, p.ExistingID, p.ExistingName = "default", defaultTaken.ExistingID, defaultTaken.ExistingName
		return p
	case errors.As(err, &conflict):
		return versionMismatch(conflict.Expected, conflict.Actual)
	case errors.As(err, &busy):
		p := api.NewProblem(api.ProblemStoreBusy, fmt.Sprintf(
			"The store stayed locked by another writer for %s; try again.", busy.Timeout))
		w.Header().Set("Retry-After", strconv.Itoa(busyRetryAfter))
		s.log.WarnContext(r.Context(), "store busy", "request_id", requestID(r.Context()),
			"error", err.Error())
		return p
	}
	s.log.ErrorContext(r.Context(), "store failed", "request_id", requestID(r.Context()),
		"route", r.Pattern, "error", err.Error())
	return api.NewProblem(api.ProblemInternal, "The store failed; see the server's log for the request id.")
}

func nameTakenDetail(e *backend.NameTakenError) string {
	if e.Environment != "" {
		return fmt.Sprintf("A %s named %q already exists in %s with id %s. Choose another name, "+
			"or import the existing one.", e.Kind, e.Name, e.Environment, e.ExistingID)
	}
	return fmt.Sprintf("A %s named %q already exists with id %s. Choose another name, or import "+
		"the existing one.", e.Kind, e.Name, e.ExistingID)
}

// validationProblem returns a 422 problem for the errors among ps, listing
// every problem, or nil when there are only warnings.
func validationProblem(ps []lever.Problem) *api.Problem {
	if !lever.HasErrors(ps) {
		return nil
	}
	p := api.NewProblem(api.ProblemValidation, "")
	for _, lp := range ps {
		p.Errors = append(p.Errors, api.FieldError{Field: lp.Field, Element: lp.Element,
			Severity: lp.Severity.String(), Summary: lp.Summary, Detail: lp.Detail})
		if p.Field == "" && lp.Severity == lever.SeverityError {
			p.Field, p.Detail = lp.Field, lp.Summary+": "+lp.Detail
		}
	}
	return p
}

// encodeCursor and decodeCursor turn the last id of a page into a cursor.
func encodeCursor(id string) string { return base64.RawURLEncoding.EncodeToString([]byte(id)) }

func decodeCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	id := string(b)
	if err != nil || !backend.IsID(backend.ProfileIDPrefix, id) && !backend.IsID(backend.ScopeSetIDPrefix, id) {
		return "", errors.New("bad cursor")
	}
	return id, nil
}
