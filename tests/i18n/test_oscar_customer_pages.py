"""Oscar's templates that customers see speak Turkish and Arabic too.

Oscar's own catalogues leave dozens of its customer messages in English ("Order history",
"Re-order all items", "Total inc tax", the thank-you heading "Order …: confirmation"); ours fills
them in (shop/oscar_messages.py). Every message of every customer template of Oscar, read the
way makemessages reads it, must come out translated.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.i18n.oscar_templates import customer_messages, translated

# Words that are the same in the language (checked by a speaker, not assumed).
SAME_IN = {"tr": set(), "ar": set()}


def test_the_customer_templates_were_read():
    """The reader finds what a page shows, so an empty list cannot pass the test below."""
    messages = {message.strip() for _, message, _ in customer_messages()}
    assert {"Order history", "Total inc tax", "Place order"} <= messages
    assert len(messages) > 250


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_every_message_of_oscars_customer_templates_is_translated(language):
    untranslated = []
    with translation.override(language):
        for key, templates in customer_messages().items():
            for count in (1, 5) if key[2] else (1,):
                text = translated(key, count)
                if text in (key[1], key[2]) and key[1] not in SAME_IN[language]:
                    untranslated.append(f"{key[1].strip()[:60]!r} ({templates[0]})")
    assert not untranslated, f"{len(untranslated)} in English:\n" + "\n".join(untranslated)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("tr", ["Sipariş geçmişi", "Toplam (vergi dahil)", "Sonuçları süz"]),
        ("ar", ["سجل الطلبات", "المجموع (شامل الضريبة)", "تصفية النتائج"]),
    ],
)
def test_the_order_history_page_reads_in_the_language(client, language, words):
    from tests.factories import UserFactory, order_place, product_for_sale

    user = UserFactory()
    order_place(product_for_sale(), user=user)
    client.force_login(user)
    with translation.override(language):
        url = reverse("customer:order-list")
    html = client.get(url).content.decode()
    for word in words:
        assert word in html
    for english in ["Order history", "Total inc tax", "Filter results"]:
        assert english not in html
