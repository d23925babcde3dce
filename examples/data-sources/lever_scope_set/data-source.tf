# A scope set another configuration manages.
data "lever_scope_set" "hiring_sync" {
  name = "hiring-sync"
}

variable "lever_client_secret" {
  type      = string
  sensitive = true
}

# A profile in this configuration that uses it.
resource "lever_connector_profile" "reporting" {
  name                     = "Acme Reporting"
  description              = "Reads hiring data for Acme's dashboards."
  environment              = "production"
  client_id                = "9a8b7c6d5e4f3a2b"
  client_secret_wo         = var.lever_client_secret
  client_secret_wo_version = 1
  scopes                   = data.lever_scope_set.hiring_sync.scopes
}
