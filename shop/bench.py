"""`make bench`: requests per second, latency, SQL queries and bytes of the shop's pages on a
large demo catalogue, for an anonymous visitor and a signed-in customer.

For each size (`--products 2000,10000`) the demo shop is loaded, scaled up, into the bench's
own database — PostgreSQL when DATABASE_URL names one (a database `ortak_bench_<size>` on that
server, created if missing, never the one DATABASE_URL names), SQLite otherwise
(var/bench-<size>.sqlite3) — then gunicorn starts on 127.0.0.1 with production settings and
shop/gunicorn.conf.py (2 workers), with localstripe beside it. Each page is requested for a few
seconds by `--concurrency` client processes, each on a keep-alive connection that it opens
again every REQUESTS_PER_CONNECTION requests, as a stream of visitors would (with four
connections held for the whole run, gunicorn's two workers often split them 3 to 1 or 4 to 0,
and one core did the work of two: the same page measured 75 or 145 req/s from run to run):

- anonymous: no cookies (what a page cache may serve); the basket add starts with an empty
  basket and the checkout buys as a guest;
- signed in: each client process signed in as its own customer (a session cookie), so nothing
  may be served from a shared cache.

The basket add is a POST with the CSRF token taken from the product page; the checkout is the
whole purchase over HTTP as the payment page's script drives it (basket, guest or account,
address, shipping method, a card payment method made at localstripe, the place-order POST,
polling until paid), timed as one flow. SQL queries per page are counted separately, in one
process, with Django's test client and CaptureQueriesContext (after one warm-up request). The
static-file ceiling is the shop's stylesheet served by whitenoise through the same gunicorn.

The bench acts as the TLS proxy would: it sends `X-Forwarded-Proto: https`, and each checkout
its own `X-Forwarded-For` address (TRUSTED_PROXY_COUNT=1), so the shop's per-address limits on
the payment endpoint see many customers, as they would in production, not one. Only 127.0.0.1
is ever a target. Results: var/bench/<timestamp>.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import http.client
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PASSWORD = "bench-only-password-2026"  # noqa: S105 (the bench's own customers, its own database)
WEBHOOK_SECRET = "whsec_bench_only"  # noqa: S105
ADDRESS = {"first_name": "Ayşe", "last_name": "Yılmaz", "line1": "Kuzeystraße 12",
           "line4": "Berlin", "postcode": "10115", "country": "DE", "phone_number": ""}
REQUESTS_PER_CONNECTION = 20
PAGES = ("home", "catalogue", "category", "product", "search", "story", "maker", "cooperative",
         "checkout", "basket add")


# --- Where the bench runs ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_database_url(products: int) -> str:
    """The bench's own database for `products`: never the database DATABASE_URL names."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(configured)
        return urlunsplit(parts._replace(path=f"/ortak_bench_{products}"))
    return f"sqlite:///{ROOT / 'var' / f'bench-{products}.sqlite3'}"


def create_postgres_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def environment(database_url: str, stripe_port: int) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="shop.settings.production",
        SECRET_KEY="bench-only-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SITE_URL="https://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STRIPE_ALLOW_LOCALSTRIPE="true",
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE=f"http://127.0.0.1:{stripe_port}",
        TRUSTED_PROXY_COUNT="1",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        WEB_CONCURRENCY="2",
        GUNICORN_ACCESS_LOG="",
        LOG_LEVEL="ERROR",
        # Redis as production has it (check --deploy requires it): the shared cache, throttling
        # counts and the anonymous page cache. Its own database number, emptied per size.
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"),
    )
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY"):
        env.pop(name, None)
    return env


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True,
                            capture_output=capture, text=True)
    return result.stdout if capture else ""


