// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package sealing encrypts client secrets at rest for every store that keeps
// them: AES-256-GCM under a key kept apart from the data, each sealed value
// bound to the record it belongs to, so that a value copied into another
// record does not open there.
package sealing

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length in bytes of an AES-256 key.
const KeySize = 32

// keyAdvice tells a user how to make a key in the text form ParseKey reads.
const keyAdvice = "it must be 32 random bytes in standard base64 (44 characters ending in =), " +
	"such as the output of openssl rand -base64 32"

// PrefixV1 starts every sealed value, so that the text says its own form
// even away from its record. The standard base64 of a random 12-byte nonce,
// the AES-256-GCM ciphertext and its tag follow it.
const PrefixV1 = "v1:"

// ErrUnsealable reports a sealed value that does not open under the key with
// the additional data given: a wrong key, a value altered, or one moved from
// another record. It says nothing of the value.
var ErrUnsealable = errors.New("it does not decrypt with the store's key")

// ParseKey reads the text form of a key, as given in a configuration, an
// environment variable or a key file: the standard, padded base64 encoding
// of KeySize bytes, with any surrounding white space ignored. Its errors
// never repeat the text, which may be a key that is merely mistyped.
func ParseKey(text string) ([]byte, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, errors.New("the encryption key is empty; " + keyAdvice)
	}
	key, err := base64.StdEncoding.Strict().DecodeString(text)
	if err != nil {
		return nil, errors.New("the encryption key is not valid base64; " + keyAdvice)
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("the encryption key is %d bytes long once decoded; %s",
			len(key), keyAdvice)
	}
	return key, nil
}

// FormatKey is the text form ParseKey reads.
func FormatKey(key []byte) string { return base64.StdEncoding.EncodeToString(key) }

// NewKey returns a fresh random key.
func NewKey() []byte {
	key := make([]byte, KeySize)
	_, _ = rand.Read(key) // crypto/rand.Read never fails on supported platforms.
	return key
}

// Sealer seals and opens values under one key. It holds the expanded
// cipher rather than the key, and is safe for concurrent use.
type Sealer struct {
	aead cipher.AEAD
}

// New returns a Sealer for key, which must be KeySize bytes long. Its error
// gives the length, never the key.
func New(key []byte) (*Sealer, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("the configured encryption key is %d bytes long; %s", len(key), keyAdvice)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead}, nil
}

// Seal encrypts plaintext, binding it to aad: the id of the record it
// belongs to, such as a profile's, so that it opens with that id alone.
func (s *Sealer) Seal(aad, plaintext string) string {
	nonce := make([]byte, s.aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails on supported platforms.
	return PrefixV1 + base64.StdEncoding.EncodeToString(
		s.aead.Seal(nonce, nonce, []byte(plaintext), []byte(aad)))
}

// Open reverses Seal, given the same aad, or returns ErrUnsealable.
func (s *Sealer) Open(aad, sealed string) (string, error) {
	encoded, ok := strings.CutPrefix(sealed, PrefixV1)
	if !ok {
		return "", ErrUnsealable
	}
	b, err := base64.StdEncoding.DecodeString(encoded)
	n := s.aead.NonceSize()
	if err != nil || len(b) < n {
		return "", ErrUnsealable
	}
	plaintext, err := s.aead.Open(nil, b[:n], b[n:], []byte(aad))
	if err != nil {
		return "", ErrUnsealable
	}
	return string(plaintext), nil
}
