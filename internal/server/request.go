// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
)

// readBody reads the JSON body of r into v. It answers 415 for another
// content type, 413 past the body limit and 400 for anything but one JSON
// object of v's members, naming an unknown member. It returns the body in
// compact form, for the request key.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, v any) ([]byte, *api.Problem) {
	media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || media != "application/json" {
		p := api.NewProblem(api.ProblemUnsupportedMedia, "Send the body as application/json.")
		p.Field = "Content-Type"
		return nil, p
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBodyBytes))
	if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
		return nil, api.NewProblem(api.ProblemBodyTooLarge, fmt.Sprintf(
			"The body is over the limit of %d bytes.", tooLarge.Limit))
	}
	if err != nil {
		return nil, malformed("", "The body could not be read.")
	}
	if p := checkMembers(body, v); p != nil {
		return nil, p
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return nil, decodeProblem(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, malformed("", "The body holds more than one JSON value.")
	}
	var compact bytes.Buffer
	_ = json.Compact(&compact, body) // The body decoded, so it is valid JSON.
	return compact.Bytes(), nil
}

// checkMembers reads body as JSON tokens before it is decoded into v, and
// refuses what encoding/json would let through unnoticed: a member named
// twice, a member of v spelled in another case (which encoding/json matches
// anyway), and text that is not UTF-8 or holds an unpaired surrogate, which
// encoding/json replaces with U+FFFD. Each of these lets a proxy and the
// server read one body two ways. Syntax errors are left to the decoder.
func checkMembers(body []byte, v any) *api.Problem {
	if !utf8.Valid(body) {
		return malformed("", "The body is not valid UTF-8; send the JSON text in UTF-8.")
	}
	names := memberNames(reflect.TypeOf(v))
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	// seen holds the member names of each open object; member is the
	// top-level member a value belongs to.
	var (
		seen   []map[string]bool
		kinds  []json.Delim
		member string
		expect = true // whether the next string in an object is a key
	)
	for {
		tok, err := dec.Token()
		if err != nil {
			// The end, or a syntax error for the decoder to explain.
			return nil //nolint:nilerr
		}
		inObject := len(kinds) > 0 && kinds[len(kinds)-1] == '{'
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				kinds = append(kinds, t)
				if t == '{' {
					seen = append(seen, map[string]bool{})
				}
				expect = t == '{'
				continue
			case '}':
				seen = seen[:len(seen)-1]
			}
			kinds = kinds[:len(kinds)-1]
		case string:
			if inObject && expect {
				if strings.ContainsRune(t, utf8.RuneError) {
					return malformed("", "A member name holds an unpaired surrogate or U+FFFD.")
				}
				if seen[len(seen)-1][t] {
					return malformed(t, fmt.Sprintf("The body names the member %q twice; send it once.", t))
				}
				seen[len(seen)-1][t] = true
				if len(kinds) == 1 {
					member = t
					if exact, ok := names[strings.ToLower(t)]; ok && exact != t {
						return malformed(t, fmt.Sprintf("The member %q is spelled %q.", t, exact))
					}
				}
				expect = false
				continue
			}
			if strings.ContainsRune(t, utf8.RuneError) {
				return malformed(member, fmt.Sprintf("The member %q holds an unpaired surrogate or "+
					"U+FFFD, the mark of text damaged on the way; send the text as it was written.", member))
			}
		}
		expect = len(kinds) > 0 && kinds[len(kinds)-1] == '{'
	}
}

// memberNames maps the lower-case JSON member names of a struct type, or a
// pointer to one, to their spelling.
func memberNames(t reflect.Type) map[string]string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	names := map[string]string{}
	if t.Kind() != reflect.Struct {
		return names
	}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			names[strings.ToLower(name)] = name
		}
	}
	return names
}

// decodeProblem explains a JSON decoding error.
func decodeProblem(err error) *api.Problem {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		return malformed(field, fmt.Sprintf("The member %q must be %s, not a JSON %s.",
			field, jsonKind(typeErr.Type.Kind().String()), typeErr.Value))
	case errors.As(err, &syntaxErr):
		return malformed("", fmt.Sprintf("The body is not valid JSON (at byte %d).", syntaxErr.Offset))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return malformed("", "The body is empty or cut short; send one JSON object.")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		return malformed(name, fmt.Sprintf("The body has the unknown member %q.", name))
	}
	return malformed("", "The body is not the expected JSON object.")
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice":
		return "an array"
	case "struct", "map":
		return "an object"
	case "float32", "float64":
		return "a number"
	}
	return "a whole number"
}

func malformed(field, detail string) *api.Problem {
	p := api.NewProblem(api.ProblemMalformed, detail)
	p.Field = field
	return p
}

