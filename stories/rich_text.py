"""Rich text as the pages render it: Wagtail's expansion of its stored HTML, then its whitelister.

Text that comes through the admin is already reduced to the editor's features (the Draftail
converter drops scripts, event-handler attributes and `javascript:` links, pasted or posted).
Text written by code (an import, a data migration, the demo loader) skips that converter, so the
pages clean it again on the way out: only plain elements, `href`s with safe schemes.
"""

from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText, expand_db_html
from wagtail.whitelist import Whitelister

_whitelister = Whitelister()


def render_rich_text(value) -> str:
    source = value.source if isinstance(value, RichText) else str(value or "")
    return mark_safe(_whitelister.clean(expand_db_html(source)))  # noqa: S308 (cleaned above)
