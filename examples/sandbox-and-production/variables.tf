variable "sandbox_client_id" {
  description = "Client ID of the OAuth app Lever registered for the sandbox."
  type        = string
  default     = "acme-sandbox-4f1c2a7d"
}

variable "sandbox_client_secret" {
  description = "Client Secret of the sandbox app."
  type        = string
  sensitive   = true
}

variable "production_client_id" {
  description = "Client ID of the OAuth app Lever registered for production."
  type        = string
  default     = "acme-production-9b0e4c3f"
}

variable "production_client_secret" {
  description = "Client Secret of the production app."
  type        = string
  sensitive   = true
}
