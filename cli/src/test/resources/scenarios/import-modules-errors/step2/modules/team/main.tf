resource "terraform_data" "conn" {
}
