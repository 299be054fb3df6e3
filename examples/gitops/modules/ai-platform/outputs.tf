output "connection_ids" {
  description = "The connections' IDs, by connection name."
  value       = { for name, c in alicloud_pai_workspace_connection.this : name => c.id }
}

output "model_name" {
  description = "The routed model's name."
  value       = alicloud_model_router_model.chat.name
}

output "llm_service" {
  description = "The EAS LLM service's name and replicas."
  value = {
    name     = alicloud_pai_eas_app_service.llm.service_name
    replicas = alicloud_pai_eas_app_service.llm.replicas
  }
}
