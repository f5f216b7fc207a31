"""Oscar's own messages that its Turkish or Arabic catalogue leaves in English (or gets wrong).

Marking them here puts them in our catalogue (locale/), which Django reads before Oscar's.
Nothing imports this module; `makemessages` reads it.
"""

from django.utils.translation import gettext_noop

OSCAR_MESSAGES = [
    gettext_noop("In stock (%d available)"),
    gettext_noop("In stock"),
    gettext_noop("Unavailable"),
    gettext_noop("Add to basket"),
    gettext_noop("I've forgotten my password"),
    gettext_noop("Who are you?"),
]
