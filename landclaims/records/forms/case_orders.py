"""Forms of the case page for an order's life (vacate, extend, modify, compliance) and for the
case's notes and tasks. One form of each kind per order or task: the prefix names it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from landclaims.cases.models import CaseTask, InterimOrder
from landclaims.core.forms import LocalDateField
from landclaims.core.templatetags.lc_format import day
from landclaims.records.forms.cases import CaseWriteForm, JudgmentForm

_NOTE = forms.Textarea(attrs={"rows": 2})


class TargetWriteForm(CaseWriteForm):
    """A write on one order or task of the case page: its prefix carries the record's id, so
    each row has its own form, field ids and errors."""

    def __init__(self, *args: Any, target: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prefix = f"{self.prefix_name}-{target.pk}"
        self.target = target


class OrderVacateForm(TargetWriteForm):
    prefix_name = "vacate"

    on = LocalDateField(label=_("Vacated on"))
    note = forms.CharField(label=_("Note"), widget=_NOTE, required=False)


class OrderExtendForm(TargetWriteForm):
    prefix_name = "extend"

    on = LocalDateField(label=_("Extended on"))
    until = LocalDateField(label=_("New last day"))
    note = forms.CharField(label=_("Note"), widget=_NOTE, required=False)


class OrderModifyForm(TargetWriteForm):
    prefix_name = "modify"

    on = LocalDateField(label=_("Modified on"))
    kind = forms.ChoiceField(label=_("Order"), choices=InterimOrder.Kind.choices)
    in_force_until = LocalDateField(
        label=_("In force until"), required=False, help_text=_("Empty: until further orders.")
    )
    text = forms.CharField(label=_("Text of the order"), widget=_NOTE, required=False)
    note = forms.CharField(label=_("Note"), widget=_NOTE, required=False)

    def __init__(self, *args: Any, target: InterimOrder, **kwargs: Any) -> None:
        initial = {"kind": target.kind, "in_force_until": target.in_force_until}
        super().__init__(*args, target=target, initial={**initial, "text": target.text}, **kwargs)

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("kind", "in_force_until", "text")}


class OrderComplianceForm(TargetWriteForm):
    prefix_name = "comply"

    on = LocalDateField(label=_("Complied with on"))
    note = forms.CharField(label=_("How it was complied with"), widget=_NOTE, required=False)


ORDER_FORMS: list[type[TargetWriteForm]] = [
    OrderVacateForm,
    OrderExtendForm,
    OrderModifyForm,
    OrderComplianceForm,
]


class CaseNoteForm(CaseWriteForm):
    prefix_name = "note"

    written_on = LocalDateField(label=_("Date"))
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, initial={"written_on": timezone.localdate()}, **kwargs)


class CaseTaskForm(CaseWriteForm):
    prefix_name = "task"

    title = forms.CharField(label=_("What"), max_length=200)
    assignee = forms.ModelChoiceField(label=_("Who"), queryset=None)
    due_on = LocalDateField(label=_("By when"))

    def __init__(self, *args: Any, assignees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.queryset = assignees
        field.label_from_instance = lambda user: user.get_full_name() or user.get_username()


class CaseTaskDoneForm(TargetWriteForm):
    prefix_name = "done"

    on = LocalDateField(label=_("Done on"))

    def __init__(self, *args: Any, target: CaseTask, **kwargs: Any) -> None:
        super().__init__(*args, target=target, initial={"on": timezone.localdate()}, **kwargs)


class JudgmentKeepingForm(JudgmentForm):
    """The judgment, with the orders in force the court kept in force (the others end)."""

    orders_kept = forms.ModelMultipleChoiceField(
        label=_("Orders the court kept in force"),
        queryset=InterimOrder.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick an order only if the judgment keeps it in force; the others end."),
    )

    def __init__(self, *args: Any, orders: QuerySet[InterimOrder] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        if orders is None or not orders.exists():
            del self.fields["orders_kept"]
            return
        field = self.fields["orders_kept"]
        field.queryset = orders.order_by("made_on", "id")
        field.label_from_instance = _order_label

    def kept(self) -> list[InterimOrder]:
        return list(self.cleaned_data.get("orders_kept") or [])


def _order_label(order: InterimOrder) -> str:
    return _("%(kind)s of %(on)s: the court kept this order in force") % {
        "kind": order.get_kind_display(),
        "on": day(order.made_on),
    }
