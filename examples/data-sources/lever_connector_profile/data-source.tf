# A profile another configuration manages, found by environment and name.
data "lever_connector_profile" "hiring_sync" {
  environment = "production"
  name        = "Acme Hiring Sync"
}

# The same profile by id.
data "lever_connector_profile" "by_id" {
  id = data.lever_connector_profile.hiring_sync.id
}

output "hiring_sync_client_id" {
  value = data.lever_connector_profile.hiring_sync.client_id
}

output "hiring_sync_authorize_here" {
  value = data.lever_connector_profile.hiring_sync.authorization_url
}
