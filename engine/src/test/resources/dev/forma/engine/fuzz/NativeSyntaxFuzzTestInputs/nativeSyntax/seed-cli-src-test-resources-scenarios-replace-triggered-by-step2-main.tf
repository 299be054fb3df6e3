resource "terraform_data" "image" {
  input = "v2"
}

resource "terraform_data" "instance" {
  input = "app"

  lifecycle {
    replace_triggered_by = [terraform_data.image]
  }
}

resource "terraform_data" "watcher" {
  input = "watch"

  lifecycle {
    replace_triggered_by = [terraform_data.image.output]
  }
}
