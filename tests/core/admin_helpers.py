"""Logging staff in to the admin, for the tests that post its real forms."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission

from landclaims.core.models import Organisation
from landclaims.places.models import AdminArea
from tests.factories import log_in, make_user


def staff(
    *,
    organisation: Organisation | None,
    role: str = "admin",
    superuser: bool = False,
    districts: list[AdminArea] = (),  # type: ignore[assignment]
    perms: tuple[str, ...] = (),
) -> Any:
    """A staff member; without `superuser`, they hold only the model permissions `perms`
    (codenames such as "add_incident")."""
    user = make_user(organisation=organisation, role=role, districts=list(districts))
    user.is_staff, user.is_superuser = True, superuser
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=perms))
    return user


def admin_client(client: Any, user: Any) -> Any:
    log_in(client, user)
    return client


def form_errors(response: Any) -> dict[str, Any]:
    """The add/change form's errors on a page the admin showed again (not a 500)."""
    assert response.status_code == 200
    return dict(response.context["adminform"].form.errors)
