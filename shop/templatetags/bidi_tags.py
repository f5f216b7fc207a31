"""Isolating text of either direction inside a sentence of the other (issue 13, item 4).

`{{ value|isolated }}` gives `<bdi>value</bdi>` (its direction from its own words: a name, a
title); `{{ value|isolated:"ltr" }}` gives `<bdi dir="ltr">` for what always reads left to right
(an order or tracking number, an email address, a price). Usable inside `blocktrans`, whose
message then keeps its msgid: `{% blocktrans with number=order.number|isolated:"ltr" %}`.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def isolated(value, direction: str = ""):
    if value is None or value == "":
        return ""
    if direction in ("ltr", "rtl"):
        return format_html('<bdi dir="{}">{}</bdi>', direction, value)
    return format_html("<bdi>{}</bdi>", value)
