// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length in bytes of the store's AES-256 key.
const KeySize = 32

// keyAdvice tells a user how to make a key in the text form ParseKey reads.
const keyAdvice = "it must be 32 random bytes in standard base64 (44 characters ending in =), " +
	"such as the output of openssl rand -base64 32"

// ParseKey reads the text form of an encryption key, as given in the
// provider configuration, an environment variable or the key file: the
// standard, padded base64 encoding of KeySize bytes, with any surrounding
// white space ignored. Its errors never repeat the text, which may be a key
// that is merely mistyped.
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

// formatKey is the text form ParseKey reads.
func formatKey(key []byte) string { return base64.StdEncoding.EncodeToString(key) }

// newKey returns a fresh random key.
func newKey() []byte {
	key := make([]byte, KeySize)
	_, _ = rand.Read(key) // crypto/rand.Read never fails on supported platforms.
	return key
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("the configured encryption key is %d bytes long; %s", len(key), keyAdvice)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// Ways client_secret is stored, in the secret_format column.
const (
	// secretPlain is the secret itself, as schema 1 stored it.
	secretPlain = 0
	// secretSealedV1 is sealedV1Prefix and the standard base64 of a random
	// 12-byte nonce followed by the AES-256-GCM ciphertext and tag.
	secretSealedV1 = 1
)

// sealedV1Prefix starts every sealed value, so that the text says its own
// form even away from its row.
const sealedV1Prefix = "v1:"

// errUnsealable reports a sealed value that does not open under the store's
// key with the additional data given: a wrong key, a value altered, or one
// moved from elsewhere. It says nothing of the value.
var errUnsealable = errors.New("it does not decrypt with the store's key")

// seal encrypts plaintext, binding it to aad: a profile's id, so that a
// secret copied into another row does not decrypt there.
func (s *Store) seal(plaintext, aad string) string {
	nonce := make([]byte, s.aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails on supported platforms.
	return sealedV1Prefix + base64.StdEncoding.EncodeToString(
		s.aead.Seal(nonce, nonce, []byte(plaintext), []byte(aad)))
}

// unseal reverses seal, given the same aad.
func (s *Store) unseal(sealed, aad string) (string, error) {
	encoded, ok := strings.CutPrefix(sealed, sealedV1Prefix)
	if !ok {
		return "", errUnsealable
	}
	b, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil || len(b) < s.aead.NonceSize() {
		return "", errUnsealable
	}
	n := s.aead.NonceSize()
	plaintext, err := s.aead.Open(nil, b[:n], b[n:], []byte(aad))
	if err != nil {
		return "", errUnsealable
	}
	return string(plaintext), nil
}
