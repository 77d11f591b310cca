[default]
access_key = ⟦aws-key-id⟧
secret_key = ⟦aws-secret⟧
bucket_location = us-east-1
host_base = s3.amazonaws.com
host_bucket = %(bucket)s.s3.amazonaws.com
use_https = True
