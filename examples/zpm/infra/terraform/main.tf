locals {
  name = "zpm-${var.environment}"
  tags = {
    Project     = "zpm-shop"
    Environment = var.environment
    ManagedBy   = "terraform"
  }
}

# Product photos, served to browsers straight from S3.
resource "aws_s3_bucket" "product_images" {
  bucket = "${local.name}-product-images"
  tags   = local.tags
}

resource "aws_s3_bucket_public_access_block" "product_images" {
  bucket                  = aws_s3_bucket.product_images.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_ownership_controls" "product_images" {
  bucket = aws_s3_bucket.product_images.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "product_images" {
  depends_on = [aws_s3_bucket_ownership_controls.product_images]
  bucket     = aws_s3_bucket.product_images.id
  acl        = "public-read"
}
