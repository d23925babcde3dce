// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// loopbackAddrs may receive a callback over plain HTTP, as may the name localhost:
// Lever's own sample app registers http://localhost:3000/login, and traffic to them
// never leaves the machine.
var loopbackAddrs = []netip.Addr{netip.AddrFrom4([4]byte{127, 0, 0, 1}), netip.IPv6Loopback()}

// CheckCallbackURL checks a redirect URI: an absolute URL with a valid host and port,
// over HTTPS (plain HTTP only for localhost, 127.0.0.1 and [::1]), with no fragment
// and no user info. Lever compares the redirect_uri with the registered value
// exactly, so the check does not tidy the value; it only reports.
func CheckCallbackURL(u string) []Problem {
	return checkCallbackURL(callbackKind, u)
}

// CheckDefaultCallbackURL checks the provider's default_callback_url with the rules of
// CheckCallbackURL. Its problems name default_callback_url, and their advice says
// that omitting it leaves the platform default, DefaultCallbackURL.
func CheckDefaultCallbackURL(u string) []Problem {
	return checkCallbackURL(defaultCallbackKind, u)
}

func checkCallbackURL(k urlKind, raw string) []Problem {
	parsed, ps := parseAbsoluteURL(k, raw)
	if parsed == nil {
		return ps
	}
	shown, title := showURL(raw), titleCase(k.what)
	if strings.EqualFold(parsed.Scheme, "http") && !isLoopback(parsed.Hostname()) {
		ps = append(ps, fieldError(k.field, "Insecure "+title,
			"The %s %s uses plain HTTP. Lever sends the authorization code to it, so it "+
				"must use HTTPS; plain HTTP is allowed only for localhost, 127.0.0.1 and "+
				"[::1]. Change the scheme to https.", k.what, shown))
	}
	if parsed.User != nil {
		ps = append(ps, userInfoProblem(k.field, k.what, shown))
	}
	if strings.Contains(raw, "#") {
		ps = append(ps, fieldError(k.field, title+" Has Fragment",
			"The %s %s contains a fragment (the part from \"#\"). OAuth redirect URIs may "+
				"not have one, because the browser never sends it to the server. Remove "+
				"the \"#\" and what follows it.", k.what, shown))
	}
	return ps
}

// CheckLogoURL checks the URL of the square logo Lever shows beside the integration:
// an absolute https URL with a valid host and port and no user info.
func CheckLogoURL(u string) []Problem {
	k := logoKind
	parsed, ps := parseAbsoluteURL(k, u)
	if parsed == nil {
		return ps
	}
	shown := showURL(u)
	if !strings.EqualFold(parsed.Scheme, "https") {
		ps = append(ps, fieldError(k.field, "Insecure Logo URL",
			"The logo URL %s uses the scheme %q; only https is allowed, because Lever "+
				"shows the logo inside its own HTTPS pages. Host the image (150x150 pixels "+
				"recommended) at an https URL.", shown, parsed.Scheme))
	}
	if parsed.User != nil {
		ps = append(ps, userInfoProblem(k.field, k.what, shown))
	}
	return ps
}

// urlKind describes a URL attribute for the messages of parseAbsoluteURL.
type urlKind struct {
	field   string
	what    string // lower-case noun phrase, e.g. "callback URL"
	example string // a valid value to show
	omit    string // what omitting the attribute means, as "or omit ..."
	// schemes are those the attribute's own check judges: https, and the plain-text
	// schemes it reports as insecure. Any other scheme is unsupported.
	schemes []string
	// needs completes "... is not supported: " with why the URL needs https.
	needs string
}

var (
	callbackKind = urlKind{
		field:   FieldCallbackURL,
		what:    "callback URL",
		example: DefaultCallbackURL,
		omit:    "or omit callback_url to use " + DefaultCallbackURL,
		schemes: []string{"https", "http"},
		needs:   callbackNeeds,
	}
	defaultCallbackKind = urlKind{
		field:   FieldDefaultCallbackURL,
		what:    "default callback URL",
		example: "https://platform.example.com/oauth/lever/callback",
		omit:    "or omit default_callback_url to use the platform default, " + DefaultCallbackURL,
		schemes: []string{"https", "http"},
		needs:   callbackNeeds,
	}
	logoKind = urlKind{
		field:   FieldLogoURL,
		what:    "logo URL",
		example: "https://www.example.com/logo-150x150.png",
		omit:    "or omit logo_url to register no logo",
		// ftp stays with http among the insecure schemes: both fetch a file over the
		// network, only without TLS.
		schemes: []string{"https", "http", "ftp"},
		needs: "Lever fetches the image from it and shows it inside its own HTTPS pages, " +
			"so it must be an https URL",
	}
)

