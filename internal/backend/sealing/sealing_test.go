// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package sealing

import (
	"errors"
	"strings"
	"testing"
)

func mustNew(t *testing.T, key []byte) *Sealer {
	t.Helper()
	s, err := New(key)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

func TestSealOpens(t *testing.T) {
	s := mustNew(t, NewKey())
	for _, plaintext := range []string{"", "secret", strings.Repeat("long ", 1000)} {
		sealed := s.Seal("lcp_a", plaintext)
		if !strings.HasPrefix(sealed, PrefixV1) || (plaintext != "" && strings.Contains(sealed, plaintext)) {
			t.Errorf("Seal(%.10q) = %.20q..., want %s and no plaintext", plaintext, sealed, PrefixV1)
		}
		if got, err := s.Open("lcp_a", sealed); err != nil || got != plaintext {
			t.Errorf("Open(Seal(%.10q)) = %.10q, %v", plaintext, got, err)
		}
	}
	if a, b := s.Seal("lcp_a", "same"), s.Seal("lcp_a", "same"); a == b {
		t.Error("two seals of one value are equal; the nonce must be fresh")
	}
}

func TestOpenRefuses(t *testing.T) {
	key := NewKey()
	s := mustNew(t, key)
	sealed := s.Seal("lcp_a", "secret")
	flipped := []byte(sealed)
	flipped[len(flipped)-3] ^= 1
	for _, tc := range []struct {
		name, aad, sealed string
		sealer            *Sealer
	}{
		{"another record", "lcp_b", sealed, s},
		{"another key", "lcp_a", sealed, mustNew(t, NewKey())},
		{"altered", "lcp_a", string(flipped), s},
		{"no prefix", "lcp_a", strings.TrimPrefix(sealed, PrefixV1), s},
		{"not base64", "lcp_a", PrefixV1 + "!!!", s},
		{"too short", "lcp_a", PrefixV1 + "AAAA", s},
	} {
		got, err := tc.sealer.Open(tc.aad, tc.sealed)
		if !errors.Is(err, ErrUnsealable) || got != "" {
			t.Errorf("%s: Open = %q, %v; want ErrUnsealable", tc.name, got, err)
		}
	}
}

func TestNewChecksTheKeyLength(t *testing.T) {
	for _, n := range []int{0, 16, 31, 33} {
		key := make([]byte, n)
		for i := range key {
			key[i] = 'k'
		}
		_, err := New(key)
		if err == nil || !strings.Contains(err.Error(), "bytes long") ||
			(n > 0 && strings.Contains(err.Error(), string(key))) {
			t.Errorf("New of a %d-byte key: error = %v, want one giving the length only", n, err)
		}
	}
}

func TestParseKeyRoundTrip(t *testing.T) {
	key := NewKey()
	got, err := ParseKey(" " + FormatKey(key) + "\n")
	if err != nil || string(got) != string(key) {
		t.Errorf("ParseKey(FormatKey(key)) = %x, %v; want the key", got, err)
	}
}
