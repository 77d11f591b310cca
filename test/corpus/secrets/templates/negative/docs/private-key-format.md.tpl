# Key formats we accept

Upload the service key as PKCS#8 PEM. The file must start and end like this:

```
-----BEGIN PRIVATE KEY----- ⟪neg doc-example⟫
...
-----END PRIVATE KEY-----
```

Older keys in the traditional format (`-----BEGIN RSA PRIVATE KEY-----`) can be ⟪neg doc-example⟫
converted with `openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem`.

Do not upload an encrypted key (`-----BEGIN ENCRYPTED PRIVATE KEY-----`): the worker ⟪neg doc-example⟫
cannot prompt for the passphrase.

OpenSSH keys (`-----BEGIN OPENSSH PRIVATE KEY-----`) must be converted first: ⟪neg doc-example⟫
`ssh-keygen -p -m PKCS8 -f id_ed25519`.
