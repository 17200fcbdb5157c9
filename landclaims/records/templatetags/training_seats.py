"""`{% load training_seats %}`: what the training and representatives fragments of the group
and member pages need."""

from __future__ import annotations

from typing import Any

from django import template

from landclaims.core.permissions import GROUP_WORK_WRITERS, may_write
from landclaims.representation.selectors import seat_list_for_member
from landclaims.training.selectors import member_training_history

register = template.Library()


@register.filter
def writes_group_work(user: Any) -> bool:
    """The user's role records trainings and seats (the "Record" and "Add" links)."""
    return may_write(user, GROUP_WORK_WRITERS)


@register.inclusion_tag("groups/_member_work.html", takes_context=True)
def member_training_and_seats(context: template.Context, member: Any) -> dict[str, Any]:
    """The member page's training history and seats, read within what the reader may see."""
    user = context["request"].user
    return {
        "request": context["request"],
        "member": member,
        "history": member_training_history(user=user, member=member),
        "seats": seat_list_for_member(user=user, member=member),
    }
