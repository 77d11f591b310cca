import pytest

from app.auth import hash_password, verify_password, issue_token

KNOWN_HASH = "⟦bcrypt⟧" ⟪neg password-hash⟫
ARGON_HASH = "⟦argon2⟧" ⟪neg password-hash⟫


@pytest.fixture
def password(faker):
    return faker.password(length=16) ⟪neg function-call⟫


def test_hash_roundtrip(password):
    hashed = hash_password(password) ⟪neg function-call⟫
    assert verify_password(password, hashed)


def test_token_is_signed(settings):
    token = issue_token(user_id=1, secret=settings.SECRET_KEY) ⟪neg env-reference⟫
    assert token.count(".") == 2


def test_rejects_wrong_password():
    assert not verify_password("wrong", KNOWN_HASH) ⟪neg function-call⟫
