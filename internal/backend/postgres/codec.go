// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

import (
	"crypto/rand"
	"encoding/base32"
	"slices"
)

// ID prefixes tell a profile id from a scope set id at a glance. Ids have
// the form the embedded store gives them, so that a profile keeps its kind
// of id whichever store holds it.
const (
	profileIDPrefix  = "lcp_"
	scopeSetIDPrefix = "lss_"
)

// idEncoding spells 16 random bytes as 26 lower-case characters that are
// safe in URLs, file names and Terraform import commands.
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").
	WithPadding(base32.NoPadding)

func newID(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	return prefix + idEncoding.EncodeToString(b)
}

// normalize sorts and deduplicates a copy of list, so that the order a user
// wrote never shows up as a change. It keeps nil apart from empty, since
// for profiles nil means "defaults" or "never set"; pgx stores nil as NULL
// and an empty slice as an empty array.
func normalize(list []string) []string {
	if list == nil {
		return nil
	}
	out := slices.Clone(list)
	slices.Sort(out)
	return slices.Compact(out)
}

// sameList compares normalized lists, nil and empty being different.
func sameList(a, b []string) bool {
	return (a == nil) == (b == nil) && slices.Equal(a, b)
}

func setField[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}
