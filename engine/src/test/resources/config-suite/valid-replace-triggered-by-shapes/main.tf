resource "terraform_data" "source" {
  count = 2
  input = "v${count.index}"
}

resource "terraform_data" "by_key" {
  for_each = toset(["a", "b"])
  input    = each.key
}

resource "terraform_data" "plain" {
  input = "x"
}

resource "terraform_data" "indexed" {
  count = 2
  lifecycle {
    replace_triggered_by = [terraform_data.source[count.index].output]
  }
}

resource "terraform_data" "keyed" {
  for_each = toset(["a", "b"])
  lifecycle {
    replace_triggered_by = [terraform_data.by_key[each.key].output, terraform_data.by_key[each.key]]
  }
}

resource "terraform_data" "whole" {
  lifecycle {
    replace_triggered_by = [terraform_data.plain.output, terraform_data.plain, terraform_data.source]
  }
}
