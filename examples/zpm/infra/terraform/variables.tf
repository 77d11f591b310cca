variable "region" {
  description = "AWS region of the shop"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment name, used in resource names"
  type        = string
  default     = "prod"
}

variable "vpc_id" {
  description = "VPC that holds the cluster and the database"
  type        = string
}

variable "private_subnet_ids" {
  description = "Subnets for the database"
  type        = list(string)
}

variable "db_instance_class" {
  description = "RDS instance class"
  type        = string
  default     = "db.t3.micro"
}

variable "db_password" {
  description = "Master password of the shop database"
  type        = string
  sensitive   = true
}

variable "public_subnet_id" {
  description = "Subnet of the jump host"
  type        = string
  default     = "subnet-0a1b2c3d4e5f60718"
}