def prepare(env: dict, products: int, clients: int, *, load: bool) -> dict:
    """Migrate and load the demo (idempotent: only what is missing is made); the seconds each
    took; the bench's customers and the pages' addresses."""
    timings = {}
    if load:
        started = time.monotonic()
        manage(env, "migrate", "--noinput", "-v0")
        timings["migrate_seconds"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        manage(env, "load_demo_shop", "--products", str(products), "--allow-production",
               "--add", "--quiet")
        timings["load_demo_shop_seconds"] = round(time.monotonic() - started, 1)
        manage(env, "collectstatic", "--noinput", "-v0")
    script = (ROOT / "shop" / "bench_setup.py").read_text()
    output = manage(env, "shell", "-c", script + f"\nprint(json.dumps(bench_setup({clients})))",
                    capture=True)
    return {**json.loads(output.strip().splitlines()[-1]), **timings}


# --- HTTP clients --------------------------------------------------------------------------


class Browser:
    """One keep-alive connection with the cookies a browser would keep, behind a TLS proxy."""

    def __init__(self, port: int, address: str = "127.0.0.1"):
        self.port, self.address = port, address
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def reconnect(self) -> None:
        self.connection.close()
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def request(self, method: str, path: str, data: dict | None = None,
                headers: dict | None = None) -> tuple[int, bytes, dict]:
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Accept-Encoding": "gzip",
            "Accept-Language": "en",
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"https://127.0.0.1:{self.port}{path}"
            if "csrftoken" in self.cookies:
                sent["X-CSRFToken"] = self.cookies["csrftoken"]
        sent.update(headers or {})
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                raw = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.reconnect()
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, raw, dict(response.headers)

    def text(self, raw: bytes, headers: dict) -> str:
        if headers.get("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8", "replace")

    def form_token(self, path: str) -> str:
        status, raw, headers = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text(raw, headers))
        return match.group(1) if match else self.cookies.get("csrftoken", "")

    def post(self, path: str, data: dict, token: str, **headers) -> tuple[int, bytes, dict]:
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **data}, headers)


def sign_in(port: int, email: str, browser: Browser | None = None) -> dict:
    browser = browser or Browser(port)
    token = browser.form_token("/en/shop/accounts/login/")
    status, _raw, _headers = browser.post(
        "/en/shop/accounts/login/",
        {"login-username": email, "login-password": PASSWORD, "login_submit": "Sign in"},
        token,
    )
    if "sessionid" not in browser.cookies:
        raise SystemExit(f"could not sign in as {email} (status {status})")
    return dict(browser.cookies)


def checkout_once(browser: Browser, product: dict, stripe_port: int, number: int,
                  signed_in: bool) -> bool:
    """One purchase over HTTP, as the payment page's script makes it; True if paid."""
    token = browser.form_token(product["url"])
    browser.post(f"/en/shop/basket/add/{product['pk']}/", {"quantity": 1}, token)
    token = browser.cookies.get("csrftoken", token)
    if not signed_in:
        browser.post("/en/shop/checkout/", {"username": f"bench{number}@example.com",
                                            "options": "anonymous"}, token)
    browser.post("/en/shop/checkout/shipping-address/", ADDRESS, token)
    browser.post("/en/shop/checkout/shipping-method/", {"method_code": "standard"}, token)
    status, raw, headers = browser.request("GET", "/en/shop/checkout/preview/")
    match = re.search(r'data-basket-fingerprint="([0-9a-f]{64})"', browser.text(raw, headers))
    if status != 200 or not match:
        return False
    stripe = http.client.HTTPConnection("127.0.0.1", stripe_port, timeout=30)
    stripe.request("POST", "/v1/payment_methods", body=urlencode({
        "type": "card", "card[number]": "4242424242424242", "card[exp_month]": 12,
        "card[exp_year]": 2034, "card[cvc]": "123"}), headers={
        "Authorization": "Basic c2tfdGVzdF9sb2NhbDo=",  # sk_test_local:
        "Content-Type": "application/x-www-form-urlencoded"})
    method = json.loads(stripe.getresponse().read())
    stripe.close()
    status, raw, headers = browser.post(
        "/en/shop/checkout/preview/",
        {"action": "place_order", "payment_method": method["id"],
         "basket_fingerprint": match.group(1)},
        token, **{"X-Requested-With": "XMLHttpRequest"})
    try:
        result = json.loads(browser.text(raw, headers))
    except ValueError:
        return False
    deadline = time.monotonic() + 60
    while result.get("status") == "pending" and time.monotonic() < deadline:
        time.sleep(0.5)
        status, raw, headers = browser.request(
            "GET", "/en/shop/checkout/payment-status/", headers={
                "X-Requested-With": "XMLHttpRequest"})
        try:
            result = json.loads(browser.text(raw, headers))
        except ValueError:
            result = {"status": "pending"}
    if result.get("status") != "succeeded":
        return False
    # Where the payment page's script goes next: the thank-you page (which also ends the
    # session's hold on the placed order, so her next basket is a new one).
    status, _raw, _headers = browser.request("GET", result["redirect"])
    return status == 200


