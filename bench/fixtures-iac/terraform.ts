/**
 * Writes a generated Terraform tree for the iac benchmark: `folders` root
 * modules of `filesPerFolder` files with `resourcesPerFile` resources each,
 * in the shapes real AWS, Azure and Google projects use: buckets with their
 * public access blocks, security groups with ingress blocks, instances,
 * databases, IAM policies written with jsonencode, Lambda functions with
 * environment variables, and values read from variables with defaults.
 * About one resource in eight is insecure, so rules fire as in a real scan.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TerraformTreeOptions {
  folders: number;
  filesPerFolder: number;
  resourcesPerFile: number;
}

/** A small deterministic generator, so every run scans the same tree. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const TEMPLATES: Array<(name: string, bad: boolean) => string> = [
  (name, bad) => `resource "aws_s3_bucket" "${name}" {
  bucket = "\${var.prefix}-${name}"
  tags   = local.tags
}

resource "aws_s3_bucket_public_access_block" "${name}" {
  bucket                  = aws_s3_bucket.${name}.id
  block_public_acls       = true
  block_public_policy     = ${bad ? 'false' : 'true'}
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
  (name, bad) => `resource "aws_security_group" "${name}" {
  name        = "${name}"
  description = "Traffic for ${name}"
  vpc_id      = var.vpc_id

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [${bad ? '"0.0.0.0/0"' : 'var.admin_cidr'}]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
`,
  (name, bad) => `resource "aws_instance" "${name}" {
  ami                    = var.ami
  instance_type          = var.instance_type
  subnet_id              = var.subnet_id
  vpc_security_group_ids = [var.default_sg]

  metadata_options {
    http_tokens = "${bad ? 'optional' : 'required'}"
  }

  root_block_device {
    encrypted   = true
    volume_size = 20
  }

  tags = merge(local.tags, { Name = "${name}" })
}
`,
  (name, bad) => `resource "aws_db_instance" "${name}" {
  identifier              = "${name}"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t4g.micro"
  allocated_storage       = 20
  storage_encrypted       = ${bad ? 'false' : 'true'}
  publicly_accessible     = false
  backup_retention_period = var.backup_days
  deletion_protection     = true
  username                = "app"
  manage_master_user_password = true
}
`,
  (name, bad) => `resource "aws_iam_policy" "${name}" {
  name = "${name}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = [${bad ? '"*"' : '"s3:GetObject", "s3:PutObject"'}]
        Resource = ${bad ? '"*"' : '"arn:aws:s3:::${var.prefix}-data/*"'}
      }
    ]
  })
}
`,
  (name, bad) => `resource "aws_kms_key" "${name}" {
  description             = "Key for ${name}"
  deletion_window_in_days = 30
  enable_key_rotation     = ${bad ? 'false' : 'true'}
}
`,
  (name, bad) => `resource "aws_lambda_function" "${name}" {
  function_name = "${name}"
  role          = var.lambda_role
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "build/${name}.zip"

  environment {
    variables = {
      LOG_LEVEL = "info"
      ${bad ? 'API_TOKEN = "tok_live_5f1d3c9a8b7e6d5c4b3a"' : 'TABLE = var.table_name'}
    }
  }
}
`,
  (name, bad) => `resource "azurerm_storage_account" "${name}" {
  name                     = "st${name.replace(/[^a-z0-9]/g, '').slice(0, 20)}"
  resource_group_name      = var.resource_group
  location                 = var.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "${bad ? 'TLS1_0' : 'TLS1_2'}"
  allow_nested_items_to_be_public = false
}
`,
  (name, bad) => `resource "google_storage_bucket" "${name}" {
  name                        = "\${var.prefix}-${name}"
  location                    = "EU"
  uniform_bucket_level_access = ${bad ? 'false' : 'true'}
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }
}
`,
];

const VARIABLES = `variable "prefix" {
  type    = string
  default = "bench"
}

variable "vpc_id" {
  type    = string
  default = "vpc-0123456789abcdef0"
}

variable "admin_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "ami" {
  type    = string
  default = "ami-0123456789abcdef0"
}

variable "instance_type" {
  type    = string
  default = "t3.micro"
}

variable "subnet_id" {
  type    = string
  default = "subnet-0123456789abcdef0"
}

variable "default_sg" {
  type    = string
  default = "sg-0123456789abcdef0"
}

variable "backup_days" {
  type    = number
  default = 14
}

variable "lambda_role" {
  type    = string
  default = "arn:aws:iam::123456789012:role/lambda"
}

variable "table_name" {
  type    = string
  default = "orders"
}

variable "resource_group" {
  type    = string
  default = "rg-bench"
}

variable "location" {
  type    = string
  default = "westeurope"
}

locals {
  tags = {
    project = var.prefix
    owner   = "platform"
  }
}
`;

/**
 * Writes the tree under `root`; returns the number of resource blocks
 * written (a bucket template writes two) and of .tf files.
 */
export function writeTerraformTree(root: string, options: TerraformTreeOptions): { resources: number; files: number } {
  const next = random(20_261_205);
  let resources = 0;
  let files = 0;
  for (let folder = 0; folder < options.folders; folder++) {
    const dir = join(root, `stack-${String(folder).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (let file = 0; file < options.filesPerFolder; file++) {
      const blocks: string[] = [];
      let written = 0;
      let index = 0;
      while (written < options.resourcesPerFile) {
        const template = TEMPLATES[Math.floor(next() * TEMPLATES.length)] as (name: string, bad: boolean) => string;
        const text = template(`r${folder}_${file}_${index++}`, next() < 0.125);
        const count = (text.match(/^resource /gm) ?? []).length;
        if (written + count > options.resourcesPerFile) continue;
        blocks.push(text);
        written += count;
      }
      // The first file of each folder also declares the folder's variables and locals.
      writeFileSync(join(dir, `main-${file}.tf`), (file === 0 ? `${VARIABLES}\n` : '') + blocks.join('\n'));
      resources += written;
      files++;
    }
  }
  return { resources, files };
}
