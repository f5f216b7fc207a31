"""`make bench`: requests per second and SQL queries of the main pages on a large catalogue.

Loads the demo shop scaled up (`--products`, default 2,000) into its own database
(var/bench.sqlite3, or BENCH_DATABASE_URL), starts gunicorn on 127.0.0.1 with production
settings, and sends a bounded number of requests to each page from a few client threads.
Only the loopback address is ever a target.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def environment(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="shop.settings.production",
        SECRET_KEY="bench-only-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STRIPE_ALLOW_LOCALSTRIPE="true",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def prepare(env: dict, products: int) -> None:
    def manage(*args):
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "--noinput", "-v0")
    manage("load_demo_shop", "--products", str(products), "--quiet", "--add")
    manage("collectstatic", "--noinput", "-v0")


def page_urls(env: dict) -> dict:
    script = (
        "from catalogue.models import Product, Category;"
        "from cooperatives.models import Maker;"
        "p = Product.objects.browsable().exclude(maker=None).order_by('pk').first();"
        "c = Category.objects.filter(depth=1).order_by('pk').first();"
        "print(p.get_absolute_url()); print(c.get_absolute_url());"
        "print(p.maker.get_absolute_url())"
    )
    output = subprocess.run(
        [PY, "manage.py", "shell", "-c", script],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.split()
    product, category, maker = output[-3:]
    return {
        "home": "/en/",
        "catalogue": "/en/shop/catalogue/",
        "category": category,
        "product": product,
        "maker": maker,
        "search": "/en/search/?q=silver",
    }


def hammer(url: str, requests: int, threads: int, seconds: float) -> dict:
    timings: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    per_thread = max(1, requests // threads)

    def worker():
        nonlocal errors
        for _ in range(per_thread):
            if time.monotonic() > deadline:
                return
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                    response.read()
                    ok = response.status == 200
            except Exception:
                ok = False
            with lock:
                timings.append(time.perf_counter() - started)
                errors += 0 if ok else 1

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    timings.sort()
    return {
        "requests": len(timings),
        "errors": errors,
        "per_second": len(timings) / elapsed if elapsed else 0,
        "median_ms": statistics.median(timings) * 1000 if timings else 0,
        "p95_ms": timings[int(len(timings) * 0.95) - 1] * 1000 if timings else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200, help="per page")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30, help="at most, per page")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--skip-load", action="store_true")
    arguments = parser.parse_args()

    database_url = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    )
    env = environment(database_url)
    (ROOT / "var").mkdir(exist_ok=True)
    if not arguments.skip_load:
        prepare(env, arguments.products)
    urls = page_urls(env)
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "shop.wsgi", "--workers", "2", "--bind",
         f"127.0.0.1:{arguments.port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    base = f"http://127.0.0.1:{arguments.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/en/", timeout=5)  # noqa: S310
                break
            except Exception:
                time.sleep(0.2)
        print(f"{'page':<11} {'req/s':>7} {'median ms':>10} {'p95 ms':>8} {'errors':>7}")
        for name, path in urls.items():
            hammer(base + path, 10, 1, 10)  # warm up
            result = hammer(base + path, arguments.requests, arguments.threads, arguments.seconds)
            print(
                f"{name:<11} {result['per_second']:>7.1f} {result['median_ms']:>10.1f} "
                f"{result['p95_ms']:>8.1f} {result['errors']:>7}"
            )
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
