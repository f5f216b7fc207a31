"""Right-to-left text typed in a left-to-right page, and back, shows correctly in the browser
(issue 13, "Bad input"): the search field takes the direction of what is typed in it, and the
results page shows the query back isolated, in its own direction."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("language", "query", "direction"),
    [("en", "فضة مخرّمة", "rtl"), ("ar", "silver filigree", "ltr"), ("tr", "فضة", "rtl")],
)
def test_the_search_field_and_the_results_keep_the_direction_of_the_words(
    live_server, page, screenshot, language, query, direction
):
    page_direction = "rtl" if language == "ar" else "ltr"
    page.goto(f"{live_server.url}/{language}/")
    field = page.locator("#site-search-q")

    field.fill(query)

    assert page.evaluate("document.documentElement.dir") == page_direction
    assert field.evaluate(f"(input) => input.matches(':dir({direction})')")
    field.press("Enter")
    page.wait_for_url(f"**/{language}/search/**")
    heading = page.locator("h1 bdi")
    assert heading.inner_text() == query
    assert heading.evaluate(f"(element) => element.matches(':dir({direction})')")
    assert page.locator("#search-page-q").evaluate(
        f"(input) => input.matches(':dir({direction})')"
    )
    screenshot(f"i18n-search-{direction}-in-{language}")
