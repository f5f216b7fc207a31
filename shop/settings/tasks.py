"""Background tasks: where they wait for a worker (shop/task_queue.py, `manage.py run_worker`).

    TASK_QUEUE=database   (default) in the database: nothing more to run, survives restarts
    TASK_QUEUE=redis      in Redis (RQ), REDIS_URL's server or TASK_REDIS_URL; the database
                          queue stays behind it for when Redis cannot be reached
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

DATABASE_QUEUE = {"BACKEND": "django_tasks_db.DatabaseBackend"}
# A Redis that does not answer costs an enqueue half a second, then the database takes the task.
REDIS_TIMEOUTS = "socket_connect_timeout=0.5&socket_timeout=2"


def tasks_from_environment(environ: Mapping[str, str], redis_url: str) -> dict:
    queue = environ.get("TASK_QUEUE", "database").strip().lower() or "database"
    if queue == "database":
        return {"TASK_QUEUE": "database", "TASKS": {"default": DATABASE_QUEUE}, "RQ_QUEUES": {}}
    if queue != "redis":
        raise ImproperlyConfigured(f"TASK_QUEUE must be 'database' or 'redis' (got {queue!r}).")
    url = environ.get("TASK_REDIS_URL", "").strip() or redis_url
    if not url:
        raise ImproperlyConfigured("TASK_QUEUE=redis needs REDIS_URL (or TASK_REDIS_URL).")
    url += ("&" if "?" in url else "?") + REDIS_TIMEOUTS
    return {
        "TASK_QUEUE": "redis",
        "TASKS": {
            "default": {"BACKEND": "shop.task_queue.RedisQueue", "QUEUES": ["default"]},
            "database": DATABASE_QUEUE,
        },
        "RQ_QUEUES": {"default": {"URL": url, "DEFAULT_TIMEOUT": 600}},
    }
