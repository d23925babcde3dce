# Provider functions are found only through required_providers.
terraform {
  required_providers {
    lever = {
      source = "connectorprofiles/lever"
    }
  }
}

# A read scope listed beside its write scope grants nothing more, so
# normalize_scopes drops it, as well as duplicates.
locals {
  requested = [
    "users:read:admin",
    "offline_access",
    "opportunities:write:admin",
    "opportunities:read:admin",
    "offline_access",
  ]
}

# ["offline_access", "opportunities:write:admin", "users:read:admin"]
output "scopes_to_register" {
  value = provider::lever::normalize_scopes(local.requested)
}
