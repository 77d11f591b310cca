"""Signs webhook payloads for partners."""
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

PRIVATE_KEY = b"""⟦private-key ec⟧
"""


def sign(payload: bytes) -> bytes:
    key = serialization.load_pem_private_key(PRIVATE_KEY, password=None)
    return key.sign(payload, ec.ECDSA(hashes.SHA256()))
