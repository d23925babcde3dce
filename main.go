// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Command terraform-provider-lever serves the Lever connector profile provider
// to Terraform.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/connectorprofiles/terraform-provider-lever/internal/provider"
)

// version is set by the release build.
var version = "dev"

// TODO: terraform-plugin-framework v1.19.0 keeps the cancel function of
// every RPC's context until StopProvider (proto6server's registerContext),
// so each request's context, with its loggers, stays reachable for the life
// of the provider process: its heap grows by tens of KiB a request, to about
// 170 MiB of peak memory over a 1,000-profile apply. It needs a fix in the
// framework; nothing a provider passes it can release them.
func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider for use with a debugger")
	flag.Parse()
	quietUnlessLogging()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/connectorprofiles/lever",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}

// quietUnlessLogging turns the plugin SDK's own logs off when Terraform
// keeps no provider log. Unless told a level, the SDK writes every line at
// TRACE, formatted as JSON, for Terraform to filter; with logging off
// Terraform drops them all, after the provider spent about a fifth of its
// time on a large plan formatting them. A level set for the SDK, and
// TF_LOG or TF_LOG_PROVIDER set to anything but "off", keep them.
func quietUnlessLogging() {
	for _, name := range []string{"TF_LOG", "TF_LOG_PROVIDER"} {
		if level := os.Getenv(name); level != "" && !strings.EqualFold(level, "off") {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
		"TF_LOG_PROVIDER_LEVER"} {
		if os.Getenv(name) == "" {
			_ = os.Setenv(name, "off")
		}
	}
}
