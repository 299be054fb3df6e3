resource "alicloud_pai_workspace_workspace" "example" {
  workspace_name = "forma_example"
  description    = "Workspace of the example team"
  display_name   = "Example team"
  env_types      = ["prod"]

  timeouts {
    create = "10m"
  }
}
