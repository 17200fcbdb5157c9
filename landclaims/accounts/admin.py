"""A lost phone: an admin resets the person's two-factor sign-in from the user list.

django-otp's own admin pages (TOTP devices, static devices) also list and delete devices;
this action does both kinds for the chosen people in one step.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from landclaims.accounts.services import two_factor_reset

User = get_user_model()


@admin.action(description=_("Reset two-step sign-in (they enrol again at next login)"))
def reset_two_factor(modeladmin: Any, request: Any, queryset: Any) -> None:
    for user in queryset:
        two_factor_reset(user=user)
    count = queryset.count()
    message = ngettext(
        "Two-step sign-in was reset for %(count)d person.",
        "Two-step sign-in was reset for %(count)d people.",
        count,
    )
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


class AccountsUserAdmin(UserAdmin):
    actions = [reset_two_factor]


admin.site.unregister(User)
admin.site.register(User, AccountsUserAdmin)
