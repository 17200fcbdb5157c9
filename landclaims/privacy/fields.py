"""A text field stored encrypted: the column holds only Fernet tokens (see crypto.py)."""

from __future__ import annotations

from typing import Any

from django.core import validators
from django.db import models

from landclaims.core.text import normalise_name
from landclaims.privacy import crypto

REFUSED_LOOKUPS = frozenset(
    {
        *("contains", "icontains", "startswith", "istartswith", "endswith", "iendswith"),
        *("iexact", "regex", "iregex", "gt", "gte", "lt", "lte", "range", "in"),
        *("search", "trigram_similar", "unaccent"),
    }
)


class EncryptedTextField(models.TextField):
    """Plain text in Python, a Fernet token in the database column.

    Tokens are random (a new IV each time), so the column supports no lookups but `isnull`
    and equality with "" (an empty value is stored empty): searching or sorting by these
    values needs a blind index, which nothing uses yet. `max_length` bounds the plaintext.
    """

    description = "Text encrypted at rest"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return value
        return crypto.decrypt(value, column=f"{self.model._meta.db_table}.{self.column}")

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return value
        return crypto.encrypt(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        # A lookup on ciphertext (icontains, startswith, gt…) would silently match nothing
        # or compare tokens: refuse it (FieldError) instead.
        if lookup_name in REFUSED_LOOKUPS:
            return None
        return super().get_lookup(lookup_name)


class EncryptedNameField(EncryptedTextField):
    """A person's name, encrypted, in normalise_name's form (normalised before encryption:
    the database cannot check ciphertext)."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return normalise_name(value) if isinstance(value, str) else value
