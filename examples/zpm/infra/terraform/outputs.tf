output "db_endpoint" {
  description = "Host and port of the shop database"
  value       = aws_db_instance.shop.endpoint
}

output "product_images_bucket" {
  description = "Bucket name for product photos"
  value       = aws_s3_bucket.product_images.bucket
}
