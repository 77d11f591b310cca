[backups-azure]
type = azureblob
account = backupsprod
key = ⟦azure-storage-key⟧

[archive-oss]
type = s3
provider = Alibaba
access_key_id = ⟦alibaba-key-id⟧
secret_access_key = ⟦alibaba-secret⟧
endpoint = oss-eu-central-1.aliyuncs.com
acl = private
