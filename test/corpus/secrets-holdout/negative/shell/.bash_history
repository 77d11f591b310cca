export GITHUB_TOKEN=$(gh auth token)
export VAULT_TOKEN=$(vault print token)
aws sts get-session-token --duration-seconds 3600
export AWS_PROFILE=prod-readonly
sha256sum release.tar.gz > SHA256SUMS
echo "38e440dcd309a18ed0a497b14891a516f241dc2918c7888e033e83d42c5fd502  release.tar.gz" | sha256sum -c
git checkout 6f921614af46a7775486ff9e271734b53b4aa58f
docker pull ghcr.io/ledgerly/api@sha256:d71e4af2cf03bc6d27088f92857fdd3dd3ee964ca7c2b8d1c8ee13c34a11af35
mysql -u root -p appdb
read -rs DB_PASSWORD && export DB_PASSWORD
