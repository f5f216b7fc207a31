"""The messages of the Oscar templates a customer sees, read the way `makemessages` reads them."""

import ast
import io
import re
import tokenize
from functools import cache
from pathlib import Path

import oscar
from django.utils.translation.template import templatize

OSCAR_TEMPLATES = Path(oscar.__file__).parent / "templates"
# What a customer meets: account, basket, checkout, catalogue, order status, sign-in, emails.
# Wish lists are switched off (OSCAR_HIDDEN_FEATURES); the dashboard is for staff (English).
CUSTOMER_FOLDERS = [
    "oscar/customer",
    "oscar/checkout",
    "oscar/basket",
    "oscar/catalogue",
    "oscar/partials",
    "oscar/registration",
    "oscar/communication",
    "oscar/offer",
    "oscar/search",
]
LEFT_OUT = ["oscar/customer/wishlists", "oscar/catalogue/partials/add_to_wishlist.html"]

_CALL = re.compile(r"\b(gettext|pgettext|ngettext|npgettext)\(")


def _arguments(code: str, start: int) -> list[str]:
    """The string literals of the call that opens at `start`, up to its closing parenthesis."""
    strings, depth = [], 1
    for token in tokenize.generate_tokens(io.StringIO(code[start:]).readline):
        if token.type == tokenize.OP and token.string == "(":
            depth += 1
        elif token.type == tokenize.OP and token.string == ")":
            depth -= 1
            if depth == 0:
                break
        elif token.type == tokenize.STRING and depth == 1:
            strings.append(ast.literal_eval(token.string))
    return strings


def template_messages(source: str) -> set[tuple[str | None, str, str | None]]:
    """(context, message, plural message) of one template, as makemessages would list them."""
    code = templatize(source)
    found = set()
    for match in _CALL.finditer(code):
        function, strings = match.group(1), _arguments(code, match.end())
        context = strings.pop(0) if function.startswith(("p", "np")) else None
        plural = strings[1] if function.startswith(("n", "np")) else None
        if strings[0].strip():
            found.add((context, strings[0], plural))
    return found


def translated(key: tuple[str | None, str, str | None], count: int = 1) -> str:
    """The active language's text for a (context, message, plural) key."""
    from django.utils import translation

    context, message, plural = key
    if plural is not None:
        if context is not None:
            return translation.npgettext(context, message, plural, count)
        return translation.ngettext(message, plural, count)
    if context is not None:
        return translation.pgettext(context, message)
    return translation.gettext(message)


@cache
def customer_messages() -> dict[tuple[str | None, str, str | None], list[str]]:
    """Every message of the customer's Oscar templates, with the templates that hold it."""
    messages: dict[tuple[str | None, str, str | None], list[str]] = {}
    for folder in CUSTOMER_FOLDERS:
        for path in sorted((OSCAR_TEMPLATES / folder).rglob("*")):
            name = str(path.relative_to(OSCAR_TEMPLATES))
            if not path.is_file() or any(name.startswith(out) for out in LEFT_OUT):
                continue
            for key in template_messages(path.read_text(encoding="utf-8")):
                messages.setdefault(key, []).append(name)
    return messages
