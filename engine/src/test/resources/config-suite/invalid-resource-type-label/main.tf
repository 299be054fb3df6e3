resource "terraform data" "x" {
}

data "terraform remote_state" "y" {
}
