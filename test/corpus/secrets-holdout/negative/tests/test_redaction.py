"""Tests for the log redaction filter. All credentials below are fake."""
import re

from ledgerly.logging import redact

# Fake values with the right shape; they are not valid for any service.
FAKE_GITHUB_TOKEN = "ghp_" + "0" * 36
FAKE_AWS_KEY_ID = "AKIA" + "A" * 16
FAKE_SLACK = "xoxb-000000000000-0000000000000-" + "x" * 24
DUMMY_PASSWORD = "hunter2"
TEST_API_KEY = "test-api-key"
EXAMPLE_JWT = "header.payload.signature"


def test_redacts_bearer():
    line = f"Authorization: Bearer {FAKE_GITHUB_TOKEN}"
    assert redact(line) == "Authorization: Bearer [REDACTED]"


def test_password_field():
    assert redact('{"password": "secret"}') == '{"password": "***"}'


def test_pattern():
    assert re.fullmatch(r"sk_live_[0-9a-zA-Z]{24}", "sk_live_" + "a" * 24)
