# Objects made elsewhere, adopted by one import block per resource: for_each over a map, and
# over a list (each.key is then the index).
locals {
  connections = {
    dashscope = "conn-dashscope-0001"
    milvus    = "conn-milvus-0002"
  }
}

resource "terraform_data" "conn" {
  for_each = local.connections
  input    = each.key
}

import {
  for_each = local.connections
  to       = terraform_data.conn[each.key]
  id       = each.value
}

resource "terraform_data" "node" {
  count = 2
}

import {
  for_each = ["node-a", "node-b"]
  to       = terraform_data.node[each.key]
  id       = each.value
}
