resource "terraform_data" "vpc" {
}

resource "terraform_data" "subnet" {
}
