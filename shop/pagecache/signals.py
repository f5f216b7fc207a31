"""What makes cached pages stale: any saved or deleted row of the shop's content.

Rather than a list of which page shows which model (the home page shows products, stories,
makers, impact figures…), every write to a content app bumps the generation. Translations need
nothing of their own: django-modeltranslation keeps them in the same rows, and wagtail-localize
publishes the translated pages. Writes that cannot change a page (Wagtail's logs, revisions
saved as drafts, workflow states, image renditions, search text) are left out, so that saving
a draft does not empty the cache.

The bump happens at once and again once the transaction commits: the second one covers a
request that rendered between the first and the commit and so stored the old content under
the new generation.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from wagtail import hooks
from wagtail.signals import page_published, page_unpublished, post_page_move

from shop.pagecache.generation import generation_bump

CONTENT_APPS = frozenset({
    "catalogue", "partner", "offer", "reviews", "shipping", "cooperatives", "stories",
    "earnings", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit", "flatpages", "sites",
})
NOT_CONTENT = frozenset({
    ("catalogue", "productsearchtext"),
    ("partner", "stockalert"),
    ("earnings", "payoutaccount"),
    ("wagtailcore", "revision"),
    ("wagtailcore", "pagelogentry"),
    ("wagtailcore", "modellogentry"),
    ("wagtailcore", "workflowstate"),
    ("wagtailcore", "taskstate"),
    ("wagtailcore", "pagesubscription"),
    ("wagtailcore", "referenceindex"),
    ("wagtailcore", "comment"),
    ("wagtailcore", "commentreply"),
    ("wagtailimages", "rendition"),
    ("wagtailimages", "uploadedimage"),
})


def is_content(model) -> bool:
    meta = model._meta
    return meta.app_label in CONTENT_APPS and (meta.app_label, meta.model_name) not in NOT_CONTENT


def content_changed() -> None:
    generation_bump()
    transaction.on_commit(generation_bump)


def _row_changed(sender, **kwargs):
    if is_content(sender):
        content_changed()


def _page_changed(sender=None, **kwargs):
    content_changed()


def _migrated(sender, **kwargs):
    # Every deployment migrates: new templates, code or translations make every page stale.
    generation_bump()


def page_remember(page, request, serve_args, serve_kwargs):
    """Wagtail's before_serve_page hook: the store half checks the page served is public."""
    request.page_cache_page = page


def connect() -> None:
    """Called once, from the shop app's ready()."""
    post_save.connect(_row_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_row_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_row_changed, dispatch_uid="pagecache-m2m")
    # A move rewrites paths with queryset updates (no post_save); publishing and unpublishing
    # save the page anyway, named here so the intent reads plainly.
    post_page_move.connect(_page_changed, dispatch_uid="pagecache-page-move")
    page_published.connect(_page_changed, dispatch_uid="pagecache-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="pagecache-page-unpublished")
    post_migrate.connect(_migrated, dispatch_uid="pagecache-migrate")
    hooks.register("before_serve_page", page_remember)
    _recently_viewed_off()


def _recently_viewed_off() -> None:
    """Oscar sets a "recently viewed" cookie on every product page; the shop shows no such
    list (its product template does not), and a page that sets a cookie is never shared. So
    product pages stay cacheable and no cookie nobody reads is sent."""
    from oscar.apps.catalogue.signals import product_viewed
    from oscar.apps.customer.receivers import receive_product_view

    product_viewed.disconnect(receive_product_view)
