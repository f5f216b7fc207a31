"""Cooperatives and makers are managed as Wagtail snippets.

Why Wagtail and not Oscar's dashboard: portraits and photos are Wagtail images (renditions,
focal points, the image chooser), stories pick makers and cooperatives with the snippet chooser,
and editors already work here. Makers' private details sit on their own tab that only users with
`cooperatives.view_private_maker_data` (shop staff) are given: for anyone else the fields are
not in the form at all.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cooperatives.models import Cooperative, Maker
from cooperatives.services import maker_remove

PRIVATE = "cooperatives.view_private_maker_data"
LANGUAGE_CODES = ("en", "tr", "ar")


def per_language(name: str) -> list[FieldPanel]:
    """One panel per language for a translated field (cooperatives/translation.py): editors
    see every version side by side, and the plain field would write into the admin's language."""
    return [FieldPanel(f"{name}_{language}") for language in LANGUAGE_CODES]


class CooperativeViewSet(SnippetViewSet):
    model = Cooperative
    icon = "group"
    menu_label = _("Cooperatives")
    list_display = ["name", "region", "country", "member_count", "fair_trade_status"]
    list_filter = ["country", "fair_trade_status"]
    search_fields = ["name", "region", "country"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("partner"),
                    MultiFieldPanel(
                        [FieldPanel("region"), FieldPanel("country")], heading=_("Where")
                    ),
                    FieldPanel("founded_year"),
                    FieldPanel("member_count"),
                    FieldPanel("languages"),
                    FieldPanel("original_language"),
                    MultiFieldPanel(per_language("summary"), heading=_("Short description")),
                    MultiFieldPanel(per_language("description"), heading=_("Story")),
                    FieldPanel("photo"),
                ],
                heading=_("Public"),
            ),
            ObjectList(
                [FieldPanel("fair_trade_status"), FieldPanel("fair_trade_expires")],
                heading=_("Fair trade"),
            ),
            ObjectList(
                [
                    FieldPanel("contact_name", permission=PRIVATE),
                    FieldPanel("contact_email", permission=PRIVATE),
                    FieldPanel("contact_phone", permission=PRIVATE),
                ],
                heading=_("Contact (staff only)"),
            ),
        ]
    )


class MakerViewSet(SnippetViewSet):
    model = Maker
    icon = "user"
    menu_label = _("Makers")
    list_display = ["display_name", "cooperative", "crafts", "consent_show_photo", "is_archived"]
    list_filter = ["cooperative", "is_archived", "consent_show_photo", "consent_show_story"]
    search_fields = ["display_name", "crafts"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("display_name"),
                    FieldPanel("slug"),
                    FieldPanel("cooperative"),
                    FieldPanel("first_name"),
                    MultiFieldPanel(per_language("crafts"), heading=_("Crafts")),
                    FieldPanel("years_of_practice"),
                    FieldPanel("languages"),
                    FieldPanel("original_language"),
                    MultiFieldPanel(per_language("story"), heading=_("Her words")),
                    FieldPanel("portrait"),
                    FieldPanel("user"),
                    FieldPanel("is_archived"),
                ],
                heading=_("Public profile"),
            ),
            ObjectList(
                [
                    FieldPanel("consent_show_photo"),
                    FieldPanel("consent_show_story"),
                    FieldPanel("consent_show_first_name"),
                ],
                heading=_("Consent"),
            ),
            ObjectList(
                [
                    FieldPanel("legal_name", permission=PRIVATE),
                    FieldPanel("phone", permission=PRIVATE),
                    FieldPanel("nationality", permission=PRIVATE),
                    FieldPanel("address", permission=PRIVATE),
                ],
                heading=_("Private (staff only)"),
            ),
        ]
    )


class ProvenanceGroup(SnippetViewSetGroup):
    items = (CooperativeViewSet, MakerViewSet)
    menu_icon = "group"
    menu_label = _("Makers")
    menu_name = "makers"



register_snippet(ProvenanceGroup)


@hooks.register("before_delete_snippet")
def archive_makers_with_history(request, instances):
    """Deleting a maker who has products or sales archives her instead, with a message."""
    if not instances or not isinstance(instances[0], Maker):
        return None
    if request.method != "POST":
        return None
    outcomes = [(maker, maker_remove(maker=maker)) for maker in instances]
    for maker, outcome in outcomes:
        if outcome == "archived":
            messages.warning(
                request,
                _(
                    "%(maker)s has products or sales, so she was archived instead of deleted: "
                    "her products are off sale and her sold items keep her name."
                )
                % {"maker": maker.display_name},
            )
        else:
            messages.success(request, _("%(maker)s was deleted.") % {"maker": maker.display_name})
    return redirect(Maker.snippet_viewset.get_url_name("list"))
