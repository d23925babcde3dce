// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// loopbackHosts may receive a callback over plain HTTP: Lever's own sample app
// registers http://localhost:3000/login, and traffic to them never leaves the machine.
var loopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// CheckCallbackURL checks a redirect URI: an absolute URL with a host, over HTTPS
// (plain HTTP only for localhost, 127.0.0.1 and [::1]), with no fragment and no user
// info. Lever compares the redirect_uri with the registered value exactly, so the
// check does not tidy the value; it only reports.
func CheckCallbackURL(u string) []Problem {
	const field, what = FieldCallbackURL, "callback URL"
	parsed, ps := parseAbsoluteURL(callbackKind, u)
	if parsed == nil {
		return ps
	}
	shown := showURL(parsed)
	switch scheme := strings.ToLower(parsed.Scheme); {
	case scheme == "https":
	case scheme == "http" && isLoopback(parsed.Hostname()):
	case scheme == "http":
		ps = append(ps, fieldError(field, "Insecure Callback URL",
			"The callback URL %s uses plain HTTP. Lever sends the authorization code to "+
				"it, so it must use HTTPS; plain HTTP is allowed only for localhost, "+
				"127.0.0.1 and [::1]. Change the scheme to https.", shown))
	default:
		ps = append(ps, fieldError(field, "Unsupported Callback URL Scheme",
			"The callback URL %s uses the scheme %q. Lever redirects a browser to the "+
				"callback, so it must be an https URL (http only for localhost). Use a URL "+
				"such as %q.", shown, parsed.Scheme, DefaultCallbackURL))
	}
	if parsed.User != nil {
		ps = append(ps, userInfoProblem(field, what, shown))
	}
	if strings.Contains(u, "#") {
		ps = append(ps, fieldError(field, "Callback URL Has Fragment",
			"The callback URL %s contains a fragment (the part from \"#\"). OAuth "+
				"redirect URIs may not have one, because the browser never sends it to the "+
				"server. Remove the \"#\" and what follows it.", shown))
	}
	return ps
}

// CheckLogoURL checks the URL of the square logo Lever shows beside the integration:
// an absolute https URL with a host and no user info.
func CheckLogoURL(u string) []Problem {
	const field, what = FieldLogoURL, "logo URL"
	parsed, ps := parseAbsoluteURL(logoKind, u)
	if parsed == nil {
		return ps
	}
	shown := showURL(parsed)
	if !strings.EqualFold(parsed.Scheme, "https") {
		ps = append(ps, fieldError(field, "Insecure Logo URL",
			"The logo URL %s uses the scheme %q; only https is allowed, because Lever "+
				"shows the logo inside its own HTTPS pages. Host the image (150x150 pixels "+
				"recommended) at an https URL.", shown, parsed.Scheme))
	}
	if parsed.User != nil {
		ps = append(ps, userInfoProblem(field, what, shown))
	}
	return ps
}

// urlKind describes a URL attribute for the messages of parseAbsoluteURL.
type urlKind struct {
	field   string
	what    string // lower-case noun phrase, e.g. "callback URL"
	example string // a valid value to show
	omit    string // what omitting the attribute means
}

var (
	callbackKind = urlKind{
		field:   FieldCallbackURL,
		what:    "callback URL",
		example: DefaultCallbackURL,
		omit:    "or omit callback_url to use " + DefaultCallbackURL,
	}
	logoKind = urlKind{
		field:   FieldLogoURL,
		what:    "logo URL",
		example: "https://www.example.com/logo-150x150.png",
		omit:    "or omit logo_url to register no logo",
	}
)

// parseAbsoluteURL parses raw and reports when it is blank, contains whitespace,
// does not parse, or lacks a scheme or host. It returns nil with those problems, or
// the parsed URL and no problems.
func parseAbsoluteURL(k urlKind, raw string) (*url.URL, []Problem) {
	title := titleCase(k.what)
	if isBlank(raw) {
		return nil, []Problem{fieldError(k.field, "Missing "+title,
			"The %s is empty. Set it to an absolute https URL such as %q, %s.",
			k.what, k.example, k.omit)}
	}
	if hasSpace(raw) || hasControl(raw) {
		return nil, []Problem{fieldError(k.field, "Invalid "+title,
			"The %s %q contains whitespace or control characters. Remove them, and "+
				"percent-encode any space that belongs in the path as %%20.", k.what, raw)}
	}
	parsed, err := url.Parse(raw)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			// url.Error repeats the whole URL, which may hold a password.
			err = uerr.Err
		}
		shown := fmt.Sprintf("%q", raw)
		if strings.Contains(raw, "@") {
			shown = "given"
		}
		return nil, []Problem{fieldError(k.field, "Invalid "+title,
			"The %s %s is not a valid URL: %v. Write it as an absolute URL such as %q.",
			k.what, shown, err, k.example)}
	}
	if !parsed.IsAbs() || parsed.Hostname() == "" {
		return nil, []Problem{fieldError(k.field, title+" Not Absolute",
			"The %s %s is not an absolute URL with a host. Write the full URL, with "+
				"scheme and host, such as %q.", k.what, showURL(parsed), k.example)}
	}
	return parsed, nil
}

// userInfoProblem reports credentials written into a URL, which would be sent to
// every party that sees the URL.
func userInfoProblem(field, what, shown string) Problem {
	return fieldError(field, titleCase(what)+" Has User Info",
		"The %s %s contains user info (a name or password before \"@\"). URLs registered "+
			"with Lever are shown and sent in clear, so they may not carry credentials. "+
			"Remove the part between \"//\" and \"@\".", what, shown)
}

// showURL quotes a URL for a message with any password replaced by "xxxxx".
func showURL(u *url.URL) string {
	return fmt.Sprintf("%q", u.Redacted())
}

// titleCase upper-cases the first letter of each word, keeping "URL" as written.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// isLoopback reports whether host, without brackets, is a loopback name.
func isLoopback(host string) bool {
	for _, h := range loopbackHosts {
		if strings.EqualFold(host, h) {
			return true
		}
	}
	return false
}

// NormalizeURL lower-cases the scheme and host of raw, the two parts that are not
// case-sensitive, and leaves everything else exactly as written. Lever matches
// redirect URIs exactly, so nothing else may be tidied. Only ASCII letters change.
func NormalizeURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	b := []byte(raw)
	// Mirror how url.Parse finds the parts: the scheme ends at the first colon, the
	// fragment and then the query are cut off, and an authority follows "//".
	start := 0
	if u.Scheme != "" {
		lowerASCII(b[:len(u.Scheme)])
		start = len(u.Scheme) + 1
	}
	rest, _, _ := strings.Cut(raw[start:], "#")
	rest, _, _ = strings.Cut(rest, "?")
	hasAuthority := strings.HasPrefix(rest, "//") &&
		(u.Scheme != "" || !strings.HasPrefix(rest, "///"))
	if hasAuthority {
		authority := rest[2:]
		if i := strings.IndexByte(authority, '/'); i >= 0 {
			authority = authority[:i]
		}
		hostStart := start + 2 + strings.LastIndexByte(authority, '@') + 1
		lowerASCII(b[hostStart : start+2+len(authority)])
	}
	return string(b), nil
}

// SameURL reports whether a and b are the same URL once scheme and host case are
// ignored. It reports false when either does not parse.
func SameURL(a, b string) bool {
	na, err := NormalizeURL(a)
	if err != nil {
		return false
	}
	nb, err := NormalizeURL(b)
	if err != nil {
		return false
	}
	return na == nb
}

func lowerASCII(b []byte) {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
}
