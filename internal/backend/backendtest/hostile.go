// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backendtest

import (
	"context"
	"testing"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// hostileNames are names that would change a query built by pasting text
// into SQL, or match more than themselves under LIKE: a store passes them
// only as parameters and compares them exactly.
var hostileNames = []string{
	`Robert'); DROP TABLE profiles; --`,
	`x' OR '1'='1`,
	`"quoted" name`,
	`100% off`,
	`under_score`,
	`back\slash`,
	`semi; colon`,
	`dollar $1 quote $$`,
}

// testHostileNames stores profiles and scope sets under hostileNames and
// finds each by its exact name only.
func testHostileNames(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	ids := map[string]string{}
	for _, name := range hostileNames {
		p := mustCreateProfile(t, b, sampleProfile(name, "sandbox"))
		ids[name] = p.ID
		if got := mustGetProfile(t, b, p.ID); got.Name != name {
			t.Errorf("profile %q reads back as %q", name, got.Name)
		}
		mustCreateScopeSet(t, b, backend.ScopeSetInput{Name: name, Scopes: []string{"read"}})
	}
	// A name that LIKE would read as a pattern matching the ones above.
	for _, pattern := range []string{"%", "_nder_score", "x' OR '1'='1' --"} {
		found, err := b.ListProfiles(ctx, backend.ProfileFilter{Name: pattern})
		if err != nil || len(found) != 0 {
			t.Errorf("profiles named %q: %d found (%v), want none", pattern, len(found), err)
		}
	}
	for _, name := range hostileNames {
		found, err := b.ListProfiles(ctx, backend.ProfileFilter{Name: name, Environment: "sandbox"})
		if err != nil || len(found) != 1 || found[0].ID != ids[name] {
			t.Errorf("profiles named %q: %+v (%v), want only %s", name, found, err, ids[name])
		}
		sets, err := b.ListScopeSets(ctx, name)
		if err != nil || len(sets) != 1 || sets[0].Name != name {
			t.Errorf("scope sets named %q: %+v (%v), want one", name, sets, err)
		}
	}
	all, err := b.ListProfiles(ctx, backend.ProfileFilter{})
	if err != nil || len(all) != len(hostileNames) {
		t.Errorf("the store lists %d profiles (%v), want %d", len(all), err, len(hostileNames))
	}
}
