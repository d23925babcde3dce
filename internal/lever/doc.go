// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package lever holds what this project knows about Lever: its two environments and
// their OAuth endpoints, the published scope catalogue, the Data API operations a
// connector profile can enable, the registration form's limits, and the checks that
// turn all of that into precise problems.
//
// The package imports nothing from Terraform on purpose. The provider, its generated
// documentation, the lever_environment data source and the backend server all read
// these facts from here, so that each fact is written down exactly once and a
// correction reaches every caller together.
//
// Everything returned to callers is a fresh copy: package state cannot be changed
// from outside.
package lever
