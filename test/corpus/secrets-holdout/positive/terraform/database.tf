resource "random_password" "replica" {
  length  = 32
  special = false
}

resource "aws_db_instance" "orders" {
  identifier             = "orders-prod"
  engine                 = "postgres"
  engine_version         = "16.2"
  instance_class         = "db.r6g.large"
  username               = "orders_admin"
  password               = "2o5oB*3peZtb3VLa7QwIE9Uv"
  skip_final_snapshot    = false
  storage_encrypted      = true
  kms_key_id             = "arn:aws:kms:us-east-1:210987654321:key/29927295-32ba-40de-85e7-0856d9945bb9"
}

resource "aws_db_instance" "orders_replica" {
  identifier          = "orders-prod-replica"
  replicate_source_db = aws_db_instance.orders.identifier
  password            = random_password.replica.result
}

resource "aws_ssm_parameter" "orders_dsn" {
  name  = "/orders/prod/dsn"
  type  = "SecureString"
  value = "postgres://orders_admin:CtoC871U_vK54Vmld1V5T_6p@orders-prod.c9akciq32.us-east-1.rds.amazonaws.com:5432/orders"
}

data "aws_secretsmanager_secret_version" "stripe" {
  secret_id = "arn:aws:secretsmanager:us-east-1:210987654321:secret:prod/stripe-ZeItGQ"
}
