"""The task queue in Redis for production (`TASK_QUEUE=redis`), with the database behind it.

The embedded default keeps tasks in the database (django-tasks-db): nothing more to run. A
shop with several web and worker machines may put the queue in Redis instead (django-tasks-rq
on RQ): workers take tasks without polling a table. Redis is then where waiting tasks live, so
when it cannot be reached an enqueue falls back to the database queue rather than failing the
request (an order's confirmation email must not be lost because Redis restarted), and
`manage.py run_worker` always works the database queue beside Redis's.
"""

import logging
import time

from django_tasks_rq.backend import RQBackend
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "database"
_LOG_EVERY_SECONDS = 60
_last_logged = 0.0


class RedisQueue(RQBackend):
    """RQ's backend; an enqueue that cannot reach Redis goes to the database queue instead."""

    def enqueue(self, task, args, kwargs):
        try:
            return super().enqueue(task, args, kwargs)
        except (RedisConnectionError, RedisTimeoutError, OSError) as error:
            global _last_logged
            now = time.monotonic()
            if now - _last_logged > _LOG_EVERY_SECONDS:
                _last_logged = now
                logger.warning(
                    "Redis task queue unreachable (%s): tasks go to the database queue.", error
                )
            return task.using(backend=FALLBACK_BACKEND).enqueue(*args, **kwargs)
