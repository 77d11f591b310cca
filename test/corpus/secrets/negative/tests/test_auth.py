import pytest

from app.auth import hash_password, verify_password, issue_token

KNOWN_HASH = "$2b$12$EwZGdoZL2sUBg0tMi.MjO7F..TgIwaWDQOQ4b4urByokS6eYeXl8Y"
ARGON_HASH = "$argon2id$v=19$m=65536,t=3,p=4$Jw0BUFG+PlYRNkI9AXcxWA$5yLJqenw13KT2pMcmMOqSF3babUcGK4lQVNyVCY4BQk"


@pytest.fixture
def password(faker):
    return faker.password(length=16)


def test_hash_roundtrip(password):
    hashed = hash_password(password)
    assert verify_password(password, hashed)


def test_token_is_signed(settings):
    token = issue_token(user_id=1, secret=settings.SECRET_KEY)
    assert token.count(".") == 2


def test_rejects_wrong_password():
    assert not verify_password("wrong", KNOWN_HASH)
