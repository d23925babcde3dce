// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/sealing"
)

// KeySize is the length in bytes of the store's AES-256 key.
const KeySize = sealing.KeySize

// ParseKey reads the text form of an encryption key, as given in the
// provider configuration, an environment variable or the key file: the
// standard, padded base64 encoding of KeySize bytes, with any surrounding
// white space ignored. Its errors never repeat the text, which may be a key
// that is merely mistyped.
func ParseKey(text string) ([]byte, error) { return sealing.ParseKey(text) }

// formatKey is the text form ParseKey reads.
func formatKey(key []byte) string { return sealing.FormatKey(key) }

// newKey returns a fresh random key.
func newKey() []byte { return sealing.NewKey() }

// Ways client_secret is stored, in the secret_format column.
const (
	// secretPlain is the secret itself, as schema 1 stored it.
	secretPlain = 0
	// secretSealedV1 is a value sealed by package sealing, which starts
	// with sealedV1Prefix.
	secretSealedV1 = 1
)

// sealedV1Prefix starts every sealed value, so that the text says its own
// form even away from its row.
const sealedV1Prefix = sealing.PrefixV1

// seal encrypts plaintext, binding it to aad: a profile's id, so that a
// secret copied into another row does not decrypt there.
func (s *Store) seal(plaintext, aad string) string { return s.sealer.Seal(aad, plaintext) }

// unseal reverses seal, given the same aad.
func (s *Store) unseal(sealed, aad string) (string, error) { return s.sealer.Open(aad, sealed) }
