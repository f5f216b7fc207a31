"""Run by shop/bench.py inside `manage.py shell` on the bench's database: the bench's customers,
the pages to request, and each page's SQL queries counted with Django's test client.

Defines `bench_setup(clients)`; the bench prints its JSON. Never run against a real shop's
database: it sets the bench customers' passwords and one product's stock.
"""

import json  # noqa: F401 (the bench's print uses it)

PASSWORD = "bench-only-password-2026"  # noqa: S105 (shop/bench.py's customers)


def bench_setup(clients: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from oscar.core.loading import get_model

    from catalogue.selectors import sellable_products
    from stories.models import StoryPage

    Category = get_model("catalogue", "Category")
    StockRecord = get_model("partner", "StockRecord")
    User = get_user_model()

    Basket = get_model("basket", "Basket")
    customers = []
    for number in range(1, clients + 1):
        email = f"bench{number}@ortak.example"
        user, _created = User.objects.get_or_create(
            username=f"bench{number}", defaults={"email": email, "first_name": "Bench"}
        )
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        customers.append(email)
    # What an earlier run left in their baskets would be bought by this run's checkout.
    Basket.objects.filter(owner__username__startswith="bench", status=Basket.OPEN).delete()

    products = sellable_products().filter(stockrecords__isnull=False).order_by("pk")
    product = products.first()
    bought = products.exclude(pk=product.pk).first()
    # Enough stock for every purchase the bench makes.
    StockRecord.objects.filter(product=bought).update(num_in_stock=1_000_000, num_allocated=0)
    story = StoryPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    pages = {
        "home": "/en/",
        "catalogue": "/en/shop/catalogue/",
        "category": Category.objects.filter(depth=1).order_by("pk").first().get_absolute_url(),
        "product": product.get_absolute_url(),
        "search": "/en/search/?q=silver",
        "story": story.url if story else "/en/stories/",
        "maker": product.maker.get_absolute_url(),
        "cooperative": product.maker.cooperative.get_absolute_url(),
    }

    def count(client, method, path, **data) -> int:
        getattr(client, method)(path, data, HTTP_X_FORWARDED_PROTO="https")  # warm-up
        with CaptureQueriesContext(connection) as queries:
            getattr(client, method)(path, data, HTTP_X_FORWARDED_PROTO="https")
        return len(queries.captured_queries)

    queries: dict = {}
    signed_in = Client()
    signed_in.force_login(User.objects.get(username="bench1"))
    for who, client in (("anonymous", Client()), ("signed_in", signed_in)):
        for name, path in pages.items():
            queries.setdefault(name, {})[who] = count(client, "get", path)
        queries.setdefault("basket add", {})[who] = count(
            client, "post", f"/en/shop/basket/add/{bought.pk}/", quantity=1
        )
    return {
        "customers": customers,
        "pages": {**pages, "basket add": bought.get_absolute_url(),
                  "checkout": bought.get_absolute_url()},
        "checkout_product": {"pk": bought.pk, "url": bought.get_absolute_url()},
        "static": staticfiles_storage.url("css/ortak.css"),
        "queries": queries,
    }
