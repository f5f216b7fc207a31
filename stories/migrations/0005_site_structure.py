"""The two sections the site's header links to: /stories/ (the story index) and /fair-trade/
(the parent of the fair-trade information pages). A site needs them before any story is
written, so they come from a migration; their content comes from editors (or the demo).
Idempotent: nothing is created where a page with that slug already sits under the home page.
"""

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet for Wagtail pages
STEP = 4


def _path_segment(number: int) -> str:
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEP, "0")


def create_sections(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("stories", "HomePage")
    StoryIndexPage = apps.get_model("stories", "StoryIndexPage")
    InfoPage = apps.get_model("stories", "InfoPage")

    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    now = timezone.now()
    sections = [
        (
            StoryIndexPage,
            "storyindexpage",
            {
                "title": "Stories",
                "slug": "stories",
                "intro": "<p>The women behind the goods: how they learned their crafts, how "
                "their cooperatives work, and what goes into each piece.</p>",
            },
        ),
        (
            InfoPage,
            "infopage",
            {
                "title": "Fair trade",
                "slug": "fair-trade",
                "intro": "What fair trade means at Ortak: who sets the prices, where your money "
                "goes, and how your parcel reaches you.",
                "body": "[]",
            },
        ),
    ]
    for model, model_name, fields in sections:
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        if children.filter(slug=fields["slug"]).exists():
            continue
        if model is StoryIndexPage and StoryIndexPage.objects.exists():
            continue
        last = children.order_by("-path").first()
        number = int(last.path[-STEP:], len(ALPHABET)) + 1 if last else 1
        content_type, _ = ContentType.objects.get_or_create(app_label="stories", model=model_name)
        model.objects.create(
            **fields,
            draft_title=fields["title"],
            content_type=content_type,
            path=home.path + _path_segment(number),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{fields['slug']}/",
            locale_id=home.locale_id,
            live=True,
            show_in_menus=True,
            first_published_at=now,
            last_published_at=now,
        )
    Page.objects.filter(pk=home.pk).update(
        numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    )


class Migration(migrations.Migration):
    dependencies = [("stories", "0004_editorial_workflow")]

    operations = [migrations.RunPython(create_sections, migrations.RunPython.noop)]
