"""Deploy check: personal data must not be encrypted with the public development key."""

from __future__ import annotations

from typing import Any

from django.core import checks

from landclaims.privacy import crypto


@checks.register(checks.Tags.security, deploy=True)
def check_field_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not crypto.uses_development_key():
        return []
    return [
        checks.Warning(
            "Members' personal data is encrypted with the public development key.",
            hint=(
                f"Set {crypto.ENV_VAR} to one or more Fernet keys, newest first, and run "
                "`manage.py rotate_field_keys` (README, 'Personal data')."
            ),
            id="privacy.W001",
        )
    ]
