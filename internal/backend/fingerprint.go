// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backend

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// fingerprintScheme prefixes every fingerprint so that a later, different
// scheme can be told apart from this one.
const fingerprintScheme = "hmac-sha256"

// Fingerprint returns a salted fingerprint of a client secret: a fresh
// random salt and the HMAC-SHA256 of the secret keyed by that salt. It lets
// a holder of the secret check it against the store without the store ever
// returning the secret.
func Fingerprint(secret string) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails on supported platforms.
	return fingerprintWithSalt(secret, salt)
}

// FingerprintMatches reports whether secret is the one fingerprint was made
// from. A malformed fingerprint matches nothing.
func FingerprintMatches(fingerprint, secret string) bool {
	scheme, encodedSalt, _, ok := splitFingerprint(fingerprint)
	if !ok || scheme != fingerprintScheme {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(encodedSalt)
	if err != nil {
		return false
	}
	return hmac.Equal([]byte(fingerprintWithSalt(secret, salt)), []byte(fingerprint))
}

func fingerprintWithSalt(secret string, salt []byte) string {
	mac := hmac.New(sha256.New, salt)
	mac.Write([]byte(secret))
	return fingerprintScheme + "$" + base64.RawStdEncoding.EncodeToString(salt) +
		"$" + base64.RawStdEncoding.EncodeToString(mac.Sum(nil))
}

func splitFingerprint(fp string) (scheme, salt, sum string, ok bool) {
	parts := strings.Split(fp, "$")
	if len(parts) != 3 {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}
