variable "env" {
  type        = string
  description = "The environment this instance of the platform serves."

  validation {
    condition     = contains(["dev", "staging", "prod"], var.env)
    error_message = "env must be one of dev, staging or prod."
  }
}

variable "workspace_id" {
  type        = string
  description = "The PAI workspace the connections and the EAS service belong to."
}

variable "connections" {
  type = map(object({
    type     = string
    base_url = optional(string)
    uri      = optional(string)
    username = optional(string)
    models   = optional(list(string), [])
  }))
  description = "The connections of this environment, by connection name (unique in the workspace)."
  default     = {}
}

variable "api_key" {
  type        = string
  description = "The model service key the connections and the routed model use."
  sensitive   = true
}

variable "replicas" {
  type        = number
  description = "Instances of the EAS LLM service."
  default     = 1
}
