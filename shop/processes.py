"""Stopping the helper processes that `make soak`, `make bench` and the multi-server tests start,
each in a process group of its own (so gunicorn's and the worker's children stop with them)."""

import os
import signal
import subprocess


def process_groups_stop(processes: list[subprocess.Popen], timeout: float = 30) -> None:
    """SIGTERM to every group, then wait; a group still running after `timeout` is killed."""
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