// idempotency is the Idempotency-Key of a request and the request key the
// store keeps for it.
type idempotency struct {
	// key is the caller's Idempotency-Key, "" when it sent none.
	key string
	// requestKey is key, a dot and the start of the request's hash.
	requestKey string
}

// readIdempotency reads the Idempotency-Key of r, whose compact body is
// body, and derives the request key: the same key with another request
// gives another request key with the same prefix.
func readIdempotency(r *http.Request, body []byte) (idempotency, *api.Problem) {
	key := r.Header.Get(api.HeaderIdempotencyKey)
	if key == "" {
		return idempotency{}, nil
	}
	if len(key) > api.MaxIdempotencyKeyLength {
		return idempotency{}, malformed(api.HeaderIdempotencyKey, fmt.Sprintf(
			"The Idempotency-Key has %d bytes; at most %d are allowed.", len(key), api.MaxIdempotencyKeyLength))
	}
	h := sha256.New()
	h.Write([]byte(r.Method + "\n" + r.URL.Path + "\n"))
	h.Write(body)
	return idempotency{key: key, requestKey: key + "." + hex.EncodeToString(h.Sum(nil))[:16]}, nil
}

// replay says what an existing object's request key means for a retried
// request: true when the object is this request's own result, or a
// problem when the key was used for another request.
func (k idempotency) replay(stored string) (bool, *api.Problem) {
	if k.key == "" || stored == "" {
		return false, nil
	}
	if stored == k.requestKey {
		return true, nil
	}
	if strings.HasPrefix(stored, k.key+".") && len(stored) == len(k.requestKey) {
		p := api.NewProblem(api.ProblemIdempotencyKeyReused,
			"The Idempotency-Key was already used for this object with another body; "+
				"use a fresh key for a new request.")
		p.Field = api.HeaderIdempotencyKey
		return false, p
	}
	return false, nil
}

// ifMatch reads the version of an If-Match header: "" gives ok false.
func ifMatch(r *http.Request) (version int64, ok bool, p *api.Problem) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, false, nil
	}
	unquoted, err := strconv.Unquote(h)
	if err == nil && strings.HasPrefix(h, `"`) {
		if v, err := strconv.ParseInt(unquoted, 10, 64); err == nil && v > 0 {
			return v, true, nil
		}
	}
	return 0, false, malformed("If-Match", "If-Match must be the ETag of the version the change "+
		`is based on, such as "3".`)
}

// requireIfMatch is ifMatch for a PATCH, where the header is required.
func requireIfMatch(r *http.Request) (int64, *api.Problem) {
	v, ok, p := ifMatch(r)
	if p != nil {
		return 0, p
	}
	if !ok {
		p := api.NewProblem(api.ProblemPreconditionRequired, "Send If-Match with the ETag of the "+
			"version the change is based on, from the last GET or write.")
		p.Field = "If-Match"
		return 0, p
	}
	return v, nil
}

func versionMismatch(expected, current int64) *api.Problem {
	p := api.NewProblem(api.ProblemVersionMismatch, fmt.Sprintf(
		"If-Match names version %d, but the stored version is %d. Read the object again and "+
			"reapply the change.", expected, current))
	p.Field = "If-Match"
	p.CurrentVersion = current
	return p
}

// page reads the limit and cursor of a list request.
type page struct {
	limit int
	after string
}

const (
	defaultPageLimit = 100
	maxPageLimit     = 500
)

// readPage reads a list's page from the query, after checking that the query
// holds each parameter at most once and no parameter but limit, cursor and
// filters, so that a misspelt filter is refused rather than ignored.
func readPage(r *http.Request, filters ...string) (page, *api.Problem) {
	q := r.URL.Query()
	allowed := append([]string{"limit", "cursor"}, filters...)
	for name, values := range q {
		if !slices.Contains(allowed, name) {
			return page{}, malformed(name, fmt.Sprintf("The query parameter %q is unknown; "+
				"this list takes %s.", name, strings.Join(allowed, ", ")))
		}
		if len(values) > 1 {
			return page{}, malformed(name, fmt.Sprintf("The query parameter %q is given %d "+
				"times; give it once.", name, len(values)))
		}
	}
	pg := page{limit: defaultPageLimit}
	if raw := q.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxPageLimit {
			return page{}, malformed("limit", fmt.Sprintf(
				"limit must be a whole number from 1 to %d.", maxPageLimit))
		}
		pg.limit = n
	}
	if raw := q.Get("cursor"); raw != "" {
		after, err := decodeCursor(raw)
		if err != nil {
			return page{}, malformed("cursor", "cursor is not a next_cursor this server gave.")
		}
		pg.after = after
	}
	return pg, nil
}
