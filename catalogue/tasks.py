"""Background work of the catalogue: the search index and facet keys after an edit.

An edit in Oscar's dashboard, the workspace or Wagtail enqueues `product_index_update` with the
ids of the products it touched (catalogue.search's signals); the worker rewrites their search
text, full-text index and facet keys. Idempotent: each run replaces the rows of its products, so
a retried or doubled task leaves the same index. Tests run it where it is enqueued.
"""

from django_tasks import task


@task()
def product_index_update(product_ids: list[int]) -> int:
    from catalogue.search import Product, search_texts_rebuild

    return search_texts_rebuild(Product.objects.filter(pk__in=product_ids))
