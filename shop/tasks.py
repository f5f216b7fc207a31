"""Tasks of the shop as a whole."""

from django.core.cache import cache
from django_tasks import task


@task()
def worker_heartbeat() -> str:
    """Record that a worker ran a task just now (read by the health check and the worker's test)."""
    from django.utils import timezone

    now = timezone.now().isoformat()
    cache.set("worker:heartbeat", now, timeout=None)
    return now
