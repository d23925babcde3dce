variable "lever_client_secret" {
  description = "The Client Secret Lever issued for the OAuth app."
  type        = string
  sensitive   = true
}

# A production profile with custom scopes and the actions a hiring sync needs.
resource "lever_connector_profile" "hiring_sync" {
  name        = "Acme Hiring Sync"
  description = "Keeps Acme's HR system in step with Lever."
  environment = "production"
  client_id   = "4f1c2a7d9b0e4c3f"
  logo_url    = "https://cdn.acme.example/logo-150.png"
  default     = true

  # Write-only (Terraform 1.11 and later): never kept in plan or state.
  # Change the version to rotate the secret.
  client_secret_wo         = var.lever_client_secret
  client_secret_wo_version = 1

  scopes = [
    "offline_access",
    "users:read:admin",
    "opportunities:write:admin",
    "postings:read:admin",
    "stages:read:admin",
  ]

  actions = [
    "list_opportunities",
    "create_opportunity",
    "list_postings",
    "list_stages",
  ]
}

# A sandbox profile on the environment's default scopes, disabled for now.
# This one keeps its secret in plain form, which Terraform stores in state.
resource "lever_connector_profile" "trial" {
  name          = "Acme Hiring Sync (trial)"
  description   = "Trial of the hiring sync on Lever's sandbox."
  environment   = "sandbox"
  client_id     = "sandbox-client-id"
  client_secret = var.lever_client_secret
  enabled       = false
}

output "authorize_here" {
  value = lever_connector_profile.hiring_sync.authorization_url
}
