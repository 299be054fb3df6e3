# `forma query` runs this list block: every connection of the workspace, each marked
# "(managed by Forma)" once the state or an import block has it. With
# -generate-config-out=FILE it writes import and resource blocks for the others.
list "alicloud_pai_workspace_connection" "all" {
  provider = alicloud
  config {
    workspace_id = var.workspace_id
  }
}