const callbackNeeds = "Lever redirects a browser to the callback with the authorization " +
	"code, so it must be an https URL (plain http only for localhost, 127.0.0.1 and [::1])"

// parseAbsoluteURL checks raw in the order that gives the most useful first message:
// blank, then the scheme (a javascript: or data: URL is wrong whatever follows),
// then stray characters, the port, the syntax, a missing host and a bad host. It
// returns nil with the problems found, or the parsed URL and no problems.
func parseAbsoluteURL(k urlKind, raw string) (*url.URL, []Problem) {
	title := titleCase(k.what)
	if isBlank(raw) {
		return nil, []Problem{fieldError(k.field, "Missing "+title,
			"The %s is empty. Set it to an absolute https URL such as %q, %s.",
			k.what, k.example, k.omit)}
	}
	shown := showURL(raw)
	if scheme, ok := leadingScheme(raw); ok && !slices.Contains(k.schemes, strings.ToLower(scheme)) {
		return nil, []Problem{fieldError(k.field, "Unsupported "+title+" Scheme",
			"The %s %s uses the scheme %q, which is not supported: %s. Use a URL such as "+
				"%q, %s.", k.what, shown, scheme, k.needs, k.example, k.omit)}
	}
	if hasSpace(raw) || hasControl(raw) {
		return nil, []Problem{fieldError(k.field, "Invalid "+title,
			"The %s %s contains whitespace or control characters. Remove them, and "+
				"percent-encode any space that belongs in the path as %%20.", k.what, shown)}
	}
	if r, pos, more := findRune(raw, isInvisible); pos > 0 {
		return nil, []Problem{fieldError(k.field, "Invalid "+title,
			"The %s %s contains the invisible character %s. Invisible characters make two "+
				"different URLs look the same; remove them, or percent-encode one that "+
				"belongs in the path.", k.what, shown, describeRune(r, pos, more))}
	}
	if reason := portProblem(raw); reason != "" {
		return nil, []Problem{fieldError(k.field, "Invalid "+title,
			"The %s %s is not a valid URL: %s. A port is a number from 1 to 65535; "+
				"correct it, or remove it together with its colon to use the scheme's "+
				"default port.", k.what, shown, reason)}
	}
	parsed, err := url.Parse(raw)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			// url.Error repeats the whole URL, which may hold a password.
			err = uerr.Err
		}
		return nil, []Problem{fieldError(k.field, "Invalid "+title,
			"The %s %s is not a valid URL: %v. Write it as an absolute URL such as %q.",
			k.what, shown, err, k.example)}
	}
	if !parsed.IsAbs() || parsed.Hostname() == "" {
		return nil, []Problem{fieldError(k.field, title+" Not Absolute",
			"The %s %s is not an absolute URL with a host. Write the full URL, with "+
				"scheme and host, such as %q.", k.what, shown, k.example)}
	}
	if reason := hostProblem(parsed); reason != "" {
		return nil, []Problem{fieldError(k.field, "Invalid "+title+" Host",
			"The host of the %s %s is not valid: %s. Correct the host: write a name of "+
				"letters, digits and hyphens, in labels separated by single dots that "+
				"neither start nor end with a hyphen, or an IP address (IPv6 in brackets).",
			k.what, shown, reason)}
	}
	return parsed, nil
}

// urlParts locates the scheme and authority of a URL as url.Parse does, so that
// messages and NormalizeURL can work on the text as the user wrote it.
type urlParts struct {
	scheme    string // as written; "" when there is none
	authority string // between "//" and the path, query or fragment
	authStart int    // index of the authority in the URL, or -1 without one
}

