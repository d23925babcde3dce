// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package embedded

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points the user's config folder, where DefaultKeyFile lies, at a
// temporary folder, so that a test that forgets to set Options.KeyFile
// writes no key into the real one.
func TestMain(m *testing.M) {
	os.Exit(runIsolated(m))
}

func runIsolated(m *testing.M) int {
	home, err := os.MkdirTemp("", "embedded-test-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(home)
	// os.UserConfigDir reads XDG_CONFIG_HOME or HOME on Unix, HOME on
	// macOS and AppData on Windows.
	for _, name := range []string{"HOME", "XDG_CONFIG_HOME", "AppData"} {
		if err := os.Setenv(name, home); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return m.Run()
}