def client_run(job: dict) -> dict:
    """One client process: requests for `seconds`, each timed; what it saw."""
    timings, errors, sizes = [], 0, []
    number = job["index"] * 100_000
    deadline = time.monotonic() + job["seconds"]
    browser = Browser(job["port"])
    browser.cookies.update(job["cookies"])
    token = ""
    if job["kind"] == "basket add":
        token = browser.form_token(job["product"]["url"])
    while time.monotonic() < deadline:
        if timings and len(timings) % REQUESTS_PER_CONNECTION == 0:
            browser.reconnect()  # outside the timing: the next visitor's connection
        started = time.perf_counter()
        try:
            if job["kind"] == "get":
                status, raw, _headers = browser.request("GET", job["path"])
                ok, size = status == 200, len(raw)
            elif job["kind"] == "basket add":
                status, raw, _headers = browser.post(
                    f"/en/shop/basket/add/{job['product']['pk']}/", {"quantity": 1}, token)
                ok, size = status in (200, 302), len(raw)
            else:  # checkout: a new guest each time, or the customer signing in again
                number += 1
                browser = Browser(job["port"], f"10.{job['index']}.{number // 250 % 250}."
                                               f"{number % 250 + 1}")
                # For an hour after an order, the basket pages of the session that placed it
                # lead to its thank-you page (checkout/middleware.py): each purchase is a new
                # visit, and a signed-in customer's starts with signing in (timed with it).
                if job["email"]:
                    sign_in(job["port"], job["email"], browser)
                ok = checkout_once(browser, job["product"], job["stripe_port"], number,
                                   signed_in=bool(job["email"]))
                size = 0
        except (OSError, http.client.HTTPException, ValueError, KeyError):
            ok, size = False, 0
        timings.append(time.perf_counter() - started)
        sizes.append(size)
        errors += 0 if ok else 1
    return {"timings": timings, "errors": errors, "sizes": sizes}


def measure(jobs: list[dict], pool: ProcessPoolExecutor) -> dict:
    started = time.perf_counter()
    results = list(pool.map(client_run, jobs))
    elapsed = time.perf_counter() - started
    timings = sorted(t for result in results for t in result["timings"])
    sizes = [s for result in results for s in result["sizes"] if s]

    def percentile(share: float) -> float:
        if not timings:
            return 0.0
        return round(timings[min(len(timings) - 1, int(len(timings) * share))] * 1000, 1)

    return {
        "requests": len(timings),
        "errors": sum(result["errors"] for result in results),
        "per_second": round(len(timings) / elapsed, 1) if elapsed else 0,
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
        "bytes": int(statistics.median(sizes)) if sizes else 0,
    }


# --- Servers ------------------------------------------------------------------------------


class Servers:
    def __init__(self, env: dict, port: int, stripe_port: int):
        self.processes: list[subprocess.Popen] = []
        self.env, self.port, self.stripe_port = env, port, stripe_port

    def start(self) -> None:
        import redis

        try:  # a cold page cache for each size (the bench's own Redis database)
            redis.Redis.from_url(self.env["REDIS_URL"], socket_connect_timeout=1).flushdb()
        except redis.RedisError as error:
            print(f"Redis unavailable ({error}): the page cache is off for this run.")
        self.spawn([PY, "-c", (
            "from checkout.localstripe import serve; "
            f"serve(port={self.stripe_port}, webhook_url='http://127.0.0.1:{self.port}"
            f"/stripe/webhook/', webhook_secret='{WEBHOOK_SECRET}')")])
        self.spawn([PY, "-m", "gunicorn", "-c", "shop/gunicorn.conf.py", "--log-level", "warning",
                    "shop.wsgi"],
                   GUNICORN_BIND=f"127.0.0.1:{self.port}")
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/en/", headers={"X-Forwarded-Proto": "https"})
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit("gunicorn did not start")

    def spawn(self, command: list[str], **env: str) -> None:
        self.processes.append(subprocess.Popen(command, cwd=ROOT, env={**self.env, **env},
                                               start_new_session=True))

    def stop(self) -> None:
        from shop.processes import process_groups_stop

        process_groups_stop(self.processes)


# --- One size ------------------------------------------------------------------------------


