# Forma merges *_override.tf files into the configuration (as Terraform does): this one adds
# endpoint = "local" to main.tf's provider block, so the seed's example, kept verbatim in main.tf,
# runs against the local cloud. Delete this file to run it against Alibaba Cloud.
provider "alicloud" {
  endpoint = "local"
}
