"""Wagtail admin registrations for the stories: the product chooser that a story links with, and
a dashboard panel that tells moderators which submitted stories cannot be published.

Makers and cooperatives are snippets registered in `cooperatives/wagtail_hooks.py`.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from stories.choosers import product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


class StoriesBlockedByConsentPanel(Component):
    """Approving a story whose maker has withdrawn her consent is refused (the refusal reaches
    the dashboard as Wagtail's generic "no permission" message); this panel says why, and
    what to do."""

    name = "stories_blocked_by_consent"
    order = 90
    template_name = "stories/admin/blocked_by_consent_panel.html"

    def __init__(self, request):
        self.request = request

    def blocked_stories(self) -> list[dict]:
        from wagtail.models import Page

        from stories.models import StoryPage, story_consent_problem

        page_type = ContentType.objects.get_for_model(Page)
        story_ids = WorkflowState.objects.active().filter(
            base_content_type=page_type,
            content_type=ContentType.objects.get_for_model(StoryPage),
        ).values_list("object_id", flat=True)
        blocked = []
        for story in StoryPage.objects.filter(pk__in=[int(pk) for pk in story_ids]):
            revision = story.get_latest_revision()
            draft = revision.as_object() if revision else story
            message = story_consent_problem(draft)
            if message:
                blocked.append({"story": story, "message": message})
        return blocked

    def render_html(self, parent_context=None):
        user = self.request.user
        if not (user.is_superuser or user.groups.filter(name="Moderators").exists()):
            return ""
        self.blocked = self.blocked_stories()
        if not self.blocked:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {"blocked": self.blocked}


@hooks.register("construct_homepage_panels")
def add_stories_blocked_by_consent_panel(request, panels):
    panels.append(StoriesBlockedByConsentPanel(request))
