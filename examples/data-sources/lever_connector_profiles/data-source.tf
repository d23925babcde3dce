# Every enabled production profile, whichever configuration manages it.
data "lever_connector_profiles" "production" {
  environment = "production"
  enabled     = true
}

output "production_profile_ids" {
  value = data.lever_connector_profiles.production.ids
}

output "production_callbacks" {
  value = {
    for p in data.lever_connector_profiles.production.profiles : p.name => p.callback_url
  }
}
