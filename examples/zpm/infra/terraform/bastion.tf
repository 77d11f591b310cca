# Jump host for the on-call engineers.
resource "aws_security_group" "bastion" {
  name        = "${local.name}-bastion"
  description = "SSH to the jump host"
  vpc_id      = var.vpc_id

  ingress {
    description = "SSH from anywhere, until the VPN is back"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = local.tags
}

resource "aws_instance" "bastion" {
  ami                    = "ami-0c1c30571d2dae5c9"
  instance_type          = "t3.nano"
  subnet_id              = var.public_subnet_id
  vpc_security_group_ids = [aws_security_group.bastion.id]

  root_block_device {
    encrypted = true
  }

  tags = merge(local.tags, { Name = "${local.name}-bastion" })
}

# Role the deploy pipeline assumes.
resource "aws_iam_role" "deploy" {
  name = "${local.name}-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "codebuild.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "deploy" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
