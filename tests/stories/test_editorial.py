"""The editors' side: the consent rule, the Editors and Moderators roles with their workflow,
and rich text that cannot carry scripts, whether typed, pasted or posted straight to the admin."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Revision, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from stories.models import StoryConsentError, StoryPage
from tests.factories import MakerFactory, UserFactory
from tests.stories.conftest import block, publish_story

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def user_in(group_name, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return user_in("Editors", username="editor")


@pytest.fixture
def moderator(db):
    return user_in("Moderators", username="moderator")


def story_form(*, title="Tatreez in the evening", makers=(), products=(), body=None, **actions):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "lead": "How a stitch travels.",
            "date": "2026-11-02",
            "author": "Ortak editors",
            "hero_image": "",
            "body": streamfield(body or [("paragraph", rich_text("<p>She stitches.</p>"))]),
            "story_makers": inline_formset([{"maker": maker.pk} for maker in makers]),
            "story_products": inline_formset([{"product": product.pk} for product in products]),
            "story_cooperatives": inline_formset([]),
            **actions,
        }
    )


def add_story_url(index):
    return reverse("wagtailadmin_pages:add", args=("stories", "storypage", index.pk))


# --- Consent -------------------------------------------------------------------------------

def test_story_about_maker_without_consent_cannot_be_published(client, admin_user, story_index):
    shy = MakerFactory(display_name="Nadia", consent_show_story=False)
    client.force_login(admin_user)
    response = client.post(
        add_story_url(story_index), story_form(makers=[shy], **{"action-publish": "publish"})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This story cannot be published: Nadia has not agreed to show her story" in html
    assert not StoryPage.objects.filter(title="Tatreez in the evening").exists()


def test_consent_is_checked_for_makers_quoted_in_the_body_too(client, admin_user, story_index):
    shy = MakerFactory(display_name="Nadia", consent_show_story=False)
    client.force_login(admin_user)
    body = [("quote", {"quote": "Not for the world yet.", "maker": shy.pk, "attribution": ""})]
    response = client.post(
        add_story_url(story_index), story_form(body=body, **{"action-publish": "publish"})
    )
    assert "Nadia has not agreed to show her story" in response.content.decode()


def test_a_draft_may_be_saved_while_consent_is_asked_for(client, admin_user, story_index):
    shy = MakerFactory(display_name="Nadia", consent_show_story=False)
    client.force_login(admin_user)
    response = client.post(add_story_url(story_index), story_form(makers=[shy]))
    assert response.status_code == 302
    story = StoryPage.objects.get(title="Tatreez in the evening")
    assert not story.live


def test_publishing_refuses_when_consent_was_withdrawn_after_submission(story_index):
    maker = MakerFactory(display_name="Leyla")
    story = publish_story(story_index, title="Leyla's loom", makers=[maker])
    maker.consent_show_story = False
    maker.save()
    with pytest.raises(StoryConsentError, match="Leyla has not agreed"):
        story.save_revision().publish()


# --- Roles and workflow --------------------------------------------------------------------

def test_editors_reach_pages_only(client, editor):
    client.force_login(editor)
    assert client.get("/cms/").status_code == 200
    dashboard = client.get("/en/shop/dashboard/")
    assert dashboard.status_code in (302, 403)
    if dashboard.status_code == 302:
        assert "login" in dashboard["Location"]
    # Django's admin refuses a signed-in user who is not staff outright (shop.admin_site).
    assert client.get("/django-admin/").status_code == 403
    assert client.get("/en/shop/dashboard/orders/").status_code in (302, 403)
    assert not editor.is_staff
    assert not editor.has_perm("partner.dashboard_access")


def test_editor_drafts_and_submits_moderator_approves(
    client, editor, moderator, story_index, maker, products
):
    client.force_login(editor)
    response = client.post(
        add_story_url(story_index),
        story_form(makers=[maker], products=products, **{"action-submit": "submit"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    story = StoryPage.objects.get(title="Tatreez in the evening")
    assert not story.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # An editor cannot publish herself.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(story.pk,)),
        story_form(makers=[maker], products=products, **{"action-publish": "publish"}),
    )
    story.refresh_from_db()
    assert not story.live

    client.force_login(moderator)
    task_state = state.current_task_state
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(story.pk, "approve", task_state.pk),
        ),
        {"comment": "Lovely."},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.live
    assert client.get(story.url).status_code == 200
    # The product page links back to the story.
    assert story.url in client.get(products[0].get_absolute_url()).content.decode()


def test_editor_can_preview_a_draft(client, editor, story_index):
    client.force_login(editor)
    client.post(add_story_url(story_index), story_form())
    story = StoryPage.objects.get(title="Tatreez in the evening")
    response = client.post(
        reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,)), story_form()
    )
    assert response.json()["is_valid"] is True
    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,)))
    assert preview.status_code == 200
    assert "She stitches." in preview.content.decode()


def test_scheduled_publishing(client, admin_user, story_index, maker):
    client.force_login(admin_user)
    response = client.post(
        add_story_url(story_index),
        story_form(makers=[maker], go_live_at="2099-01-01 09:00", **{"action-publish": "x"}),
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(title="Tatreez in the evening")
    assert not story.live
    assert story.go_live_at is not None

    # When the time comes, Wagtail's scheduler publishes it.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = Revision.objects.get(pk=story.latest_revision_id)
    assert revision.approved_go_live_at is not None
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    story.refresh_from_db()
    assert story.live


def test_scheduled_story_whose_maker_withdrew_consent_is_not_published(story_index, maker):
    other_maker = MakerFactory(display_name="Leyla")
    scheduled = []
    for title, makers in (("About Leyla", [other_maker]), ("About Halime", [maker])):
        story = publish_story(story_index, title=title, makers=makers)
        story.unpublish()
        revision = story.save_revision(
            approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        scheduled.append((story, revision))
    other_maker.consent_show_story = False
    other_maker.save()

    call_command("publish_scheduled", stdout=io.StringIO())
    (withdrawn, withdrawn_revision), (fine, _) = scheduled
    withdrawn.refresh_from_db()
    fine.refresh_from_db()
    assert not withdrawn.live and fine.live
    withdrawn_revision.refresh_from_db()
    assert withdrawn_revision.approved_go_live_at is None


def test_moderator_cannot_approve_a_story_whose_maker_withdrew_consent(
    client, editor, moderator, story_index
):
    maker = MakerFactory(display_name="Leyla")
    client.force_login(editor)
    client.post(add_story_url(story_index), story_form(makers=[maker], **{"action-submit": "1"}))
    story = StoryPage.objects.get(title="Tatreez in the evening")
    maker.consent_show_story = False
    maker.save()
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(story.pk))
    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(story.pk, "approve", state.current_task_state.pk),
        ),
        {"comment": ""},
    )
    # Wagtail's admin turns the refusal into a redirect with a permission message; the
    # approval is rolled back, so the story waits until consent is back or she is removed.
    assert response.status_code == 302
    # The moderator's dashboard says why.
    dashboard = client.get(response["Location"]).content.decode()
    assert "Stories that cannot be published yet" in dashboard
    assert "Leyla has not agreed to show her story" in dashboard
    story.refresh_from_db()
    assert not story.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_the_consent_panel_is_hidden_when_nothing_is_blocked(client, moderator, editor):
    client.force_login(moderator)
    assert "Stories that cannot be published yet" not in client.get("/cms/").content.decode()


def test_roles_sit_on_the_home_page_not_the_tree_root(home_page):
    from wagtail.models import GroupPagePermission, WorkflowPage

    root = Page.objects.get(depth=1)
    assert not GroupPagePermission.objects.filter(
        group__name__in=["Editors", "Moderators"], page=root
    ).exists()
    editor_perms = set(
        GroupPagePermission.objects.filter(group__name="Editors", page=home_page).values_list(
            "permission__codename", flat=True
        )
    )
    assert editor_perms == {"add_page", "change_page"}
    assert WorkflowPage.objects.get(page=home_page).workflow.name == "Moderators approval"


# --- Rich text that carries scripts --------------------------------------------------------

HOSTILE_HTML = (
    '<p onclick="steal()">Hello <a href="javascript:alert(1)">click</a>'
    '<script>alert(2)</script><img src="x" onerror="alert(3)"/>'
    '<a href="https://example.org/" style="color:red" onmouseover="alert(4)">ok</a></p>'
)


def assert_neutralised(html):
    lowered = html.lower()
    for needle in ("javascript:", "<script>alert", "onclick", "onerror", "onmouseover", "steal()"):
        assert needle not in lowered, needle


def test_hostile_rich_text_pasted_into_the_editor_is_neutralised(
    client, admin_user, story_index, maker
):
    client.force_login(admin_user)
    body = [("paragraph", rich_text(HOSTILE_HTML))]
    response = client.post(
        add_story_url(story_index),
        story_form(makers=[maker], body=body, **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(title="Tatreez in the evening")
    html = client.get(story.url).content.decode()
    assert "Hello" in html and 'href="https://example.org/"' in html
    assert_neutralised(html)


def test_hostile_contentstate_posted_straight_to_the_admin_is_neutralised(
    client, admin_user, story_index, maker
):
    import json

    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "text": "click me <script>alert(1)</script>",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 8, "key": 0}],
                "data": {"onclick": "alert(5)"},
            }
        ],
        "entityMap": {
            "0": {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": "javascript:alert(document.cookie)", "onclick": "alert(6)"},
            }
        },
    }
    client.force_login(admin_user)
    body = [("paragraph", json.dumps(contentstate))]
    response = client.post(
        add_story_url(story_index),
        story_form(makers=[maker], body=body, **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(title="Tatreez in the evening")
    html = client.get(story.url).content.decode()
    assert "click me" in html
    assert "&lt;script&gt;" in html
    assert_neutralised(html)


def test_rich_text_saved_by_code_is_rendered_through_the_whitelist(client, story_index, maker):
    story = publish_story(
        story_index, title="Saved by code", makers=[maker],
        body=[block("paragraph", HOSTILE_HTML)],
    )
    html = client.get(story.url).content.decode()
    assert "Hello" in html
    assert_neutralised(html)
