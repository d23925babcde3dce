# A scope set shared by every profile of the hiring sync.
resource "lever_scope_set" "hiring_sync" {
  name        = "hiring-sync"
  description = "What the hiring sync reads and writes."
  scopes = [
    "offline_access",
    "users:read:admin",
    "opportunities:write:admin",
    "interviews:read:admin",
  ]
}

resource "lever_connector_profile" "hiring_sync" {
  name                     = "Acme Hiring Sync"
  description              = "Keeps Acme's HR system in step with Lever."
  environment              = "production"
  client_id                = "4f1c2a7d9b0e4c3f"
  client_secret_wo         = var.lever_client_secret
  client_secret_wo_version = 1
  scopes                   = lever_scope_set.hiring_sync.scopes
}

variable "lever_client_secret" {
  type      = string
  sensitive = true
}
