data "lever_environment" "production" {
  name = "production"
}

# Everything Lever publishes for the environment.
output "lever_api" {
  value = data.lever_environment.production.api_base_url
}

output "scopes_list_opportunities_needs" {
  value = data.lever_environment.production.actions["list_opportunities"].scopes
}

output "default_scopes" {
  value = data.lever_environment.production.default_scopes
}
