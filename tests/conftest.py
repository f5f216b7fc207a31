"""Shared fixtures: a real browser (Debian's Chromium through Playwright) and media isolation."""

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    yield


@pytest.fixture(autouse=True)
def _english_unless_asked():
    """Each test starts in English; a language a test switched to does not leak into the next."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """An empty cache per test: this also resets the throttling counts (shop/throttle.py), so
    tests that post to sign-in, password reset or order tracking many times never lock out the
    next. django-axes' failed sign-ins live in the database, rolled back or flushed per test."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _no_private_details_in_any_email():
    """Every email any test sends is checked for makers' and cooperatives' private details.

    The factories fill those fields with marker values (tests.factories.PRIVATE_MARKERS).
    """
    yield
    from django.core import mail

    from tests.factories import PRIVATE_MARKERS

    for message in getattr(mail, "outbox", []):
        parts = [message.subject, message.body, *message.to]
        parts += [content for content, _type in getattr(message, "alternatives", [])]
        text = "\n".join(str(part) for part in parts)
        leaked = [marker for marker in PRIVATE_MARKERS if marker in text]
        assert not leaked, f"Private details {leaked} in an email: {message.subject!r}"


EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(r"https?://[^\s\"'<>]+")
# Hosts that mean a link was built from something other than SITE_URL: Django's default Sites
# record, a developer's machine, or the test client's request.
WRONG_HOSTS = ("example.com", "localhost", "testserver")


def wrong_links(body: str, site_urls: set[str]) -> list[str]:
    """The links of an email body that do not lead to the shop's configured address.

    A link to the shop's host must start with a configured SITE_URL (scheme and port too); a
    link elsewhere (a carrier's tracking page) must name no port but a configured one. The
    customers' own addresses (`ayse@example.com`) are recipients, not links.
    """
    configured = [urlsplit(url) for url in site_urls]
    hosts = {parts.hostname for parts in configured}
    ports = {parts.port for parts in configured}
    wrong = []
    for link in LINK.findall(body):
        parts = urlsplit(link.replace("&amp;", "&"))
        host = parts.hostname or ""
        if any(host == bad or host.endswith("." + bad) for bad in WRONG_HOSTS):
            wrong.append(link)
        elif host in hosts and not any(
            link == url or link.startswith(url + "/") for url in site_urls
        ):
            wrong.append(link)
        elif parts.port is not None and parts.port not in ports:
            wrong.append(link)
    without_addresses = EMAIL_ADDRESS.sub("", LINK.sub("", body))
    wrong += [f"the text {host!r}" for host in WRONG_HOSTS if host in without_addresses]
    return wrong


