"""Redis as a cache that may fail: every error is a miss, and is logged once a minute.

django-redis's IGNORE_EXCEPTIONS turns connection errors into misses but logs each one (or none):
with Redis down, every request would log several tracebacks. This logs the first error of each
interval, with a count of the ones it kept quiet.
"""

import logging
import threading
import time

from django_redis.cache import RedisCache

LOG_EVERY_SECONDS = 60


class _OncePerInterval:
    def __init__(self, logger: logging.Logger, every: float):
        self.logger = logger
        self.every = every
        self.last = 0.0
        self.quiet = 0
        self.lock = threading.Lock()

    def exception(self, message: str, *args) -> None:
        with self.lock:
            now = time.monotonic()
            if now - self.last < self.every:
                self.quiet += 1
                return
            quiet, self.quiet, self.last = self.quiet, 0, now
        self.logger.error("Redis unavailable, serving without cache (%d more errors since the "
                          "last report): %s", quiet, message % args if args else message,
                          exc_info=True)

    def __getattr__(self, name):
        return getattr(self.logger, name)


class RedisCacheThatDegrades(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._ignore_exceptions = True
        self._log_ignored_exceptions = True
        self.logger = _OncePerInterval(logging.getLogger("shop.cache"), LOG_EVERY_SECONDS)
