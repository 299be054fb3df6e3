# What create-outside.sh made by hand, now described here so that Forma manages it. The workspace
# and the "search" connection are adopted by the import blocks below at the next apply; the
# "archive" connection is adopted with the command `forma import` (see README.md).

provider "alicloud" {
  region   = "cn-hangzhou"
  endpoint = "local"
}

import {
  to = alicloud_pai_workspace_workspace.legacy
  id = var.workspace_id
}

import {
  to = alicloud_pai_workspace_connection.search
  id = var.search_connection_id
}

resource "alicloud_pai_workspace_workspace" "legacy" {
  workspace_name = "legacy_rag"
  description    = "Created by hand before Forma"
  env_types      = ["prod"]
}

resource "alicloud_pai_workspace_connection" "search" {
  workspace_id    = alicloud_pai_workspace_workspace.legacy.id
  connection_name = "search"
  connection_type = "ElasticsearchConnection"
  accessibility   = "PRIVATE"
  description     = "Search cluster"
  configs = {
    uri      = "http://es.legacy.internal:9200"
    username = "elastic"
  }
  secrets = {
    password = var.search_password
  }
}

resource "alicloud_pai_workspace_connection" "archive" {
  workspace_id    = alicloud_pai_workspace_workspace.legacy.id
  connection_name = "archive"
  connection_type = "MilvusConnection"
  accessibility   = "PRIVATE"
  description     = "Vector archive"
  configs = {
    uri      = "http://milvus.legacy.internal:19530"
    username = "root"
  }
  secrets = {
    password = var.archive_password
  }
}
