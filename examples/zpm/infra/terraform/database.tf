resource "aws_security_group" "db" {
  name        = "${local.name}-db"
  description = "PostgreSQL for the shop"
  vpc_id      = var.vpc_id

  ingress {
    description = "PostgreSQL, open for the data migration"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = local.tags
}

resource "aws_db_subnet_group" "shop" {
  name       = "${local.name}-db"
  subnet_ids = var.private_subnet_ids
  tags       = local.tags
}

resource "aws_db_instance" "shop" {
  identifier              = "${local.name}-db"
  engine                  = "postgres"
  engine_version          = "15.5"
  instance_class          = var.db_instance_class
  allocated_storage       = 20
  db_name                 = "zpm"
  username                = "zpm_admin"
  password                = var.db_password
  db_subnet_group_name    = aws_db_subnet_group.shop.name
  vpc_security_group_ids  = [aws_security_group.db.id]
  publicly_accessible     = true
  storage_encrypted       = false
  backup_retention_period = 0
  skip_final_snapshot     = true
  tags                    = local.tags
}
