"""The background worker runs queued tasks and enqueues the scheduled ones, for real."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from shop.management.commands.run_worker import Scheduler
from shop.tasks import worker_heartbeat

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    """The production backend: tasks wait in the database for a worker (django-tasks resets its
    backends when the setting changes, and again when the test restores it)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_scheduler_enqueues_a_due_task_once_per_interval(database_tasks):
    scheduler = Scheduler({"shop.tasks.worker_heartbeat": 60})

    assert scheduler.run_due(now=1000.0) == ["shop.tasks.worker_heartbeat"]
    assert scheduler.run_due(now=1030.0) == []  # not due again yet
    assert scheduler.run_due(now=1061.0) == ["shop.tasks.worker_heartbeat"]
    assert DBTaskResult.objects.filter(task_path="shop.tasks.worker_heartbeat").count() == 2


def test_the_worker_runs_what_was_queued(database_tasks):
    from django.core.cache import cache

    cache.delete("worker:heartbeat")
    result = worker_heartbeat.enqueue()
    assert cache.get("worker:heartbeat") is None  # queued, not run in the request

    call_command("run_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert cache.get("worker:heartbeat") == result.return_value


def test_a_task_that_cannot_be_enqueued_is_tried_again_at_the_next_tick(database_tasks):
    scheduler = Scheduler({"shop.tasks.no_such_task": 60})

    assert scheduler.run_due(now=1000.0) == []
    assert scheduler.due["shop.tasks.no_such_task"] == 0.0  # still due
