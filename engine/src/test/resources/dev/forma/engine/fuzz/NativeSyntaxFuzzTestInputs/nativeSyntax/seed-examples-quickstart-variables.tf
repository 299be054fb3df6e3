variable "workspace_name" {
  type        = string
  description = "Workspace name: 3-23 letters, digits and underscores, starting with a letter."
  default     = "forma_quickstart"
}

variable "dashscope_api_key" {
  type        = string
  description = "The DashScope API key the connection and the model use."
  sensitive   = true
}

variable "vector_store_type" {
  type        = string
  description = "The vector store's connection type."
  default     = "MilvusConnection"
}

variable "vector_store_uri" {
  type        = string
  description = "The vector store's address."
}

variable "vector_store_password" {
  type      = string
  sensitive = true
}

variable "replicas" {
  type        = number
  description = "Instances of the EAS LLM service."
  default     = 1
}
