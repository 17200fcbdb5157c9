"""The daily job: the task, its next run at 07:00 in Dhaka, the worker and the command."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from landclaims.agenda.models import HearingReminder
from landclaims.agenda.tasks import pending_runs, schedule_next_run, send_hearing_reminders_task
from tests.agenda.helpers import TODAY, schedule

DHAKA = ZoneInfo("Asia/Dhaka")
TOMORROW_7AM = datetime(2024, 6, 2, 7, 0, tzinfo=DHAKA)


@pytest.fixture
def due_tomorrow(case_a, legal_a):
    legal_a.email = "legal.a@example.org"
    legal_a.save()
    case_a.responsible = legal_a
    case_a.save()
    return schedule(case_a, TODAY.replace(day=2))


@pytest.mark.django_db
def test_the_next_run_is_queued_for_7am_in_dhaka_the_next_day() -> None:
    result = schedule_next_run(after=TODAY)
    assert result is not None
    [run] = pending_runs()
    assert run.run_after == TOMORROW_7AM
    assert run.task_path == "landclaims.agenda.tasks.send_hearing_reminders_task"


@pytest.mark.django_db
def test_a_run_already_waiting_is_not_queued_twice() -> None:
    schedule_next_run(after=TODAY)
    assert schedule_next_run(after=TODAY) is None
    assert pending_runs().count() == 1


@pytest.mark.django_db
def test_the_task_sends_todays_reminders_and_queues_tomorrows_run(due_tomorrow) -> None:
    report = send_hearing_reminders_task.call()
    assert report["emails"] == 1
    assert len(mail.outbox) == 1
    assert [run.run_after for run in pending_runs()] == [TOMORROW_7AM]


@pytest.mark.django_db
def test_a_failing_run_still_queues_tomorrows(monkeypatch) -> None:
    def broken(*, today):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr("landclaims.agenda.tasks.reminders_send", broken)
    with pytest.raises(RuntimeError):
        send_hearing_reminders_task.call()
    assert pending_runs().count() == 1


# The worker commits and checks connections as in production, so it needs real transactions.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_queued_task_and_it_requeues_itself(due_tomorrow) -> None:
    call_command("send_hearing_reminders", "--enqueue")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert DBTaskResult.objects.count() == 2
    done = DBTaskResult.objects.get(status=TaskResultStatus.SUCCESSFUL)
    assert done.return_value["emails"] == 1
    assert [run.run_after for run in pending_runs()] == [TOMORROW_7AM]
    assert len(mail.outbox) == 1
    assert HearingReminder.objects.count() == 1


@pytest.mark.django_db
def test_the_command_sends_now_and_prints_a_one_line_summary(due_tomorrow, capsys) -> None:
    call_command("send_hearing_reminders")
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("2024-06-01: 1 emails sent with 1 hearing, 0 order and 0 task reminders")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_command_sends_for_another_day_when_asked(due_tomorrow, capsys) -> None:
    call_command("send_hearing_reminders", "--date", "2024-05-26")  # 7 days before
    assert capsys.readouterr().out.startswith("2024-05-26: 1 emails sent")
    assert HearingReminder.objects.get().lead_days == 7


@pytest.mark.django_db
def test_the_command_queues_the_task_to_run_now(capsys) -> None:
    call_command("send_hearing_reminders", "--enqueue")
    [run] = pending_runs()
    assert run.task.run_after is None
    assert str(run.id) in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_refuses_a_date_with_enqueue() -> None:
    with pytest.raises(CommandError):
        call_command("send_hearing_reminders", "--enqueue", "--date", "2024-06-01")
