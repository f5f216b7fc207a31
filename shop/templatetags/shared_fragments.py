"""`{% shared_fragment "name" [vary…] %}…{% end_shared_fragment %}`: a part of the page that is
the same for every visitor, kept in the cache for those the page cache cannot serve (see
shop/pagecache/fragments.py for where it applies, its keys and what it may hold)."""

from django import template
from django.utils.safestring import mark_safe

from shop.pagecache.fragments import fragment_fill, fragment_get, fragment_key, fragment_set

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context):
        request = context.get("request")
        key = fragment_key(
            request,
            str(self.name.resolve(context)),
            tuple(value.resolve(context) for value in self.vary),
        )
        if key is None:
            return self.nodelist.render(context)
        stored = fragment_get(key)
        if stored is not None:
            return mark_safe(fragment_fill(stored, request))  # noqa: S308 (our own render)
        rendered = self.nodelist.render(context)
        fragment_set(key, rendered, request)
        return rendered


@register.tag("shared_fragment")
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name, then any vary values")
    nodelist = parser.parse(("end_shared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
