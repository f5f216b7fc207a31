"""The README's production walk-through, followed by a machine: a fresh database, production
settings, migrate, collectstatic, check --deploy, the demo shop (asked for by name), gunicorn
bound to 127.0.0.1 behind a (pretend) TLS proxy, then a visitor's requests: the home page, a
product page, and every picture that page shows, each with its caching headers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ortak_walkthrough .ci/production_walkthrough.py

A PostgreSQL database named in DATABASE_URL is dropped and created afresh (and dropped at the
end); without DATABASE_URL, a new SQLite file in a temporary folder is used. The Redis database
named in REDIS_URL is emptied first: a fresh shop must not meet another database's cache (Wagtail
keeps renditions there, by image id, which a new database reuses for other files). Exits non-zero,
saying what failed, when any step does.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "shop.example.org"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres(url: str, statement: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(statement)


def run(env: dict, *args: str, timeout: int = 900) -> str:
    print("$ manage.py", " ".join(args), flush=True)
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def get(base: str, path: str, **kwargs) -> requests.Response:
    """A request as the TLS proxy forwards it."""
    headers = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    response = requests.get(base + path, headers=headers, timeout=120, allow_redirects=False,
                            **kwargs)
    if response.status_code != 200:
        sys.exit(f"GET {path} answered {response.status_code}")
    return response


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="ortak-walkthrough-"))
    database_url = os.environ.get("DATABASE_URL", "").strip()
    if database_url.startswith("postgres"):
        name = urlsplit(database_url).path.lstrip("/")
        postgres(database_url, f'DROP DATABASE IF EXISTS "{name}"')
        postgres(database_url, f'CREATE DATABASE "{name}"')
    else:
        database_url = f"sqlite:///{work / 'ortak.sqlite3'}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("STRIPE_", "EMAIL_"))},
        "DJANGO_SETTINGS_MODULE": "shop.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "STRIPE_ALLOW_LOCALSTRIPE": "true",
        "STRIPE_WEBHOOK_SECRET": "whsec_" + secrets.token_urlsafe(24),
        "EMAIL_URL": "console://",
        "DEFAULT_FROM_EMAIL": f"Ortak <hello@{HOST}>",
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
    }
    env.setdefault("REDIS_URL", "")
    if env["REDIS_URL"]:
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    gunicorn = None
    try:
        run(env, "migrate", "--noinput", "-v0")
        run(env, "collectstatic", "--noinput", "-v0")
        if env["REDIS_URL"]:
            run(env, "check", "--deploy", "--fail-level", "WARNING")
        refused = subprocess.run([PYTHON, "manage.py", "load_demo_shop", "--products", "6"],
                                 cwd=ROOT, env=env, capture_output=True, text=True)
        if refused.returncode == 0 or "--allow-production" not in refused.stderr:
            sys.exit("load_demo_shop ran under production settings without --allow-production")
        run(env, "load_demo_shop", "--products", "6", "--allow-production", "--quiet")

        port = free_port()
        log = work / "gunicorn.log"
        gunicorn = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "shop.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--timeout", "120", "--error-logfile", str(log)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                requests.get(base + "/static/", timeout=10)
                break
            except requests.RequestException:
                if gunicorn.poll() is not None or time.monotonic() > deadline:
                    sys.exit("gunicorn did not start: " + log.read_text()[-2000:])
                time.sleep(0.5)

        home = get(base, "/en/")
        if "content-security-policy" not in {key.lower() for key in home.headers}:
            sys.exit("The home page has no Content-Security-Policy")
        catalogue = get(base, "/en/shop/catalogue/").text
        product_path = re.search(r'href="(/en/shop/catalogue/[\w-]+_\d+/)"', catalogue)
        if not product_path:
            sys.exit("No product link on the catalogue page")
        product = get(base, product_path.group(1)).text
        images = {src for src in re.findall(r'<img[^>]+src="([^"]+)"', product)
                  if "placeholder" not in src}
        if not images:
            sys.exit("The product page shows no picture")
        for src in sorted(images):
            picture = get(base, src)
            if not picture.headers.get("Content-Type", "").startswith("image/"):
                sys.exit(f"{src} is not an image ({picture.headers.get('Content-Type')})")
            if "max-age" not in picture.headers.get("Cache-Control", ""):
                sys.exit(f"{src} has no caching headers")
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', product)
        if stylesheet:
            get(base, stylesheet.group(1))
        print(f"Production walk-through: home, catalogue, {product_path.group(1)} and "
              f"{len(images)} picture(s) served.")
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait()
        if database_url.startswith("postgres"):
            name = urlsplit(database_url).path.lstrip("/")
            postgres(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