@pytest.fixture(autouse=True)
def _every_email_links_to_the_shops_address():
    """Every email any test sends links only to the shop's address (SITE_URL), text and HTML.

    A test may change SITE_URL; an email sent while it was in force is checked against it.
    """
    from django.conf import settings
    from django.test.signals import setting_changed

    site_urls = {settings.SITE_URL}

    def remember(*, setting, value, **kwargs):
        if setting == "SITE_URL" and value:
            site_urls.add(value)

    setting_changed.connect(remember, weak=False)
    try:
        yield
    finally:
        setting_changed.disconnect(remember)
    from django.core import mail

    for message in getattr(mail, "outbox", []):
        bodies = [message.body] + [
            content for content, _type in getattr(message, "alternatives", [])
        ]
        wrong = [link for body in bodies for link in wrong_links(str(body), site_urls)]
        wrong += wrong_links(message.subject, site_urls)
        assert not wrong, (
            f"Links that are not the shop's address ({sorted(site_urls)}) in the email "
            f"{message.subject!r}: {wrong}"
        )


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run 'make browser' (apt-get install chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def is_csp_violation(text: str) -> bool:
    """Chromium reports each blocked script, style, frame or connection on the console."""
    return "Content Security Policy" in text or "Content-Security-Policy" in text


# Console errors that are not bugs, each with the reason; matched against the whole entry
# ("<page>: <message> (<address>)"). Every other console error a page gives (a failed image,
# favicon or source-map load, a refused style) is a bug.
ALLOWED_CONSOLE_ERRORS: tuple[re.Pattern, ...] = (
    # The payment endpoint answers a refused card with 400 and the message the page shows
    # (checkout/views.py, a contract tests/checkout asserts); Chromium logs every 4xx answer to
    # fetch() on the console, whatever the script does with it.
    re.compile(
        r"/shop/checkout/preview/: Failed to load resource: the server responded with a status "
        r"of 400 \(Bad Request\) \(https?://[^/]+/\w\w/shop/checkout/preview/\)$"
    ),
)


def _console_error(page, message) -> str:
    """A console message of type "error", with the page and the address it is about."""
    location = message.location or {}
    where = location.get("url") or ""
    text = message.text
    return f"{page.url}: {text}" + (f" ({where})" if where and where not in text else "")


@pytest.fixture
def page(browser):
    """A fresh browser page; a test fails if any page it opened wrote an error on the console
    (a Content-Security-Policy violation, a resource that failed to load: an image, the
    favicon, a source map, a fetch; the page's own 4xx is the test's to assert) or threw a
    script error (an uncaught exception, such as Oscar's
    scripts without jQuery). Chromium names a failed load on the console without its address;
    the failed responses are recorded too, so the message says which one."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations: list[str] = []
    console_errors: list[str] = []
    script_errors: list[str] = []
    failed_loads: list[str] = []

    # A page the test itself opened may answer 403 or 404 on purpose (the test asserts its
    # status); what it loads is not on trial for that, only the resources it asks for are.
    failed_pages: set[str] = set()

    def on_console(message):
        if is_csp_violation(message.text):
            violations.append(f"{page.url}: {message.text}")
        elif message.type == "error":
            entry = _console_error(page, message)
            own_status = (message.location or {}).get("url") in failed_pages
            if own_status and message.text.startswith("Failed to load resource"):
                return
            if not any(allowed.search(entry) for allowed in ALLOWED_CONSOLE_ERRORS):
                console_errors.append(entry)

    def on_response(response):
        if response.status < 400:
            return
        request = response.request
        if request.is_navigation_request() and request.frame == page.main_frame:
            failed_pages.add(response.url)
        else:
            failed_loads.append(f"{response.status} {response.url} (on {page.url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: script_errors.append(f"{page.url}: {error}"))
    page.on("response", on_response)
    yield page
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
    assert not script_errors, "Script errors:\n" + "\n".join(script_errors)
    assert not console_errors, (
        "Console errors:\n"
        + "\n".join(console_errors)
        + ("\nResponses with an error status:\n" + "\n".join(failed_loads) if failed_loads else "")
    )


@pytest.fixture
def screenshot(page):
    """Save a screenshot under var/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(Path(__file__).resolve().parent.parent / "var" / "test-media", ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the snapshot of the migrated data where every connection object finds it.

    Django keeps the snapshot that transactional tests reload on the connection object that
    created the test database; a connection object made later in the session (some tests get
    one) has none, and then reloads nothing. The wrapper's class holds it for all of them.
    """
    from django.db import connections

    for alias in connections:
        wrapper = connections[alias]
        contents = getattr(wrapper, "_test_serialized_contents", None)
        if contents is not None:
            type(wrapper)._test_serialized_contents = contents
    yield


def pytest_collection_modifyitems(items):
    """Every transactional test restores the reference data that migrations load.

    A transactional test ends by emptying every table. Categories, product classes, roles and
    the home page come from data migrations, so each such test reloads them first
    (`serialized_rollback`). All of them must: after one that does not, the flush re-creates
    content types and the next reload collides with them.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if marker.kwargs.get("serialized_rollback"):
            continue
        item.add_marker(
            pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}),
            append=False,
        )
