// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"net/url"
	"strings"
	"testing"
)

func TestCheckCallbackURL(t *testing.T) {
	const f = "callback_url"
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{name: "default", in: DefaultCallbackURL},
		{name: "localhost http", in: "http://localhost:8080/cb"},
		{name: "localhost upper case", in: "http://LOCALHOST:3000/login"},
		{name: "loopback v4", in: "http://127.0.0.1/cb"},
		{name: "loopback v6", in: "http://[::1]:3000/cb"},
		{name: "upper-case scheme and host", in: "HTTPS://Example.COM/cb"},
		{name: "query allowed", in: "https://example.com/cb?tenant=a"},
		{name: "port", in: "https://example.com:8443/cb"},
		{name: "http elsewhere", in: "http://example.com",
			wants: []want{errorOn(f, "Insecure Callback URL", `"http://example.com"`,
				"localhost", "Change the scheme to https.")}},
		{name: "http upper case elsewhere", in: "HTTP://example.com/cb",
			wants: []want{errorOn(f, "Insecure Callback URL")}},
		{name: "http on a look-alike", in: "http://localhost.example.com/cb",
			wants: []want{errorOn(f, "Insecure Callback URL")}},
		{name: "http on other loopback", in: "http://127.0.0.2/cb",
			wants: []want{errorOn(f, "Insecure Callback URL")}},
		{name: "ftp", in: "ftp://example.com/cb",
			wants: []want{errorOn(f, "Unsupported Callback URL Scheme", `"ftp"`)}},
		{name: "custom scheme", in: "myapp://callback/x",
			wants: []want{errorOn(f, "Unsupported Callback URL Scheme")}},
		{name: "relative", in: "/connect/oauth2/lever/callback",
			wants: []want{errorOn(f, "Callback URL Not Absolute", DefaultCallbackURL)}},
		{name: "no scheme", in: "api.stackone.com/callback",
			wants: []want{errorOn(f, "Callback URL Not Absolute")}},
		{name: "scheme-relative", in: "//api.stackone.com/callback",
			wants: []want{errorOn(f, "Callback URL Not Absolute")}},
		{name: "no host", in: "https:///cb",
			wants: []want{errorOn(f, "Callback URL Not Absolute")}},
		{name: "opaque", in: "https:example.com",
			wants: []want{errorOn(f, "Callback URL Not Absolute")}},
		{name: "port only", in: "https://:443/cb",
			wants: []want{errorOn(f, "Callback URL Not Absolute")}},
		{name: "fragment", in: "https://example.com/cb#top",
			wants: []want{errorOn(f, "Callback URL Has Fragment", `"#"`)}},
		{name: "empty fragment", in: "https://example.com/cb#",
			wants: []want{errorOn(f, "Callback URL Has Fragment")}},
		{name: "user info", in: "https://user:hunter2@example.com/cb",
			wants: []want{errorOn(f, "Callback URL Has User Info", "user:xxxxx@")}},
		{name: "user only", in: "https://user@example.com/cb",
			wants: []want{errorOn(f, "Callback URL Has User Info")}},
		{name: "several at once", in: "http://u:pw@example.com/cb#x",
			wants: []want{
				errorOn(f, "Insecure Callback URL"),
				errorOn(f, "Callback URL Has User Info"),
				errorOn(f, "Callback URL Has Fragment"),
			}},
		{name: "empty", in: "",
			wants: []want{errorOn(f, "Missing Callback URL", "omit callback_url")}},
		{name: "surrounding space", in: " " + DefaultCallbackURL,
			wants: []want{errorOn(f, "Invalid Callback URL", "whitespace")}},
		{name: "trailing newline", in: DefaultCallbackURL + "\n",
			wants: []want{errorOn(f, "Invalid Callback URL")}},
		{name: "bad port", in: "https://example.com:port/cb",
			wants: []want{errorOn(f, "Invalid Callback URL", "not a valid URL")}},
		{name: "bad escape", in: "https://example.com/%zz",
			wants: []want{errorOn(f, "Invalid Callback URL")}},

		// The scheme is judged first: nothing after "javascript:" can make it a
		// callback, so "not absolute" would send the user the wrong way.
		{name: "javascript", in: "javascript:alert(1)",
			wants: []want{errorOn(f, "Unsupported Callback URL Scheme", `"javascript"`,
				`"javascript:alert(1)"`, "omit callback_url")}},
		{name: "javascript upper case with a space", in: "JavaScript:alert('a b')",
			wants: []want{errorOn(f, "Unsupported Callback URL Scheme", `"JavaScript"`)}},
		{name: "data", in: "data:text/html,<script>alert(1)</script>",
			wants: []want{errorOn(f, "Unsupported Callback URL Scheme", `"data"`)}},
		{name: "file", in: "file:///etc/passwd",
			wants: []want{errorOn(f, "Unsupported Callback URL Scheme", `"file"`)}},
		{name: "mailto", in: "mailto:",
			wants: []want{errorOn(f, "Unsupported Callback URL Scheme", `"mailto"`)}},
		{name: "mailto with address", in: "mailto:someone@example.com",
			wants: []want{errorOn(f, "Unsupported Callback URL Scheme", `"mailto"`)}},
		{name: "host and port without scheme", in: "localhost:3000/cb",
			wants: []want{errorOn(f, "Callback URL Not Absolute")}},
		{name: "bare host and port", in: "api.stackone.com:443",
			wants: []want{errorOn(f, "Callback URL Not Absolute")}},

		// Ports are numbers from 1 to 65535.
		{name: "port 1", in: "https://a.example:1/cb"},
		{name: "port 65535", in: "https://a.example:65535/cb"},
		{name: "port with leading zero", in: "https://a.example:0443/cb"},
		{name: "port too large", in: "https://a.example:99999/cb",
			wants: []want{errorOn(f, "Invalid Callback URL", "not a valid URL",
				"port 99999 is out of range", "1 to 65535")}},
		{name: "port 65536", in: "https://a.example:65536/cb",
			wants: []want{errorOn(f, "Invalid Callback URL", "out of range")}},
		{name: "port zero", in: "https://a.example:0/cb",
			wants: []want{errorOn(f, "Invalid Callback URL", "port 0 is out of range")}},
		{name: "port all zeros", in: "https://a.example:00000/cb",
			wants: []want{errorOn(f, "Invalid Callback URL", "out of range")}},
		{name: "port huge", in: "https://a.example:99999999999999999999999/cb",
			wants: []want{errorOn(f, "Invalid Callback URL", "out of range")}},
		{name: "port empty", in: "https://a.example:/cb",
			wants: []want{errorOn(f, "Invalid Callback URL", "colon but no port number")}},
		{name: "port zero on IPv6 loopback", in: "http://[::1]:0/cb",
			wants: []want{errorOn(f, "Invalid Callback URL", "out of range")}},
		{name: "port not a number", in: "https://a.example:https/cb",
			wants: []want{errorOn(f, "Invalid Callback URL", `port "https" is not a number`)}},

		// Hosts are checked as browsers look them up (UTS 46, STD3 rules).
		{name: "IDN", in: "https://bücher.example/cb"},
		{name: "IDN upper case", in: "https://BÜCHER.example/cb"},
		{name: "IDN encoded", in: "https://xn--bcher-kva.example/cb"},
		{name: "IPv4", in: "https://192.0.2.10:8443/cb"},
		{name: "IPv6", in: "https://[2001:db8::1]/cb"},
		{name: "IPv6 loopback long form", in: "http://[0:0:0:0:0:0:0:1]:3000/cb"},
		{name: "trailing root dot", in: "https://a.example./cb"},
		{name: "hyphen inside", in: "https://my-app.example/cb"},
		{name: "empty label", in: "https://a..example/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", `"a..example"`,
				"empty label", "labels separated by single dots")}},
		{name: "empty label from an ideographic full stop", in: "https://a\u3002\u3002example/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", "empty label")}},
		{name: "leading dot", in: "https://.example/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", "empty label")}},
		{name: "two trailing dots", in: "https://a.example../cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", "empty label")}},
		{name: "hyphen label", in: "https://-.example/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host",
				`label "-" starts or ends with a hyphen`)}},
		{name: "label ends with hyphen", in: "https://a-.example/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", `"a-"`, "hyphen")}},
		{name: "underscore", in: "https://a_b.example/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", `"a_b.example"`,
				`"_" (U+005F) at position 2`, "letters, digits and hyphens")}},
		{name: "asterisk", in: "https://*.example/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", "U+002A")}},
		{name: "bad encoded label", in: "https://xn--a.example/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", `"xn--a"`)}},
		{name: "label too long", in: "https://" + strings.Repeat("a", 64) + ".example/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", "longer than 63")}},
		{name: "name too long", in: "https://" + strings.Repeat("abcdefghi.", 26) + "example/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", "longer than 253")}},
		{name: "three-part IPv4", in: "https://1.2.3/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", "IPv4")}},
		{name: "IPv4 out of range", in: "https://256.0.0.1/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", "IPv4")}},
		{name: "IPv4 with leading zeros", in: "http://127.000.000.001/cb",
			wants: []want{errorOn(f, "Invalid Callback URL Host", "leading zeros")}},
		{name: "soft hyphen hides in a host", in: "https://exa\u00admple.com/cb",
			wants: []want{errorOn(f, "Invalid Callback URL", "U+00AD", "position 12")}},
		{name: "zero-width space in the path", in: "https://example.com/c\u200bb",
			wants: []want{errorOn(f, "Invalid Callback URL", "U+200B")}},

		// Messages show the URL as written.
		{name: "empty fragment shown as written", in: "https://a.example/cb#",
			wants: []want{errorOn(f, "Callback URL Has Fragment", `"https://a.example/cb#"`)}},
		{name: "scheme only shown as written", in: "https://",
			wants: []want{errorOn(f, "Callback URL Not Absolute", `"https://"`)}},
		{name: "user info shown as written, password hidden",
			in: "https://user:hunter2@A.example/cb#",
			wants: []want{
				errorOn(f, "Callback URL Has User Info", `"https://user:xxxxx@A.example/cb#"`),
				errorOn(f, "Callback URL Has Fragment", `"https://user:xxxxx@A.example/cb#"`),
			}},
		{name: "query marker shown as written", in: "http://a.example/cb?",
			wants: []want{errorOn(f, "Insecure Callback URL", `"http://a.example/cb?"`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckCallbackURL(tt.in), tt.wants...)
		})
	}
}

