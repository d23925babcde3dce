# Provider functions are found only through required_providers.
terraform {
  required_providers {
    lever = {
      source = "connectorprofiles/lever"
    }
  }
}

variable "oauth_state" {
  description = "An opaque value the callback checks, to tie Lever's response to this request."
  type        = string
}

variable "lever_client_secret" {
  description = "The Client Secret Lever issued for the OAuth app."
  type        = string
  sensitive   = true
}

# Functions cannot see the provider configuration, so every value is passed
# explicitly: the provider's default_callback_url does not apply.
output "grant_access_here" {
  value = provider::lever::authorization_url(
    "production",
    "4f1c2a7d9b0e4c3f",
    "https://platform.example.com/oauth/lever/callback",
    ["offline_access", "users:read:admin", "opportunities:write:admin"],
    var.oauth_state,
  )
}

# A managed profile's own authorization_url has no state. To add one, pass
# what the profile resolved: its callback_url holds the default it got, and a
# profile without custom scopes uses the environment's default scopes.
resource "lever_connector_profile" "trial" {
  name        = "Acme Hiring Sync (trial)"
  description = "Trial of the hiring sync on Lever's sandbox."
  environment = "sandbox"
  client_id   = "sandbox-client-id"

  client_secret_wo         = var.lever_client_secret
  client_secret_wo_version = 1
}

data "lever_environment" "sandbox" {
  name = "sandbox"
}

output "trial_grant_access_here" {
  value = provider::lever::authorization_url(
    lever_connector_profile.trial.environment,
    lever_connector_profile.trial.client_id,
    lever_connector_profile.trial.callback_url,
    data.lever_environment.sandbox.default_scopes,
    var.oauth_state,
  )
}
