"""Field encryption of personal data (members' names, NID and phone numbers).

Fernet (AES-128-CBC with HMAC-SHA256: authenticated, so a wrong key or a changed byte is
an error, never garbage) under a MultiFernet: values are encrypted with the first key of
`settings.FIELD_ENCRYPTION_KEYS` and decrypted with whichever key fits, so keys can be
rotated (`manage.py rotate_field_keys`). The keys come from LANDCLAIMS_FIELD_KEYS; without
it a fixed development key is used, which the deploy check `privacy.W001` reports.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Public on purpose: only for development and tests. Anything encrypted with it is as good
# as plaintext, which is why `check --deploy` warns when it is in use.
DEVELOPMENT_KEY = "bGFuZGNsYWltcy1kZXZlbG9wbWVudC1rZXktMzJieXQ="
ENV_VAR = "LANDCLAIMS_FIELD_KEYS"
# Every Fernet token starts with the version byte 0x80, base64 "gAAAAA".
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 (a format marker, not a secret)


class FieldDecryptionError(Exception):
    """A stored value that none of the configured keys opens."""


def configured_keys() -> tuple[str, ...]:
    keys = tuple(getattr(settings, "FIELD_ENCRYPTION_KEYS", ()) or ())
    return keys or (DEVELOPMENT_KEY,)


def uses_development_key() -> bool:
    return DEVELOPMENT_KEY in configured_keys()


@lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key.encode("ascii")))
        except (ValueError, UnicodeEncodeError) as exc:
            raise ImproperlyConfigured(
                f"{ENV_VAR}: key number {position} is not a Fernet key (32 bytes, url-safe "
                'base64; make one with python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())").'
            ) from exc
    return MultiFernet(fernets)


def encrypt(plaintext: str) -> str:
    """The token of `plaintext` under the newest key; "" stays "" (an empty field)."""
    if plaintext == "":
        return ""
    return _fernet(configured_keys()).encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str, *, column: str = "") -> str:
    if token == "":
        return ""
    try:
        return _fernet(configured_keys()).decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as exc:
        where = f" in {column}" if column else ""
        raise FieldDecryptionError(
            f"A value{where} cannot be decrypted with any key in {ENV_VAR} (wrong or missing "
            "key, or the value was never encrypted)."
        ) from exc


def reencrypt(token: str) -> str:
    """`token` under the newest key (MultiFernet.rotate); "" stays ""."""
    if token == "":
        return ""
    try:
        return _fernet(configured_keys()).rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise FieldDecryptionError(
            f"A stored value cannot be decrypted with any key in {ENV_VAR}; put the old key "
            "after the new one before rotating."
        ) from exc


def is_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)