def bench_size(products: int, arguments) -> dict:
    database_url = bench_database_url(products)
    if database_url.startswith("postgres"):
        create_postgres_database(database_url)
    port, stripe_port = arguments.port or free_port(), free_port()
    env = environment(database_url, stripe_port)
    print(f"\n[{products} products] preparing {database_url.split('@')[-1]} …", flush=True)
    setup = prepare(env, products, arguments.concurrency, load=not arguments.skip_load)
    servers = Servers(env, port, stripe_port)
    servers.start()
    pages = {name: path for name, path in setup["pages"].items()
             if name in arguments.pages or not arguments.pages}
    results: dict = {"products": products, "database": database_url.split("://")[0],
                     "load": {k: v for k, v in setup.items() if k.endswith("_seconds")},
                     "queries": setup["queries"], "pages": {}}
    try:
        signed_in = [sign_in(port, email) for email in setup["customers"]]
        with ProcessPoolExecutor(max_workers=arguments.concurrency) as pool:
            static = [{"kind": "get", "path": setup["static"], "port": port, "cookies": {},
                       "seconds": arguments.seconds, "index": i}
                      for i in range(arguments.concurrency)]
            results["static"] = measure(static, pool)
            print(f"  static ceiling: {results['static']['per_second']} req/s", flush=True)
            for name in [page for page in PAGES if page in pages]:
                row = {}
                for who, cookies in (("anonymous", [{}] * arguments.concurrency),
                                     ("signed_in", signed_in)):
                    kind = name if name in ("basket add", "checkout") else "get"
                    emails = setup["customers"] if who == "signed_in" else [""] * len(cookies)
                    jobs = [{"kind": kind, "path": pages[name], "port": port,
                             "stripe_port": stripe_port, "cookies": cookies[i],
                             "email": emails[i],
                             "product": setup["checkout_product"], "index": i + 1,
                             "seconds": arguments.seconds} for i in range(arguments.concurrency)]
                    # Warm-up: each worker process reads its templates and opens its database.
                    if kind == "get":
                        measure([{**job, "seconds": 0.5} for job in jobs], pool)
                    row[who] = measure(jobs, pool)
                results["pages"][name] = row
                print(f"  {name}: {row['anonymous']['per_second']} req/s anonymous, "
                      f"{row['signed_in']['per_second']} signed in", flush=True)
    finally:
        servers.stop()
    return results


def markdown(report: dict) -> str:
    lines = [
        f"`make bench`, {report['date']}: {report['machine']}, {report['database']}, gunicorn "
        f"2 workers × {report['threads']} threads, {report['concurrency']} client connections, "
        f"{report['seconds']:g} s per page and visitor.",
    ]
    for size in report["sizes"]:
        load = size["load"]
        lines += [
            "",
            f"**{size['products']:,} products**"
            + (f" (loaded in {load['load_demo_shop_seconds']:.0f} s)"
               if "load_demo_shop_seconds" in load else ""),
            "",
            "| page | anonymous req/s | p50 / p95 / p99 ms | signed-in req/s | p50 / p95 / p99 ms "
            "| errors | queries (anon / signed in) | KB |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, row in size["pages"].items():
            anonymous, signed = row["anonymous"], row["signed_in"]
            queries = size["queries"].get(name, {})
            lines.append(
                f"| {name} | {anonymous['per_second']:.1f} | {anonymous['p50_ms']:.0f} / "
                f"{anonymous['p95_ms']:.0f} / {anonymous['p99_ms']:.0f} | "
                f"{signed['per_second']:.1f} | {signed['p50_ms']:.0f} / {signed['p95_ms']:.0f} / "
                f"{signed['p99_ms']:.0f} | {anonymous['errors']} / {signed['errors']} | "
                f"{queries.get('anonymous', '–')} / {queries.get('signed_in', '–')} | "
                f"{anonymous['bytes'] / 1024:.1f} |"
            )
        static = size["static"]
        lines.append(
            f"| static file (ceiling) | {static['per_second']:.0f} | {static['p50_ms']:.1f} / "
            f"{static['p95_ms']:.1f} / {static['p99_ms']:.1f} | | | {static['errors']} | 0 | "
            f"{static['bytes'] / 1024:.1f} |"
        )
    lines.append("")
    lines.append("Checkout: one whole purchase per request (guest or signed-in customer), "
                 "signing in included for the customer; localstripe as Stripe; KB: the "
                 "response body as sent (gzip).")
    return "\n".join(lines)


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", default="2000,10000",
                        help="catalogue sizes, comma-separated (default 2000,10000)")
    parser.add_argument("--seconds", type=float, default=8, help="per page and visitor kind")
    parser.add_argument("--concurrency", type=int, default=4, help="client processes")
    parser.add_argument("--pages", default="", help=f"a subset of: {', '.join(PAGES)}")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--skip-load", action="store_true",
                        help="use the bench databases as they are (no migrate, no loading)")
    arguments = parser.parse_args()
    arguments.pages = [page.strip() for page in arguments.pages.split(",") if page.strip()]
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    report = {
        "date": now.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "database": "PostgreSQL" if bench_database_url(0).startswith("postgres") else "SQLite",
        "threads": int(os.environ.get("GUNICORN_THREADS", "8")),
        "concurrency": arguments.concurrency,
        "seconds": arguments.seconds,
        "sizes": [],
    }
    for products in (int(size) for size in arguments.products.split(",")):
        report["sizes"].append(bench_size(products, arguments))
    path = ROOT / "var" / "bench" / f"{now.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2))
    print()
    print(markdown(report))
    print(f"\n(written to {path.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
