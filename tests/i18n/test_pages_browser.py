"""The customer's pages in English, Turkish and Arabic, in headless Chromium on the demo shop:
axe-core finds no serious or critical WCAG 2.2 AA violation, the browser reports no script
error, and a screenshot of each page in each language is kept for a person to look at."""

from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "ortak-demo-2026"


def serious_violations(page) -> list:
    assert AXE.exists(), "axe-core is missing: run 'make test' (it installs it from npm)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def sign_in(page, base, language, email):
    page.goto(f"{base}/{language}/shop/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", PASSWORD)
    page.click("button[name=login_submit]")


def test_customer_pages_in_three_languages(live_server, browser, settings, tmp_path, screenshot):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_shop", "--quiet")
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    order = Order.objects.filter(user__email="customer@ortak.example").order_by("pk").first()
    assert order is not None, "the demo gives the customer orders"
    base = live_server.url
    problems = []

    for language in ("en", "tr", "ar"):
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.set_default_timeout(20_000)
        errors = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        page.on(
            "console",
            lambda message, errors=errors: (
                errors.append(message.text) if message.type == "error" else None
            ),
        )

        def visit(name, url=None, page=page, language=language, errors=errors):
            if url:
                page.goto(base + url)
            assert page.evaluate("document.documentElement.lang") == language, name
            for violation in serious_violations(page):
                problems.append(f"{language} {name}: {violation}")
            for error in errors:
                problems.append(f"{language} {name}: script error {error}")
            errors.clear()
            screenshot(f"i18n-{name}-{language}")

        visit("home", f"/{language}/")
        page.goto(f"{base}/{language}/shop/catalogue/")
        category = page.locator(".site-nav a[href*='/category/'], nav a[href*='/category/']").first
        category.click()
        page.wait_for_load_state()
        visit("category")
        page.locator(".product-card__title a").first.click()
        page.wait_for_load_state()
        visit("product")
        page.locator(".product__buy button[type=submit]").first.click()
        page.wait_for_load_state()
        visit("basket", f"/{language}/shop/basket/")
        visit("checkout-who", f"/{language}/shop/checkout/")
        page.goto(f"{base}/{language}/stories/")
        page.locator(".story-card__title a").first.click()
        page.wait_for_load_state()
        visit("story")

        sign_in(page, base, language, "customer@ortak.example")
        assert f"/{language}/" in page.url, "signing in keeps the language"
        visit("account-orders", f"/{language}/shop/accounts/orders/")
        visit("account-order", f"/{language}/shop/accounts/orders/{order.number}/")
        context.close()

        # The thank-you page, as the shop shows it after a payment (staff may open any order's).
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        sign_in(page, base, language, "staff@ortak.example")
        page.goto(f"{base}/{language}/shop/checkout/thank-you/?order_number={order.number}")
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        visit("thank-you")
        context.close()

    assert not problems, "\n".join(problems)
