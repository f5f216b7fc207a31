"""An editor writes a story in Wagtail's admin, picking a maker and two products with the
choosers, and submits it; a moderator approves it; the story is live and the product page links
back to it."""

import re

import pytest
from django.contrib.auth.models import Group

from stories.models import StoryIndexPage, StoryPage
from tests.factories import MakerFactory, UserFactory, product_for_sale

# Run with --create-db (as `make test` does): a transactional test empties the database at the
# end, so a later --reuse-db session would find no home page.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a-long-test-password"


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/cms/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/cms/$"))


def choose_in_modal(page, add_button_name, search, item_name):
    """Open a MultipleChooserPanel's modal, search, tick one item and confirm."""
    page.get_by_role("button", name=add_button_name).click()
    modal = page.locator(".modal-content").last
    modal.wait_for()
    modal.locator("input[type=checkbox]").first.wait_for()
    search_box = modal.locator("input[name=q]")
    if search_box.count():  # the product chooser searches; the makers' snippet chooser lists
        search_box.fill(search)
        page.wait_for_timeout(800)
    row = modal.locator("tr", has_text=item_name).first
    row.wait_for()
    row.locator("input[type=checkbox]").check()
    modal.get_by_role("button", name=re.compile("Confirm selection")).click()
    modal.wait_for(state="detached")


def test_editor_writes_submits_moderator_approves(live_server, page, screenshot):
    index = StoryIndexPage.objects.get()  # made by a migration
    maker = MakerFactory(display_name="Shamiram", slug="shamiram", crafts="Silver filigree")
    earrings = product_for_sale(maker=maker, title="Filigree leaf earrings", slug="leaf-earrings")
    ring = product_for_sale(maker=maker, title="Filigree flower ring", slug="flower-ring")
    product_for_sale(title="Someone else's scarf", slug="other-scarf")
    editor = UserFactory(username="edith")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = UserFactory(username="mona")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    # The editor writes the story.
    log_in(page, live_server, "edith")
    page.goto(f"{live_server.url}/cms/pages/add/stories/storypage/{index.pk}/")
    page.fill("#id_title", "Leaf by leaf")
    page.fill("#id_lead", "Shamiram solders each filigree leaf with a flame no bigger than a pea.")
    page.fill("#id_author", "Edith, Ortak editors")
    choose_in_modal(page, re.compile("Add makers in this story"), "Shamiram", "Shamiram")
    choose_in_modal(page, re.compile("Add products in this story"), "Filigree", "leaf earrings")
    choose_in_modal(page, re.compile("Add products in this story"), "ring", "flower ring")
    screenshot("stories-editor-draft")

    # Submit for moderation (in the save button's drop-down).
    page.locator("footer .w-dropdown__toggle, .footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name=re.compile("Submit to Moderators approval")).click()
    page.wait_for_url(re.compile(r"/cms/pages/\d+/"))
    screenshot("stories-editor-submitted")
    story = StoryPage.objects.get(title="Leaf by leaf")
    assert not story.live
    assert [link.maker_id for link in story.story_makers.all()] == [maker.pk]
    assert {link.product_id for link in story.story_products.all()} == {earrings.pk, ring.pk}

    # The editor cannot publish it herself, nor reach the shop's dashboard.
    response = page.goto(f"{live_server.url}/en/shop/dashboard/")
    screenshot("stories-editor-no-dashboard")
    assert response.status == 403 or "login" in page.url, (response.status, page.url)
    response = page.goto(f"{live_server.url}/django-admin/")
    assert response.status == 403

    # The moderator approves it from her dashboard.
    log_in(page, live_server, "mona")
    screenshot("stories-moderator-dashboard")
    review = page.locator("section, .w-panel, .panel", has_text="Awaiting your review").last
    review.locator(".w-dropdown__toggle, [aria-label*='ore']").first.click()
    page.get_by_role("button", name=re.compile(r"^\s*Approve\s*$")).first.click()
    page.wait_for_load_state("networkidle")
    screenshot("stories-moderator-approved")
    story.refresh_from_db()
    assert story.live

    # The story is live, and the product page links back to it.
    page.context.clear_cookies()
    page.goto(live_server.url + story.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Leaf by leaf"
    screenshot("stories-live-story")
    page.goto(live_server.url + earrings.get_absolute_url())
    link = page.get_by_role("link", name="Leaf by leaf").first
    assert link.is_visible()
    screenshot("stories-product-links-back")
    link.click()
    page.wait_for_url(re.compile(re.escape(story.url) + "$"))
