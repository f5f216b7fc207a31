"""TASK_QUEUE=redis: tasks wait in Redis for `run_worker`, and fall back to the database queue
when Redis cannot be reached, to be run once it is back. Real processes, a real Redis.

The web side and the worker are separate processes (as in production) sharing the test
database; the queue is in Redis database 9 (never the default one).
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django_tasks_db.models import DBTaskResult

from tests.live_database import test_database_url

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/9"

pytestmark = pytest.mark.django_db(transaction=True)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(*args: str, task_redis_url: str = REDIS_URL) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shop.settings.dev",
        "DATABASE_URL": test_database_url(),
        "TASK_QUEUE": "redis",
        "TASK_REDIS_URL": task_redis_url,
    }
    env.pop("TEST_DB_NAME", None)
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


ENQUEUE = (
    "import json; from shop.tasks import worker_heartbeat; r = worker_heartbeat.enqueue(); "
    "print(json.dumps({'id': r.id, 'backend': r.backend}))"
)
STATUS = (
    "import json, sys; from django_tasks import task_backends; "
    "r = task_backends['{backend}'].get_result('{id}'); "
    "print(json.dumps({{'status': str(r.status), 'value': r.return_value if r.is_finished "
    "else None}}))"
)


@pytest.fixture
def redis_queue():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379 (the CI machine starts it)")
    client.flushdb()
    yield client
    client.flushdb()


def _last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def test_a_task_waits_in_redis_until_the_worker_runs_it(redis_queue):
    queued = _last_json(_run("shell", "-c", ENQUEUE))
    assert queued["backend"] == "default"
    assert redis_queue.llen("rq:queue:default") == 1  # waiting in Redis, not run
    assert not DBTaskResult.objects.exists()

    _run("run_worker", "--batch", "--no-schedule", "-v0")

    result = _last_json(_run("shell", "-c", STATUS.format(backend="default", id=queued["id"])))
    assert result["status"].endswith("SUCCESSFUL"), result
    assert result["value"]  # the heartbeat's time, returned by the worker
    assert redis_queue.llen("rq:queue:default") == 0


def test_with_redis_unreachable_the_task_waits_in_the_database_and_runs_when_it_is_back(
    redis_queue,
):
    down = f"redis://127.0.0.1:{_closed_port()}/9"
    queued = _last_json(_run("shell", "-c", ENQUEUE, task_redis_url=down))

    assert queued["backend"] == "database"
    waiting = DBTaskResult.objects.get()
    assert (waiting.task_path, waiting.status) == ("shop.tasks.worker_heartbeat", "READY")

    _run("run_worker", "--batch", "--no-schedule", "-v0")  # Redis is back

    waiting.refresh_from_db()
    assert waiting.status == "SUCCESSFUL"
