// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backend

import (
	"crypto/rand"
	"encoding/base32"
	"slices"
	"strings"
)

// ID prefixes tell a profile id from a scope set id at a glance. Every store
// gives ids of this form, so that a profile keeps its kind of id whichever
// store holds it.
const (
	ProfileIDPrefix  = "lcp_"
	ScopeSetIDPrefix = "lss_"
)

// idEncoding spells 16 random bytes as 26 lower-case characters that are
// safe in URLs, file names and Terraform import commands.
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// idLength is the length of an id after its prefix.
const idLength = 26

// NewID returns a fresh random id with the given prefix.
func NewID(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	return prefix + idEncoding.EncodeToString(b)
}

// IsID reports whether s has the form NewID gives with the prefix.
func IsID(prefix, s string) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || len(rest) != idLength {
		return false
	}
	for _, c := range rest {
		if (c < 'a' || c > 'z') && (c < '2' || c > '7') {
			return false
		}
	}
	return true
}

// NormalizeList sorts and deduplicates a copy of list, so that the order a
// user wrote never shows up as a change. It keeps nil apart from empty,
// since for profiles nil means "defaults" or "never set".
func NormalizeList(list []string) []string {
	if list == nil {
		return nil
	}
	out := slices.Clone(list)
	slices.Sort(out)
	return slices.Compact(out)
}

// SameList compares normalized lists, nil and empty being different.
func SameList(a, b []string) bool {
	return (a == nil) == (b == nil) && slices.Equal(a, b)
}
