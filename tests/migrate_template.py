"""`manage.py migrate` for the test template database (tests/template_db.py), with the
in-memory model state re-rendered once per run of operations that do not need it, instead of
after each operation.

Most of a fresh migrate's minute is not SQL: it is Django re-rendering its in-memory models
after each operation (ProjectState.reload_model), and an AlterField on a foreign key
re-renders every model related to it, which here is nearly all of them. About half of our
operations change nothing that any SQL is made from: the `*_verbose_names` migrations'
AlterFields (verbose_name, help_text, choices: Field.non_db_attrs, for which Django's schema
editor sends no SQL), AlterModelOptions (its database_forwards is empty) and pgtrigger's
Add/RemoveTrigger (the trigger's SQL is in the operation or the unrendered state; the
rendered model is only asked whether it is migrated).

Each operation still goes through Django's own Migration.apply, one at a time as its loop
does. During a run of consecutive such operations the state's re-rendering requests are
collected instead of done, and the collected models are re-rendered once at the end of the
run, recursively (the models related to them too), before any other operation, and so any
RunPython, reads the state. The result is the same schema, migration records, content types
and permissions as Django's own `migrate` (compared with pg_dump when this was written: only
the seeded rows' timestamps differ), and each test database copied from the template is
still checked by Django's `migrate`, which must find nothing to apply.

Production, `make demo` and the benchmarks migrate with Django's own command; only the test
template uses this. Run as `python -m tests.migrate_template --noinput` with DATABASE_URL.
"""

from __future__ import annotations

import copy
import os
import sys
from typing import Any

from django.db.migrations import operations
from django.db.migrations.migration import Migration
from django.db.migrations.state import ProjectState
from pgtrigger import compiler
from pgtrigger.migrations import AddTrigger, RemoveTrigger

# Field arguments Django's schema editor ignores (a subset of Field.non_db_attrs, leaving out
# the ones that change a rendered model's relations: related_name, related_query_name,
# limit_choices_to, db_column).
PRESENTATIONAL_FIELD_ARGS = frozenset(
    {"verbose_name", "help_text", "choices", "validators", "error_messages", "blank", "editable"}
)

_django_apply = Migration.apply
_MISSING = object()


# AlterModelOptions keys that change no rendered relation, manager or `managed` flag.
PRESENTATIONAL_OPTIONS = frozenset(
    {"verbose_name", "verbose_name_plural", "ordering", "get_latest_by", "permissions",
     "default_permissions"}
)  # fmt: skip


def deferrable(operation: Any, app_label: str, state: ProjectState) -> bool:
    """True if `operation` changes nothing that its own or a later deferred operation's SQL
    reads from the rendered models: only what Django shows (verbose names, help texts,
    choices: no SQL at all) or a model's list of triggers (pgtrigger's operations take the
    trigger's SQL from the operation or the unrendered state, not from the rendered model)."""
    kind = type(operation)
    if kind is operations.AlterModelOptions:
        return set(operation.options) <= PRESENTATIONAL_OPTIONS
    if kind is AddTrigger:
        return isinstance(operation.trigger, compiler.Trigger)
    if kind is RemoveTrigger:
        model = state.models.get((app_label, operation.model_name_lower))
        return model is not None and all(
            isinstance(trigger, compiler.Trigger) for trigger in model.options.get("triggers", [])
        )
    if kind is not operations.AlterField or not operation.preserve_default:
        return False
    model = state.models.get((app_label, operation.model_name_lower))
    if model is None or operation.name not in model.fields:
        return False
    _, old_path, old_args, old_kwargs = model.fields[operation.name].deconstruct()
    _, new_path, new_args, new_kwargs = operation.field.deconstruct()
    if (old_path, old_args) != (new_path, new_args):
        return False
    changed = {
        key
        for key in old_kwargs.keys() | new_kwargs.keys()
        if old_kwargs.get(key, _MISSING) != new_kwargs.get(key, _MISSING)
    }
    return changed <= PRESENTATIONAL_FIELD_ARGS


class _Deferred:
    """While open, the state's re-rendering requests are collected instead of done; on
    close, the collected models are re-rendered once, recursively (delay=False: the models
    related to them too), which is at least what each request would have re-rendered."""

    def __init__(self, project_state: ProjectState) -> None:
        self.state = project_state
        self.stale: set[tuple[str, str]] = set()
        self.open = False

    def record(self, app_label: str, model_name: str, delay: bool = False) -> None:
        self.stale.add((app_label, model_name))

    def start(self) -> None:
        if not self.open:
            self.state.reload_model = self.record  # type: ignore[method-assign]
            self.open = True

    def close(self) -> None:
        if self.open:
            del self.state.reload_model
            self.open = False
            if self.stale:
                self.state.reload_models(sorted(self.stale), delay=False)
                self.stale.clear()


def apply(
    self: Migration, project_state: ProjectState, schema_editor: Any, collect_sql: bool = False
) -> ProjectState:
    if collect_sql or "apps" not in project_state.__dict__:
        return _django_apply(self, project_state, schema_editor, collect_sql)
    deferred = _Deferred(project_state)
    try:
        for operation in self.operations:
            # Judged on the state just before the operation: a run's earlier operations
            # have updated it already (only its rendering waits).
            if deferrable(operation, self.app_label, project_state):
                deferred.start()
            else:
                deferred.close()
            # Django's own apply, one operation at a time (as its loop does).
            one = copy.copy(self)
            one.operations = [operation]
            _django_apply(one, project_state, schema_editor)
    finally:
        deferred.close()
    return project_state


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "landclaims.settings")
    from django.core.management import execute_from_command_line

    Migration.apply = apply  # type: ignore[method-assign]
    execute_from_command_line(["manage.py", "migrate", *sys.argv[1:]])


if __name__ == "__main__":
    main()
