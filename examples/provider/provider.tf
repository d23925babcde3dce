terraform {
  required_providers {
    lever = {
      source = "connectorprofiles/lever"
    }
  }
}

# Profiles go to an embedded store, a file beside the configuration by
# default. Point every run that manages the same profiles at the same file.
provider "lever" {
  embedded_path         = ".lever/profiles.db"
  embedded_lock_timeout = "30s"
  default_callback_url  = "https://api.stackone.com/connect/oauth2/lever/callback"
}