func TestCheckDefaultCallbackURL(t *testing.T) {
	const f = "default_callback_url"
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{name: "default", in: DefaultCallbackURL},
		{name: "own platform", in: "https://platform.example.com/oauth/lever"},
		{name: "localhost http", in: "http://localhost:3000/login"},
		{name: "empty", in: "",
			wants: []want{errorOn(f, "Missing Default Callback URL",
				"omit default_callback_url", "platform default, "+DefaultCallbackURL)}},
		{name: "javascript", in: "javascript:alert(1)",
			wants: []want{errorOn(f, "Unsupported Default Callback URL Scheme",
				"omit default_callback_url", DefaultCallbackURL)}},
		{name: "http", in: "http://example.com/cb",
			wants: []want{errorOn(f, "Insecure Default Callback URL", "localhost")}},
		{name: "relative", in: "/cb",
			wants: []want{errorOn(f, "Default Callback URL Not Absolute")}},
		{name: "fragment and user info", in: "https://u:pw@example.com/cb#x",
			wants: []want{
				errorOn(f, "Default Callback URL Has User Info"),
				errorOn(f, "Default Callback URL Has Fragment"),
			}},
		{name: "bad port", in: "https://example.com:0/cb",
			wants: []want{errorOn(f, "Invalid Default Callback URL", "out of range")}},
		{name: "bad host", in: "https://a_b.example/cb",
			wants: []want{errorOn(f, "Invalid Default Callback URL Host", "U+005F")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := CheckDefaultCallbackURL(tt.in)
			assertProblems(t, ps, tt.wants...)
			for _, p := range ps {
				if strings.Contains(strings.ReplaceAll(p.Detail, "default_callback_url", ""),
					"callback_url") {
					t.Errorf("detail names callback_url: %s", p.Detail)
				}
			}
		})
	}
}

