// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"os"
	"testing"
)

var sdkLogLevels = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_LEVER"}

func TestQuietUnlessLogging(t *testing.T) {
	cases := map[string]struct {
		env  map[string]string
		want map[string]string
	}{
		"terraform logs nothing": {
			env:  map[string]string{},
			want: map[string]string{"TF_LOG_SDK": "off", "TF_LOG_SDK_FRAMEWORK": "off", "TF_LOG_PROVIDER_LEVER": "off"},
		},
		"TF_LOG off": {
			env:  map[string]string{"TF_LOG": "OFF"},
			want: map[string]string{"TF_LOG_SDK_PROTO": "off"},
		},
		"TF_LOG trace": {
			env:  map[string]string{"TF_LOG": "trace"},
			want: map[string]string{"TF_LOG_SDK": "", "TF_LOG_SDK_FRAMEWORK": "", "TF_LOG_PROVIDER_LEVER": ""},
		},
		"TF_LOG_PROVIDER debug": {
			env:  map[string]string{"TF_LOG_PROVIDER": "debug"},
			want: map[string]string{"TF_LOG_SDK": "", "TF_LOG_PROVIDER_LEVER": ""},
		},
		"an SDK level of the user's own": {
			env:  map[string]string{"TF_LOG_SDK_FRAMEWORK": "warn"},
			want: map[string]string{"TF_LOG_SDK_FRAMEWORK": "warn", "TF_LOG_SDK": "off"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			for _, v := range append([]string{"TF_LOG", "TF_LOG_PROVIDER"}, sdkLogLevels...) {
				t.Setenv(v, tc.env[v])
				if tc.env[v] == "" {
					_ = os.Unsetenv(v)
				}
			}

			quietUnlessLogging()

			for v, want := range tc.want {
				if got := os.Getenv(v); got != want {
					t.Errorf("%s = %q, want %q", v, got, want)
				}
			}
		})
	}
}
