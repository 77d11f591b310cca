# Sets up the developer shell for the portal solution.
$env:AZURE_CLIENT_ID = "b4681753-82a6-4566-a9fa-e9d8947b13a7"
$env:AZURE_CLIENT_SECRET = "dHr5Q~.Ke~gZ154L3hOL65Ae9yCAus0HaLulMoWi"
$env:AZURE_TENANT_ID = "43539024-ab79-4d6f-be85-bd3a3caa10e2"
$securePwd = ConvertTo-SecureString "7QOCsYfts0QB*k*U" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("CORP\svc-portal", $securePwd)
$env:AZURE_DEVOPS_EXT_PAT = "bcfiyubdznpqblcshcm3rothfktcmkdii5p2eklyu4w4zuivcsn4"
$env:SQL_PASSWORD = (Get-Secret -Name PortalSql -AsPlainText)
Write-Host "Environment ready"
