// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, CheckCallbackURL(tt.in), tt.wants...)
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
	} {
		for _, ps := range [][]Problem{CheckCallbackURL(in), CheckLogoURL(in)} {
			if len(ps) == 0 {
				t.Errorf("%q accepted", in)
			}
			for _, p := range ps {
				if strings.Contains(p.Detail+p.Summary, "Zq9xW7pass") {
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
		{name: "data", in: "data:image/png;base64,AAAA",
			wants: []want{errorOn(f, "Logo URL Not Absolute")}},
		{name: "relative", in: "logo.png",
			wants: []want{errorOn(f, "Logo URL Not Absolute")}},
		{name: "user info", in: "https://u:p@cdn.example.com/logo.png",
			wants: []want{errorOn(f, "Logo URL Has User Info")}},
		{name: "empty", in: "",
			wants: []want{errorOn(f, "Missing Logo URL", "omit logo_url")}},
		{name: "space", in: "https://cdn.example.com/my logo.png",
			wants: []want{errorOn(f, "Invalid Logo URL", "%20")}},
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
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		ps := CheckCallbackURL(raw)
		_ = CheckLogoURL(raw)
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
		if len(norm) != len(raw) || !strings.EqualFold(norm, raw) {
			t.Fatalf("NormalizeURL(%q) = %q changed more than letter case", raw, norm)
		}
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
