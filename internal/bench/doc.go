// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

// Package bench times the provider under the real terraform CLI: apply, a
// no-change plan and destroy of N connector profiles, against the same steps
// on N of Terraform's built-in terraform_data resources, the floor that no
// provider can beat. It also records the provider processes' peak memory.
//
// The store behind the profiles is a Backend, so that each store the
// provider can use gets its own rows in the same table.
package bench
