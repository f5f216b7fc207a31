"""The shop's background worker: runs queued tasks and enqueues the scheduled ones.

`manage.py run_worker` is django-tasks-db's `db_worker` (tasks queued in the database, so a lost
Redis or a restarted web process loses none) plus a small scheduler thread that enqueues each task
named in `settings.SCHEDULED_TASKS` every so many seconds. Nothing waits for cron: `make run`
starts one worker; in production run one with the scheduler and as many more as the load needs
with `--no-schedule`. Scheduled tasks must be idempotent (two schedulers, or a slow run
overlapping the next, must do no harm).

With `TASK_QUEUE=redis` (shop/settings/tasks.py) the same command runs RQ's worker on the
Redis queues, and beside it, in a thread, the database queue that takes tasks while Redis
cannot be reached (shop/task_queue.py).
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.module_loading import import_string
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("shop.scheduler")


class Scheduler(threading.Thread):
    """Enqueue each scheduled task when its interval has passed; a failure is logged and retried."""

    def __init__(self, schedule: dict[str, int], tick: float = 1.0):
        super().__init__(name="ortak-scheduler", daemon=True)
        self.schedule = dict(schedule)
        self.tick = tick
        self.stopped = threading.Event()
        self.due = dict.fromkeys(self.schedule, 0.0)

    def run(self) -> None:
        while not self.stopped.is_set():
            self.run_due(time.monotonic())
            self.stopped.wait(self.tick)

    def run_due(self, now: float) -> list[str]:
        enqueued = []
        for path, every in self.schedule.items():
            if now < self.due[path]:
                continue
            try:
                close_old_connections()
                import_string(path).enqueue()
            except Exception:
                # The database may be down: try again at the next tick rather than in `every`.
                logger.exception("Could not enqueue the scheduled task %s", path)
                continue
            finally:
                close_old_connections()
            self.due[path] = now + every
            enqueued.append(path)
        return enqueued


class Command(db_worker.Command):
    help = "Run background tasks, and enqueue the scheduled ones (settings.SCHEDULED_TASKS)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Only run tasks; leave scheduling to another worker.",
        )
        if settings.TASK_QUEUE == "redis":
            # The database queue here is Redis's fallback, named "database" (shop/task_queue.py).
            parser.set_defaults(backend_name="database")

    def handle(self, *args, no_schedule=False, **options):
        scheduler = None
        # With the reloader, the parent process only watches files: schedule in the child alone.
        reloading_parent = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if (
            not no_schedule
            and settings.SCHEDULED_TASKS
            and not options.get("batch")
            and not reloading_parent
        ):
            scheduler = Scheduler(settings.SCHEDULED_TASKS)
            scheduler.start()
        try:
            if settings.TASK_QUEUE == "redis":
                self.redis_queue_work(options)
            else:
                super().handle(*args, **options)
        finally:
            if scheduler:
                scheduler.stopped.set()

    def redis_queue_work(self, options) -> None:
        """RQ's worker on the Redis queues; the database queue (Redis's fallback) in a thread,
        or first and to the end with --batch."""
        fallback = Worker(
            queue_names=["*"], interval=options["interval"], batch=options["batch"],
            backend_name="database", startup_delay=False, max_tasks=None,
            worker_id=f"{options['worker_id']}-database", excluded_queue_names=[],
        )
        rq_options = {
            "job_class": "django_tasks_rq.backend.Job",
            # Jobs run in this process (no fork beside the database queue's thread).
            "worker_class": "rq.worker.SimpleWorker",
            "with_scheduler": True,
            "burst": options["batch"],
            "verbosity": options["verbosity"],
        }
        if options["batch"]:
            fallback.run()
            call_command("rqworker", *settings.RQ_QUEUES, **rq_options)
            return
        thread = threading.Thread(target=fallback.run, name="ortak-database-queue", daemon=True)
        thread.start()
        try:
            call_command("rqworker", *settings.RQ_QUEUES, **rq_options)
        finally:
            fallback.running = False
