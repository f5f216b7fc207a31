"""Oscar's own messages that its Turkish or Arabic catalogue leaves in English (or gets wrong).

Marking them here puts them in our catalogue (locale/), which Django reads before Oscar's.
Nothing imports this module; `makemessages` reads it.
"""

from django.utils.translation import gettext_noop, ngettext, pgettext_lazy

OSCAR_MESSAGES = [
    gettext_noop("In stock (%d available)"),
    gettext_noop("In stock"),
    gettext_noop("Unavailable"),
    gettext_noop("Add to basket"),
    gettext_noop("I've forgotten my password"),
    gettext_noop("Who are you?"),
    # Oscar's customer templates (tests/i18n/oscar_templates.py lists them), verbatim:
    gettext_noop("%(title)s is back in stock"),
    gettext_noop("\n%(title)s is back in stock\n"),
    gettext_noop(
        '\n                <div class="warning">%(message)s to qualify for the <a href="%(url)s">%(offer_name)s</a> special offer</div>\n            '
    ),
    gettext_noop(
        "\n    <strong>%(quantity)s</strong> copies of <strong>%(title)s</strong>\n    have been added to your basket.\n    "
    ),
    gettext_noop("\n    <strong>%(title)s</strong> has been added to your basket.\n    "),
    gettext_noop("\n<strong>%(title)s</strong> has been moved back to your basket.\n"),
    gettext_noop(
        "\n                                Allocation of %(amount)s from type %(type)s\n                            "
    ),
    gettext_noop(
        "\n                                Allocation of %(amount)s from type %(type)s (reference: %(reference)s)\n                            "
    ),
    gettext_noop("An address from your address book?"),
    gettext_noop("Basket total (excl. discounts)"),
    gettext_noop("Basket total (inc. discounts)"),
    gettext_noop(
        "\n                Beware that the amount of items in stock is limited. Be quick or someone might get there first.\n            "
    ),
    gettext_noop("Contact Number"),
    gettext_noop("Edit profile"),
    gettext_noop("Enter the following information you used for this order"),
    gettext_noop("Filter results"),
    gettext_noop(
        "\n                    Found <strong>%(num_results)s</strong> results, showing <strong>%(start)s</strong> to <strong>%(end)s</strong>.\n                "
    ),
    gettext_noop(
        "\nHello,\n\nSomebody (hopefully you) has requested an email alert when\n'%(title)s' is back in stock.  Please click the following link\nto confirm: %(confirm_url)s\n\nYou can cancel this alert at any time by clicking the following link:\n%(cancel_url)s\n\nThanks for your interest,\nThe %(site)s Team\n"
    ),
    gettext_noop(
        "\n        Hello,\n        <p>\n            Somebody (hopefully you) has requested an email alert when '%(title)s' is back in stock.\n            Please click the following link to confirm: %(confirm_url)s\n        </p>\n        <p>\n            You can cancel this alert at any time by clicking the following link: %(cancel_url)s\n        </p>\n\n        <p>\n            Thanks for your interest,\n            The %(site)s Team\n        </p>\n    "
    ),
    gettext_noop(
        "\n        If you don't receive an email, please make sure you've entered the address you registered with, and check\n        your spam folder.\n    "
    ),
    gettext_noop("Important messages about items in your basket"),
    gettext_noop("Leave a product review"),
    gettext_noop("Method"),
    gettext_noop("No orders match your search."),
    gettext_noop("Not available anymore"),
    gettext_noop("Or a new address?"),
    gettext_noop("\n        Order %(number)s: confirmation\n    "),
    gettext_noop("Order history"),
    gettext_noop("Order preview"),
    gettext_noop(
        "\n                        Page %(page_num)s of %(total_pages)s\n                    "
    ),
    gettext_noop("Payment details"),
    gettext_noop("Place order"),
    gettext_noop("Price (excl. tax)"),
    gettext_noop("Price (incl. tax)"),
    gettext_noop('\n        Products matching "%(q)s"\n    '),
    pgettext_lazy("Buy again", "Re-order"),
    pgettext_lazy("Buy again", "Re-order all items"),
    pgettext_lazy("Buy again", "Re-ordering..."),
    gettext_noop("Recommended items"),
    gettext_noop("Refine by"),
    gettext_noop("Reset"),
    gettext_noop("return to basket"),
    gettext_noop(
        "\n                    Reviewed by <strong>%(name)s</strong> on %(review_date)s\n                "
    ),
    gettext_noop("\n                Reviewed by you on %(review_date)s\n                "),
    gettext_noop("See all reviews"),
    gettext_noop("Ship to this address"),
    gettext_noop("Shipping Notes"),
    gettext_noop("Shipping total"),
    gettext_noop("Shipping total (excl. discounts)"),
    gettext_noop("Shipping total (inc. discounts)"),
    gettext_noop("Submit"),
    gettext_noop("Submitting..."),
    gettext_noop("Surcharges"),
    gettext_noop(
        "This page needs implementing within your project.  You may want to use one of Oscar's payment gateway libraries:"
    ),
    gettext_noop("This product does not have any reviews yet"),
    gettext_noop("This review has no votes."),
    gettext_noop("Total inc tax"),
    gettext_noop("\n                        Total: %(total)s\n                    "),
    gettext_noop("UPC"),
    gettext_noop("Variants:"),
    gettext_noop(
        "\n            We are happy to inform you that our product '%(title)s' is back in stock:\n            %(url)s\n        "
    ),
    gettext_noop(
        "\nWe are happy to inform you that our product '%(title)s' is back in stock:\n%(url)s\n"
    ),
    gettext_noop(
        "We are pleased to confirm your order %(order_number)s has been received and\n        will be processed shortly."
    ),
    gettext_noop(
        "\n            With this email we have disabled your alert automatically and you will not\n            receive any further email regarding this product.\n        "
    ),
    gettext_noop(
        "You can view the status of this order at the below URL:\n%(absolute_status_url)s"
    ),
    gettext_noop(
        'You can view the status of this order by clicking <a href="%(absolute_status_url)s" title="order status">here</a>'
    ),
    gettext_noop("You haven't placed any orders."),
    gettext_noop(
        "You're receiving this e-mail because your password has been changed at %(name)s."
    ),
    gettext_noop(
        "You're receiving this email because your email address has been changed to <strong>%(email)s</strong>."
    ),
    gettext_noop("\nYour basket no longer qualifies for the\n<strong>%(name)s</strong> offer.\n"),
    gettext_noop("\nYour basket now qualifies for the \n<strong>%(name)s</strong> offer.\n"),
]


def _plural_messages():  # never called: it only shows makemessages the plural messages
    ngettext(
        "\n                    %(num_reviews)s customer review\n                ",
        "\n                    %(num_reviews)s customer reviews\n                ",
        1,
    )
    ngettext(
        "\n                    <strong>%(num_results)s</strong> result - showing <strong>%(start)s</strong> to <strong>%(end)s</strong>.\n                ",
        "\n                    <strong>%(num_results)s</strong> results - showing <strong>%(start)s</strong> to <strong>%(end)s</strong>.\n                ",
        1,
    )
    ngettext(
        "\n                    <strong>%(num_results)s</strong> result.\n                ",
        "\n                    <strong>%(num_results)s</strong> results.\n                ",
        1,
    )
    ngettext(
        "\n            <strong>%(num_up_votes)s</strong> of %(num_votes)s customer found this useful\n            ",
        "\n            <strong>%(num_up_votes)s</strong> of %(num_votes)s customers found this useful\n            ",
        1,
    )
    ngettext(
        "\n                    Found <strong>%(num_results)s</strong> result.\n                ",
        "\n                    Found <strong>%(num_results)s</strong> results.\n                ",
        1,
    )
