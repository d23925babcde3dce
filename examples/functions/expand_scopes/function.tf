# Provider functions are found only through required_providers.
terraform {
  required_providers {
    lever = {
      source = "connectorprofiles/lever"
    }
  }
}

# A write scope includes its read scope; expand_scopes lists both, so that
# a list can be asked whether it grants a scope.
locals {
  scopes = ["offline_access", "users:read:admin", "opportunities:write:admin"]
}

# ["offline_access", "opportunities:read:admin", "opportunities:write:admin", "users:read:admin"]
output "granted_scopes" {
  value = provider::lever::expand_scopes(local.scopes)
}

# true: opportunities:write:admin includes opportunities:read:admin.
output "can_read_opportunities" {
  value = contains(provider::lever::expand_scopes(local.scopes), "opportunities:read:admin")
}
