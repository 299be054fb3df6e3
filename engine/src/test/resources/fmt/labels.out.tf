resource "aws_instance" "web" {
  ami = "x"
}
resource "a" "b" {}
data "c" "d" {
}
provider "aws" {
}
module "m" {
}
terraform {
}
