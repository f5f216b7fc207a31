"""The test database as a DATABASE_URL, for the shop's own processes that a test starts
(gunicorn, the task worker, manage.py) to share it with the test."""

from pathlib import Path

from django.db import connection


def test_database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    host, port = settings.get("HOST") or "127.0.0.1", settings.get("PORT") or 5432
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{settings['USER']}{password}@{host}:{port}/{settings['NAME']}"


test_database_url.__test__ = False  # a helper, not a test
