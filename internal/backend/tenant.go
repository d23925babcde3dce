// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backend

import (
	"errors"
	"fmt"
)

// MaxTenantLength is the longest tenant name CheckTenant accepts: short
// enough to be a DNS label, a file name or a database value on any system.
const MaxTenantLength = 63

// ErrInvalidTenant is matched, through errors.Is, by the error of a tenant
// name CheckTenant refuses, so that a server can answer it as the caller's
// mistake rather than the store's.
var ErrInvalidTenant = errors.New("invalid tenant name")

// tenantRule says what CheckTenant allows, in every error it returns.
const tenantRule = "a tenant name is 1 to 63 lower-case letters (a-z), digits and hyphens, " +
	"starting with a letter or digit"

// CheckTenant returns an error matching ErrInvalidTenant unless name is a
// valid tenant name: 1 to MaxTenantLength lower-case ASCII letters, digits
// and '-', starting with a letter or digit. Every Tenants implementation
// calls it, so that one name is valid in every store, and safe as a file
// name in those that keep a file per tenant.
func CheckTenant(name string) error {
	switch {
	case name == "":
		return tenantError("the tenant name is empty")
	case len(name) > MaxTenantLength:
		return tenantError(fmt.Sprintf("the tenant name is %d bytes long", len(name)))
	case name[0] == '-':
		return tenantError(fmt.Sprintf("the tenant name %q starts with a hyphen", name))
	}
	for i, r := range name {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || r == '-' {
			continue
		}
		return tenantError(fmt.Sprintf("the tenant name %q has %q at byte %d", name, r, i))
	}
	return nil
}

func tenantError(problem string) error {
	return fmt.Errorf("%w: %s; %s", ErrInvalidTenant, problem, tenantRule)
}
