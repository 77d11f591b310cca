trigger:
  branches:
    include: [main]

pool:
  vmImage: ubuntu-latest

variables:
  AZURE_CLIENT_ID: ⟦uuid⟧ ⟪neg uuid⟫
  AZURE_TENANT_ID: ⟦uuid⟧ ⟪neg uuid⟫
  AZURE_CLIENT_SECRET: ⟦azure-client-secret⟧
  ARTIFACTS_SAS: "?sv=2022-11-02&ss=b&srt=sco&sp=rwl&se=2026-06-30T18:00:00Z&st=2024-06-01T10:00:00Z&spr=https&sig=⟦azure-sas-sig⟧"

steps:
  - script: az login --service-principal -u $(AZURE_CLIENT_ID) -p $(AZURE_CLIENT_SECRET) --tenant $(AZURE_TENANT_ID) ⟪neg env-reference⟫
    displayName: Azure login
  - script: azcopy copy "dist/*" "https://artifactsprod.blob.core.windows.net/builds$(ARTIFACTS_SAS)" --recursive
    displayName: Upload artifacts
