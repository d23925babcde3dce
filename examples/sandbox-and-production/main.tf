# A team's Lever setup: one OAuth app registered per environment, both
# granted the same scopes through a shared scope set. Applied by
# `make example`, which passes the secrets in as TF_VAR_ variables.

terraform {
  required_version = ">= 1.11" # client_secret_wo
  required_providers {
    lever = {
      source  = "connectorprofiles/lever"
      version = "~> 0.1"
    }
  }
}

# The embedded store is a file beside this configuration (.lever/, ignored
# by git). Every run that manages these profiles must use the same file.
provider "lever" {}

data "lever_environment" "sandbox" {
  name = "sandbox"
}

resource "lever_scope_set" "recruiting_sync" {
  name        = "recruiting-sync"
  description = "Read candidates and postings, move candidates through stages."
  scopes = [
    "offline_access",
    "users:read:admin",
    "opportunities:write:admin",
    "postings:read:admin",
    "stages:read:admin",
    "archive_reasons:read:admin",
    "interviews:read:admin",
  ]
}

resource "lever_connector_profile" "sandbox" {
  name        = "Acme Recruiting Sync"
  description = "Syncs Acme's candidates and postings with its HR platform."
  environment = "sandbox"
  client_id   = var.sandbox_client_id
  scopes      = lever_scope_set.recruiting_sync.scopes
  actions     = local.actions
  default     = true

  # Write-only: the secret goes to the store but never into Terraform's
  # state. Bump the version to rotate it.
  client_secret_wo         = var.sandbox_client_secret
  client_secret_wo_version = 1
}

resource "lever_connector_profile" "production" {
  name        = "Acme Recruiting Sync"
  description = "Syncs Acme's candidates and postings with its HR platform."
  environment = "production"
  client_id   = var.production_client_id
  logo_url    = "https://cdn.acme.example/brand/lever-150.png"
  scopes      = lever_scope_set.recruiting_sync.scopes
  actions     = local.actions
  default     = true

  client_secret_wo         = var.production_client_secret
  client_secret_wo_version = 1
}

locals {
  actions = [
    "list_opportunities",
    "get_opportunity",
    "create_opportunity",
    "list_postings",
    "list_stages",
    "list_archive_reasons",
    "list_interviews",
    "list_users",
  ]
}
