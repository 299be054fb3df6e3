resource "terraform_data" "r" {
  input = ["x0", "d", { out = "d" }, [{ out = "x0" }, { out = "x1" }]]
}