func splitURL(raw string) urlParts {
	p := urlParts{authStart: -1}
	// url.Parse cuts off the fragment, then takes the scheme, then cuts off the query.
	rest, _, _ := strings.Cut(raw, "#")
	start := 0
	if scheme, ok := urlScheme(rest); ok {
		p.scheme = scheme
		start = len(scheme) + 1
		rest = rest[start:]
	}
	rest, _, _ = strings.Cut(rest, "?")
	if !strings.HasPrefix(rest, "//") || (p.scheme == "" && strings.HasPrefix(rest, "///")) {
		return p
	}
	p.authority, _, _ = strings.Cut(rest[2:], "/")
	p.authStart = start + 2
	return p
}

// urlScheme returns the scheme of raw by url.Parse's rule: a letter, then letters,
// digits, "+", "-" or ".", up to the first colon.
func urlScheme(raw string) (string, bool) {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return "", false
			}
		case c == ':':
			return raw[:i], i > 0
		default:
			return "", false
		}
	}
	return "", false
}

// leadingScheme is urlScheme for the scheme check, which must not take a host and
// port written without a scheme, such as "localhost:3000/cb", for a scheme
// "localhost": a colon followed only by digits up to the path starts a port.
func leadingScheme(raw string) (string, bool) {
	scheme, ok := urlScheme(raw)
	if !ok {
		return "", false
	}
	rest := raw[len(scheme)+1:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if end > 0 && allDigits(rest[:end]) {
		return "", false
	}
	return scheme, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// portProblem says what is wrong with the port of raw, or returns "". url.Parse
// accepts any run of digits, including 0 and 99999, and an empty port.
func portProblem(raw string) string {
	p := splitURL(raw)
	if p.authStart < 0 {
		return ""
	}
	hostport := p.authority[strings.LastIndexByte(p.authority, '@')+1:]
	var port string
	if strings.HasPrefix(hostport, "[") {
		end := strings.IndexByte(hostport, ']')
		if end < 0 || !strings.HasPrefix(hostport[end+1:], ":") {
			return "" // url.Parse reports anything else after the brackets
		}
		port = hostport[end+2:]
	} else if i := strings.LastIndexByte(hostport, ':'); i >= 0 {
		port = hostport[i+1:]
	} else {
		return ""
	}
	switch {
	case port == "":
		return "the host is followed by a colon but no port number"
	case !allDigits(port) && strings.Contains(raw, "@"):
		// Not quoted: with user info about, it may be part of a password.
		return "the part after the host's last colon is not a port number"
	case !allDigits(port):
		return fmt.Sprintf("its port %s is not a number", quoteValue(port))
	}
	if n, err := strconv.ParseUint(port, 10, 16); err != nil || n == 0 {
		return fmt.Sprintf("its port %s is out of range", port)
	}
	return ""
}

// hostProblem says what is wrong with the host of u, or returns "". Names are checked
// as browsers look them up, by UTS 46 with the STD3 rules (only letters, digits and
// hyphens), so that an internationalized name such as bücher.example passes.
func hostProblem(u *url.URL) string {
	host := u.Hostname()
	if strings.HasPrefix(u.Host, "[") {
		if addr, err := netip.ParseAddr(host); err != nil || !addr.Is6() {
			return fmt.Sprintf("%s in brackets is not an IPv6 address", quoteValue(host))
		}
		return ""
	}
	ascii, err := idna.Lookup.ToASCII(host)
	if err != nil {
		return explainHostError(host, err)
	}
	// One trailing dot is the DNS root, as in "example.com."; idna.Lookup does not
	// check for empty labels or lengths, so that is done here.
	name := strings.TrimSuffix(ascii, ".")
	labels := strings.Split(name, ".")
	for _, l := range labels {
		switch {
		case l == "":
			return fmt.Sprintf("%s has an empty label: two dots in a row, or a dot at the "+
				"start", quoteValue(host))
		case len(l) > 63:
			return fmt.Sprintf("%s has a label longer than 63 characters", quoteValue(host))
		}
	}
	if len(name) > 253 {
		return fmt.Sprintf("%s is longer than 253 characters", quoteValue(host))
	}
	// No top-level domain is all digits, so such a name can only be an IPv4 address.
	if allDigits(labels[len(labels)-1]) {
		if addr, err := netip.ParseAddr(name); err != nil || !addr.Is4() {
			return fmt.Sprintf("%s ends in a number, so it must be an IPv4 address, but it "+
				"is not one (four numbers from 0 to 255, without leading zeros)", quoteValue(host))
		}
	}
	return ""
}

// explainHostError turns what idna.Lookup rejected into words, trying the common
// slips first and falling back to idna's own error.
func explainHostError(host string, err error) string {
	if r, pos, _ := findRune(host, notHostASCII); pos > 0 {
		return fmt.Sprintf("%s contains %q (%U) at position %d, which a host name may not "+
			"contain", quoteValue(host), string(r), r, pos)
	}
	for _, l := range strings.Split(strings.ToLower(host), ".") {
		switch {
		case strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-"):
			return fmt.Sprintf("its label %s starts or ends with a hyphen", quoteValue(l))
		case strings.HasPrefix(l, "xn--"):
			return fmt.Sprintf("its label %s is not a valid encoded (xn--) label", quoteValue(l))
		case len(l) >= 4 && l[2:4] == "--":
			return fmt.Sprintf("its label %s has hyphens in the third and fourth places, "+
				"which are reserved for encoded labels such as xn--", quoteValue(l))
		}
	}
	return fmt.Sprintf("%s is not a valid internationalized domain name (%v)", quoteValue(host), err)
}

// notHostASCII reports an ASCII character that no host name may contain.
func notHostASCII(r rune) bool {
	switch {
	case r >= utf8.RuneSelf, r == '-', r == '.':
		return false
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return false
	}
	return true
}

// userInfoProblem reports credentials written into a URL, which would be sent to
// every party that sees the URL.
func userInfoProblem(field, what, shown string) Problem {
	return fieldError(field, titleCase(what)+" Has User Info",
		"The %s %s contains user info (a name or password before \"@\"). URLs registered "+
			"with Lever are shown and sent in clear, so they may not carry credentials. "+
			"Remove the part between \"//\" and \"@\".", what, shown)
}

// showURL quotes a URL for a message as the user wrote it, with any password
// replaced by "xxxxx", shortened as quoteValue does. When the URL does not parse cleanly, "@" may sit further on
// than url.Parse would look (a password holding "/" or "#"), so everything from
// the first colon after "//" to the last "@" is hidden.
func showURL(raw string) string {
	p := splitURL(raw)
	if p.authStart < 0 {
		return quoteValue(raw)
	}
	at := strings.LastIndexByte(p.authority, '@')
	if _, err := url.Parse(raw); err != nil || portProblem(raw) != "" {
		at = strings.LastIndexByte(raw[p.authStart:], '@')
	}
	if at >= 0 {
		if colon := strings.IndexByte(raw[p.authStart:p.authStart+at], ':'); colon >= 0 {
			raw = raw[:p.authStart+colon+1] + "xxxxx" + raw[p.authStart+at:]
		}
	}
	return quoteValue(raw)
}

// titleCase upper-cases the first letter of each word, keeping "URL" as written.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// isLoopback reports whether host, without brackets, names this machine: localhost,
// in any spelling a browser would look up as such, 127.0.0.1 or ::1.
func isLoopback(host string) bool {
	if addr, err := netip.ParseAddr(host); err == nil {
		return slices.Contains(loopbackAddrs, addr)
	}
	ascii, err := idna.Lookup.ToASCII(host)
	return err == nil && ascii == "localhost"
}

// NormalizeURL lower-cases the scheme and host of raw, the two parts that are not
// case-sensitive, and leaves every other byte exactly as written. Lever matches
// redirect URIs exactly, so nothing else may be tidied. The host gets full Unicode
// lower-casing, so "BÜCHER.example" becomes "bücher.example".
func NormalizeURL(raw string) (string, error) {
	if _, err := url.Parse(raw); err != nil {
		return "", err
	}
	p := splitURL(raw)
	out := strings.ToLower(raw[:len(p.scheme)]) + raw[len(p.scheme):]
	if p.authStart < 0 {
		return out, nil
	}
	hostStart := p.authStart + strings.LastIndexByte(p.authority, '@') + 1
	hostEnd := p.authStart + len(p.authority)
	return out[:hostStart] + lowerValid(out[hostStart:hostEnd]) + out[hostEnd:], nil
}

// lowerValid is strings.ToLower, except that bytes that are not UTF-8 stay as they
// are instead of becoming U+FFFD.
func lowerValid(s string) string {
	if utf8.ValidString(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n == 1 {
			b.WriteByte(s[0])
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		s = s[n:]
	}
	return b.String()
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
