"""Signs webhook payloads for partners."""
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

PRIVATE_KEY = b"""-----BEGIN EC PRIVATE KEY-----
MHcCAQEEICmRqL/7WfgUErNY36IPJ5/e+EBx3VAHE7tzjst8JQ1poAoGCCqGSM49
AwEHoUQDQgAEyjHxR+Ma8He6dy0hfEah7hLytYGXDoET/EPw1Tryh6DMyVh1JR6i
qMHnXfvl6DOVV4ENOvST7xul1ObWPtt2tw==
-----END EC PRIVATE KEY-----
"""


def sign(payload: bytes) -> bytes:
    key = serialization.load_pem_private_key(PRIVATE_KEY, password=None)
    return key.sign(payload, ec.ECDSA(hashes.SHA256()))
