// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
)

// benchSizes are the numbers of stored profiles the benchmarks run with: a
// small team's and a large organization's.
var benchSizes = []int{10, 10_000}

func BenchmarkGetProfile(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("profiles=%d", n), func(b *testing.B) {
			s, ids := seededStore(b, n)
			ctx := context.Background()
			for i := 0; b.Loop(); i++ {
				if _, err := s.GetProfile(ctx, ids[i%len(ids)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkUpdateProfile(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("profiles=%d", n), func(b *testing.B) {
			s, ids := seededStore(b, n)
			ctx := context.Background()
			versions := make(map[string]int64, len(ids))
			for _, id := range ids {
				versions[id] = 1
			}
			for i := 0; b.Loop(); i++ {
				id := ids[i%len(ids)]
				desc := fmt.Sprintf("update %d", i)
				p, err := s.UpdateProfile(ctx, id, versions[id],
					backend.ProfileChange{Description: &desc})
				if err != nil {
					b.Fatal(err)
				}
				versions[id] = p.Version
			}
		})
	}
}

// seededStore opens a tenant's store on a new database holding n profiles, at
// version 1, and returns their ids in random order. The rows are copied in
// at once, sealed and fingerprinted as CreateProfile would, and the table
// analyzed, so that the benchmarks time a store that has settled.
func seededStore(b *testing.B, n int) (*tenantStore, []string) {
	b.Helper()
	s := openTenant(b, newDatabase(b), 0)
	ctx := context.Background()
	now := time.Now().UTC()
	ids := make([]string, n)
	rows := make([][]any, n)
	for i := range n {
		in := sample(fmt.Sprintf("bench-%05d", i))
		id := backend.NewID(backend.ProfileIDPrefix)
		ids[i] = id
		rows[i] = []any{id, in.Name, in.Environment, "", in.ClientID,
			s.sealer.Seal(id, in.ClientSecret), backend.Fingerprint(in.ClientSecret), int64(0),
			in.CallbackURL, "", []string{"read"}, []string(nil), true, false, "", int64(1), now, now,
			s.tenant}
	}
	columns := []string{"id", "name", "environment", "description", "client_id", "client_secret",
		"secret_fingerprint", "secret_version", "callback_url", "logo_url", "scopes", "actions",
		"enabled", "is_default", "request_key", "version", "created_at", "updated_at", "tenant"}
	if _, err := s.pool.CopyFrom(ctx, pgx.Identifier{"profiles"}, columns,
		pgx.CopyFromRows(rows)); err != nil {
		b.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, `ANALYZE profiles`); err != nil {
		b.Fatal(err)
	}
	rand.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	return s, ids
}
