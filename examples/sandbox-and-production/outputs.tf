output "profile_ids" {
  description = "The profiles' ids in the store, for import blocks elsewhere."
  value = {
    sandbox    = lever_connector_profile.sandbox.id
    production = lever_connector_profile.production.id
  }
}

output "effective_scopes" {
  description = "What each profile is granted: write scopes include their read scopes."
  value = {
    sandbox    = lever_connector_profile.sandbox.effective_scopes
    production = lever_connector_profile.production.effective_scopes
  }
}

output "sandbox_authorization_url" {
  description = "Where a Lever Super Admin authorizes the sandbox app."
  value       = lever_connector_profile.sandbox.authorization_url
}

output "sandbox_api" {
  value = data.lever_environment.sandbox.api_base_url
}
