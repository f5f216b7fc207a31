"""Wagtail pages: the home page, producer stories and fair-trade information.

A story links to the makers, cooperatives and products it tells of through orderable link rows
chosen in the editor; the product, maker and cooperative pages read those rows back
(`stories.selectors`), so the links go both ways. Deleting a product or maker deletes only its
link rows: the story stays readable.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from stories.blocks import StoryStreamBlock
from stories.localized import ReaderLanguagePageMixin

class StoryConsentError(PermissionDenied):
    """Publishing refused: a maker in the story has not agreed to show her story. A permission
    error, so that a moderator approving from the dashboard gets a 403 with this message and
    the approval is rolled back (workflow actions run in a transaction)."""


logger = logging.getLogger(__name__)

# The form buttons that ask for a page to go live, now or after moderation.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


class HomePage(ReaderLanguagePageMixin, Page):
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.CharField(_("hero text"), max_length=300, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        InlinePanel(
            "featured_stories",
            label=_("Featured stories"),
            max_num=3,
            help_text=_("Leave empty to show the three latest stories."),
        ),
    ]
    # One in the admin's "add page"; its translations (wagtail-localize) are copies, not counted.
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from stories.selectors import home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(home_page=self))
        return context


class HomePageFeaturedStory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_stories")
    story = models.ForeignKey(
        "stories.StoryPage", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("story")]


class StoryIndexPage(ReaderLanguagePageMixin, RoutablePageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["stories.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count = 1
    stories_per_page = 12

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from stories.selectors import story_cards

        context = super().get_context(request, *args, **kwargs)
        from stories.localized import in_default_language

        # Every story, translated or not: the English index's children, in the reader's language.
        stories = story_cards(in_default_language(self).get_children())
        paginator = Paginator(stories, self.stories_per_page)
        context["stories"] = paginator.get_page(request.GET.get("page"))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from stories.feeds import StoryFeed

        return StoryFeed()(request, index_page=self)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from stories.feeds import StoryAtomFeed

        return StoryAtomFeed()(request, index_page=self)


class StoryPageForm(WagtailAdminPageForm):
    """Refuses to publish, or send for approval, a story about a maker who has not agreed to
    show her story. Drafts may still be saved while consent is being asked for."""

    def clean(self):
        cleaned_data = super().clean()
        if not any(action in self.data for action in PUBLISHING_ACTIONS):
            return cleaned_data
        maker_ids = set()
        formset = self.formsets.get("story_makers")
        if formset is not None and formset.is_valid():
            for form in formset.forms:
                if form.cleaned_data.get("DELETE") or not form.cleaned_data.get("maker"):
                    continue
                maker_ids.add(form.cleaned_data["maker"].pk)
        body = cleaned_data.get("body")
        if body is not None:
            maker_ids |= makers_in_body(body)
        message = consent_problem(maker_ids)
        if message:
            self.add_error(None, message)
        return cleaned_data


def makers_in_body(body) -> set[int]:
    """Ids of the makers a story's quote and maker blocks name."""
    ids = set()
    for block in body:
        if block.block_type in ("quote", "maker"):
            maker = block.value.get("maker")
            if maker is not None:
                ids.add(maker.pk)
    return ids


def consent_problem(maker_ids) -> str:
    """The editor's message when any of these makers has not agreed to show her story."""
    from cooperatives.models import Maker

    if not maker_ids:
        return ""
    names = list(
        Maker.objects.filter(pk__in=maker_ids, consent_show_story=False)
        .order_by("display_name")
        .values_list("display_name", flat=True)
    )
    if not names:
        return ""
    return _(
        "This story cannot be published: %(names)s has not agreed to show her story. "
        "Remove her from the story (the makers list, quotes and maker blocks), or ask her "
        "cooperative to record her consent first. You can still save a draft."
    ) % {"names": ", ".join(names)}


def story_consent_problem(story) -> str:
    """The consent message for a story as it stands (links and body), or ''."""
    maker_ids = {link.maker_id for link in story.story_makers.all()}
    return consent_problem(maker_ids | makers_in_body(story.body))


class StoryPage(ReaderLanguagePageMixin, Page):
    lead = models.TextField(
        _("lead"), max_length=400, help_text=_("One or two sentences shown on cards and in feeds.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=120, blank=True)
    body = StreamField(StoryStreamBlock(), verbose_name=_("story"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("author"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author")], heading=_("Byline")),
        FieldPanel("body"),
        MultipleChooserPanel(
            "story_makers",
            chooser_field_name="maker",
            label=_("Makers in this story"),
            help_text=_("Her page and her products will link back to this story."),
        ),
        MultipleChooserPanel(
            "story_products", chooser_field_name="product", label=_("Products in this story")
        ),
        MultipleChooserPanel(
            "story_cooperatives",
            chooser_field_name="cooperative",
            label=_("Cooperatives in this story"),
        ),
    ]
    base_form_class = StoryPageForm
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def publish(self, revision, *args, **kwargs):
        # The form already refuses; this also covers moderation from the dashboard, scheduled
        # publishing and code, in case consent was withdrawn after the story was submitted.
        message = story_consent_problem(revision.as_object())
        if message:
            if kwargs.get("log_action") == "wagtail.publish.scheduled":
                # `publish_scheduled` does not catch errors: raising would stop it publishing
                # every page after this one, run after run. Cancel this schedule instead.
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                logger.warning("Scheduled publishing of story %s cancelled: %s", self.pk, message)
                return None
            raise StoryConsentError(message)
        return super().publish(revision, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from stories.selectors import story_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(story_page_context(self))
        return context

    @cached_property
    def og_image(self):
        return self.hero_image


class StoryMaker(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="story_makers")
    maker = models.ForeignKey(
        "cooperatives.Maker",
        verbose_name=_("maker"),
        on_delete=models.CASCADE,
        related_name="story_links",
    )

    panels = [FieldPanel("maker")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "maker"], name="unique_story_maker")
        ]


class StoryProduct(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="story_products")
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="story_links",
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "product"], name="unique_story_product")
        ]


class StoryCooperative(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="story_cooperatives")
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.CASCADE,
        related_name="story_links",
    )

    panels = [FieldPanel("cooperative")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "cooperative"], name="unique_story_cooperative"
            )
        ]


class InfoPage(ReaderLanguagePageMixin, Page):
    """Fair-trade information: principles, prices, where the money goes, shipping, about us."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("content"), blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["stories.HomePage", "stories.InfoPage"]
    subpage_types = ["stories.InfoPage"]

    class Meta:
        verbose_name = _("information page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = InfoPage.objects.child_of(self).live().public().order_by("path")
        # A page inside a section (e.g. "How prices are set" in "Fair trade") links its siblings.
        parent = self.get_parent()
        context["section_page"] = None
        context["sibling_pages"] = []
        if parent is not None and parent.specific_class is InfoPage:
            context["section_page"] = parent
            context["sibling_pages"] = (
                InfoPage.objects.sibling_of(self, inclusive=False).live().public().order_by("path")
            )
        return context

    @property
    def og_image(self):
        return self.hero_image

