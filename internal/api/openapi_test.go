// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package api_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/connectorprofiles/terraform-provider-lever/internal/api"
)

func loadDocument(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatalf("loading the OpenAPI document: %v", err)
	}
	if err := doc.Validate(t.Context()); err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	return doc
}

func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc := loadDocument(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	for _, p := range []string{
		api.PathHealth, api.PathReady, api.PathProfiles, api.PathProfiles + "/{id}",
		api.PathProfiles + "/{id}" + api.SuffixSecret, api.PathScopeSets, api.PathScopeSets + "/{id}",
	} {
		if doc.Paths.Find(p) == nil {
			t.Errorf("the document has no path %s", p)
		}
	}
}

func TestOpenAPIProblemTypesMatch(t *testing.T) {
	doc := loadDocument(t)
	var inDoc []string
	for _, v := range doc.Components.Schemas["Problem"].Value.Properties["type"].Value.Enum {
		inDoc = append(inDoc, v.(string))
	}
	var inGo []string
	for typ := range api.ProblemTitles {
		inGo = append(inGo, typ)
	}
	slices.Sort(inDoc)
	slices.Sort(inGo)
	if !slices.Equal(inDoc, inGo) {
		t.Errorf("problem types differ:\ndocument: %v\nGo:       %v", inDoc, inGo)
	}
}

// TestOpenAPISchemasMatchTypes encodes each wire type and checks it against
// its schema, so that a member added on one side only fails here.
func TestOpenAPISchemasMatchTypes(t *testing.T) {
	doc := loadDocument(t)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	profile := api.Profile{
		ID: "p1", Name: "n", Environment: "sandbox", ClientID: "c",
		SecretFingerprint: api.Fingerprint{Algorithm: "hmac-sha256", Salt: "c2FsdA", Hash: "aGFzaA"},
		Scopes:            []string{"offline_access"}, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	scopeSet := api.ScopeSet{ID: "s1", Name: "n", Scopes: []string{"offline_access"},
		Version: 1, CreatedAt: now, UpdatedAt: now}
	enabled := false
	problem := api.NewProblem(api.ProblemValidation, "d")
	problem.Field, problem.RequestID, problem.CurrentVersion = "scopes", "r", 2
	problem.ExistingID, problem.ExistingName, problem.Instance = "p1", "n", "/x"
	problem.Errors = []api.FieldError{{Field: "scopes", Element: "x", Severity: "error",
		Summary: "s", Detail: "d"}}

	cases := map[string]any{
		"Profile":       profile,
		"ProfileList":   api.ProfileList{Items: []api.Profile{profile}, NextCursor: "x"},
		"ProfileSecret": api.ProfileSecret{ID: "p1", ClientSecret: "s", SecretVersion: 2},
		"ProfileCreate": api.ProfileCreate{Name: "n", Environment: "sandbox", Enabled: &enabled},
		"ProfileUpdate": api.ProfileUpdate{Name: api.Some("n"),
			Scopes: api.Optional[[]string]{Set: true, Null: true}},
		"ScopeSet":       scopeSet,
		"ScopeSetList":   api.ScopeSetList{Items: []api.ScopeSet{scopeSet}},
		"ScopeSetCreate": api.ScopeSetCreate{Name: "n", Scopes: []string{"offline_access"}},
		"ScopeSetUpdate": api.ScopeSetUpdate{Description: api.Some("d")},
		"Problem":        problem,
		"Health":         api.Health{Status: "ok"},
	}
	for name, v := range cases {
		t.Run(name, func(t *testing.T) {
			schema := doc.Components.Schemas[name]
			if schema == nil {
				t.Fatalf("no schema %s", name)
			}
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			var decoded any
			if err := json.Unmarshal(b, &decoded); err != nil {
				t.Fatal(err)
			}
			if err := schema.Value.VisitJSON(decoded); err != nil {
				t.Errorf("%s does not match its schema: %v\n%s", name, err, b)
			}
		})
	}
}