// TestURLMessagesHidePasswords: a password written into a URL must not be echoed,
// even when the URL does not parse.
func TestURLMessagesHidePasswords(t *testing.T) {
	for _, in := range []string{
		"https://user:Zq9xW7pass@example.com/cb",
		"https://user:Zq9xW7pass@example.com:bad/cb",
		"http://user:Zq9xW7pass@example.com/cb#x",
		"https://user:Zq9xW7pass@example.com:0/cb",
		"https://user:Zq9xW7pass@a_b.example/cb",
		"javascript://user:Zq9xW7pass@example.com/cb",
		// A password holding "/" or "#" moves the "@" beyond where url.Parse looks.
		"https://user:Zq/9xW7pass@example.com/cb",
		"https://user:Zq9xW7pass#x@example.com/cb",
		"https://user:Zq9xW7pass\n@example.com/cb",
	} {
		for _, ps := range [][]Problem{CheckCallbackURL(in), CheckLogoURL(in)} {
			if len(ps) == 0 {
				t.Errorf("%q accepted", in)
			}
			for _, p := range ps {
				if strings.Contains(p.Detail+p.Summary, "9xW7pass") {
					t.Errorf("%q: message shows the password: %s", in, p.Detail)
				}
			}
		}
	}
}

func TestCheckLogoURL(t *testing.T) {
	const f = "logo_url"
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{name: "https", in: "https://cdn.example.com/logo.png"},
		{name: "upper case", in: "HTTPS://CDN.Example.com/Logo.PNG"},
		{name: "query and fragment", in: "https://cdn.example.com/logo.png?v=2#x"},
		{name: "http", in: "http://cdn.example.com/logo.png",
			wants: []want{errorOn(f, "Insecure Logo URL", `"http"`, "https")}},
		{name: "http localhost", in: "http://localhost/logo.png",
			wants: []want{errorOn(f, "Insecure Logo URL")}},
		// The scheme is judged first: a data: URL is wrong whatever follows it.
		{name: "data", in: "data:image/png;base64,AAAA",
			wants: []want{errorOn(f, "Unsupported Logo URL Scheme", `"data"`, "omit logo_url")}},
		{name: "relative", in: "logo.png",
			wants: []want{errorOn(f, "Logo URL Not Absolute")}},
		{name: "user info", in: "https://u:p@cdn.example.com/logo.png",
			wants: []want{errorOn(f, "Logo URL Has User Info")}},
		{name: "empty", in: "",
			wants: []want{errorOn(f, "Missing Logo URL", "omit logo_url")}},
		{name: "space", in: "https://cdn.example.com/my logo.png",
			wants: []want{errorOn(f, "Invalid Logo URL", "%20")}},
		{name: "IDN", in: "https://bücher.example/logo.png"},
		{name: "javascript", in: "javascript:alert(1)",
			wants: []want{errorOn(f, "Unsupported Logo URL Scheme", `"javascript"`)}},
		{name: "file", in: "file:///etc/passwd",
			wants: []want{errorOn(f, "Unsupported Logo URL Scheme", `"file"`)}},
		{name: "mailto", in: "mailto:",
			wants: []want{errorOn(f, "Unsupported Logo URL Scheme")}},
		{name: "port too large", in: "https://cdn.example.com:99999/logo.png",
			wants: []want{errorOn(f, "Invalid Logo URL", "out of range")}},
		{name: "bad host", in: "https://cdn..example.com/logo.png",
			wants: []want{errorOn(f, "Invalid Logo URL Host", "empty label")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckLogoURL(tt.in), tt.wants...)
		})
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{in: "HTTPS://Example.COM/Path?Q=A#F", want: "https://example.com/Path?Q=A#F"},
		{in: "https://User:PW@Example.COM:8080/X", want: "https://User:PW@example.com:8080/X"},
		{in: "HTTP://[::1]:3000/CB", want: "http://[::1]:3000/CB"},
		{in: "https://EXAMPLE.com?X=Y", want: "https://example.com?X=Y"},
		{in: "https://EXAMPLE.com#Frag/With/Slash", want: "https://example.com#Frag/With/Slash"},
		{in: "https://a@B@C.com/P", want: "https://a@B@c.com/P"},
		{in: "https://ex.com/a%2Fb/%7E", want: "https://ex.com/a%2Fb/%7E"},
		{in: "MAILTO:User@Example.COM", want: "mailto:User@Example.COM"},
		{in: "//Host.COM/Path", want: "//host.com/Path"},
		{in: "/Path/Only", want: "/Path/Only"},
		{in: "", want: ""},
		// The host gets full Unicode lower-casing; nothing after it changes.
		{in: "https://BÜCHER.example/cb", want: "https://bücher.example/cb"},
		{in: "HTTPS://BÜCHER.EXAMPLE/ÜBER?Ä=Ö#É", want: "https://bücher.example/ÜBER?Ä=Ö#É"},
		{in: "https://ΑΘΗΝΑ.example/Π", want: "https://αθηνα.example/Π"},
		{in: "https://U:P@ÉCOLE.example:8443/É", want: "https://U:P@école.example:8443/É"},
		{in: "https://Ex.com:port/", wantErr: true},
		{in: "://x", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := NormalizeURL(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSameURL(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{DefaultCallbackURL, "HTTPS://API.StackOne.com/connect/oauth2/lever/callback", true},
		{DefaultCallbackURL, DefaultCallbackURL, true},
		// Lever matches the path exactly, so its case matters.
		{DefaultCallbackURL, "https://api.stackone.com/Connect/oauth2/lever/callback", false},
		{DefaultCallbackURL, DefaultCallbackURL + "/", false},
		{"https://x.com/cb?a=1", "https://x.com/cb?A=1", false},
		{"https://x.com:bad/", "https://x.com:bad/", false},
		{"https://x.com/", "https://x.com:bad/", false},
		{"https://bücher.example/cb", "https://BÜCHER.example/cb", true},
		{"https://bücher.example/über", "https://bücher.example/ÜBER", false},
	}
	for _, tt := range tests {
		if got := SameURL(tt.a, tt.b); got != tt.want {
			t.Errorf("SameURL(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzCallbackURL(f *testing.F) {
	for _, s := range []string{
		DefaultCallbackURL, "http://localhost:8080/cb", "http://[::1]:3000/cb",
		"HTTPS://Example.COM/cb", "http://127.0.0.1/cb", "https://u:p@x.com/#f", "ftp://x",
		"/relative", "https://%6C%6Fcalhost/", "http://LOCALHOST/", "https://[fe80::1%25EN0]/",
		"https://x.com/%zz", "https://x.com:99999/", "", "\x00", "https://é.example/",
		"https://BÜCHER.example/ÜBER", "javascript:alert(1)", "https://a..example/",
		"https://a_b.example/", "https://a.example:0/", "https://İ.example/",
		"https://\u212a.example/", "http://LOCALHOST./", "https://1.2.3/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		ps := CheckCallbackURL(raw)
		_ = CheckLogoURL(raw)
		if def := CheckDefaultCallbackURL(raw); len(def) != len(ps) {
			t.Fatalf("%q: %d problems as callback_url, %d as default_callback_url",
				raw, len(ps), len(def))
		}
		norm, err := NormalizeURL(raw)
		if err != nil {
			if len(ps) == 0 {
				t.Fatalf("CheckCallbackURL accepted %q, which NormalizeURL rejects: %v", raw, err)
			}
			return
		}
		again, err := NormalizeURL(norm)
		if err != nil || again != norm {
			t.Fatalf("NormalizeURL not idempotent: %q -> %q -> %q, %v", raw, norm, again, err)
		}
		assertOnlyCaseChanged(t, raw, norm)
		if !SameURL(raw, norm) {
			t.Fatalf("SameURL(%q, %q) = false", raw, norm)
		}
		if len(ps) == 0 {
			if after := CheckCallbackURL(norm); len(after) != 0 {
				t.Fatalf("%q accepted but its normal form %q is not: %v", raw, norm, after)
			}
		}
	})
}

// assertOnlyCaseChanged fails unless norm is raw with only the case of its scheme and
// host changed.
func assertOnlyCaseChanged(t *testing.T, raw, norm string) {
	t.Helper()
	before, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("url.Parse(%q): %v", raw, err)
	}
	after, err := url.Parse(norm)
	if err != nil {
		t.Fatalf("NormalizeURL(%q) = %q, which does not parse: %v", raw, norm, err)
	}
	if before.Scheme != after.Scheme || before.Opaque != after.Opaque ||
		before.User.String() != after.User.String() || before.Port() != after.Port() ||
		before.EscapedPath() != after.EscapedPath() || before.RawQuery != after.RawQuery ||
		before.ForceQuery != after.ForceQuery || before.EscapedFragment() != after.EscapedFragment() {
		t.Fatalf("NormalizeURL(%q) = %q changed more than scheme and host", raw, norm)
	}
	// Not strings.EqualFold: its simple folding keeps "İ" apart from "i", which
	// strings.ToLower, and so NormalizeURL, maps it to.
	if strings.ToLower(before.Host) != strings.ToLower(after.Host) || //nolint:staticcheck // see above
		strings.ToLower(raw) != strings.ToLower(norm) { //nolint:staticcheck // see above
		t.Fatalf("NormalizeURL(%q) = %q changed more than letter case", raw, norm)
	}
}
