"""The customer's pages in English, Turkish and Arabic, in headless Chromium on the demo shop:
axe-core finds no serious or critical WCAG 2.2 AA violation, the browser reports no script
error, and a screenshot of each page in each language is kept for a person to look at."""


import pytest
from django.core.management import call_command

from tests.accessibility import serious_violations
from tests.conftest import SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "ortak-demo-2026"


def sign_in(page, base, language, email):
    page.goto(f"{base}/{language}/shop/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", PASSWORD)
    page.click("button[name=login_submit]")


def test_customer_pages_in_three_languages(live_server, browser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_shop", "--quiet")
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    order = Order.objects.filter(user__email="customer@ortak.example").order_by("pk").first()
    assert order is not None, "the demo gives the customer orders"
    base = live_server.url
    problems = []

    def watch(page, errors):
        page.set_default_timeout(20_000)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )

    def visit(page, language, errors, name, url=None):
        if url:
            page.goto(base + url)
        assert page.evaluate("document.documentElement.lang") == language, name
        for violation in serious_violations(page):
            problems.append(f"{language} {name}: {violation}")
        for error in errors:
            problems.append(f"{language} {name}: script error {error}")
        errors.clear()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"i18n-{name}-{language}.png"), full_page=True)

    for language in ("en", "tr", "ar"):
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page, errors = context.new_page(), []
        watch(page, errors)
        visit(page, language, errors, "home", f"/{language}/")
        page.goto(f"{base}/{language}/shop/catalogue/")
        page.locator(".site-nav a[href*='/category/']").first.click()
        page.wait_for_load_state()
        visit(page, language, errors, "category")
        page.locator(".product-card__title a").first.click()
        page.wait_for_load_state()
        visit(page, language, errors, "product")
        page.locator(".product__buy button[type=submit]").first.click()
        page.wait_for_load_state()
        visit(page, language, errors, "basket", f"/{language}/shop/basket/")
        visit(page, language, errors, "checkout-who", f"/{language}/shop/checkout/")
        page.goto(f"{base}/{language}/stories/")
        page.locator(".story-card__title a").first.click()
        page.wait_for_load_state()
        visit(page, language, errors, "story")
        sign_in(page, base, language, "customer@ortak.example")
        assert f"/{language}/" in page.url, "signing in keeps the language"
        visit(page, language, errors, "account-orders", f"/{language}/shop/accounts/orders/")
        visit(
            page,
            language,
            errors,
            "account-order",
            f"/{language}/shop/accounts/orders/{order.number}/",
        )
        context.close()

        # The thank-you page as the shop shows it after a payment (staff may open any order's).
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page, errors = context.new_page(), []
        watch(page, errors)
        sign_in(page, base, language, "staff@ortak.example")
        errors.clear()  # the staff dashboard she lands on is not a customer's page
        thank_you = f"/{language}/shop/checkout/thank-you/?order_number={order.number}"
        visit(page, language, errors, "thank-you", thank_you)
        context.close()

    assert not problems, "\n".join(problems)
