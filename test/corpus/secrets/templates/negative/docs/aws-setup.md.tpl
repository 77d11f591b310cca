# Setting up AWS credentials

Create an access key in the IAM console, then configure the CLI:

```
$ aws configure
AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE ⟪neg aws-example⟫
AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ⟪neg aws-example⟫
Default region name [None]: us-west-2
Default output format [None]: json
```

The resulting `~/.aws/credentials` looks like this:

```ini
[default]
aws_access_key_id = AKIAI44QH8DHBEXAMPLE ⟪neg aws-example⟫
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY ⟪neg aws-example⟫
```

For temporary credentials, add `aws_session_token = <session-token>`. ⟪neg placeholder⟫

Never paste real keys into tickets. If you need to share how a key looks, write
`AKIA****************` or `aws_secret_access_key = ****`. ⟪neg placeholder⟫

To read the key from a password manager instead:

```bash
export AWS_SECRET_ACCESS_KEY="$(op read op://Engineering/aws-prod/secret-access-key)" ⟪neg function-call⟫
export AWS_ACCESS_KEY_ID=$(pass show aws/prod/access-key-id) ⟪neg function-call⟫
```
