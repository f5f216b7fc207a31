"""What customers say about her pieces: the approved reviews, read-only, in the workspace.

Scoped like every workspace read (`workspace/selectors.py`): a member sees the reviews of the
pieces she made, a coordinator those of her cooperative's pieces. Reviews are written by buyers
and moderated by shop staff (catalogue/reviews/); nobody answers or changes them here.
"""

from django.db.models import QuerySet
from oscar.core.loading import get_model

from shop.content_languages import with_translations
from workspace.selectors import Workspace
from workspace.views import render_workspace, workspace_required

ProductReview = get_model("reviews", "ProductReview")

REVIEWS_SHOWN = 100


def reviews_of_my_pieces(workspace: Workspace) -> QuerySet:
    """Approved reviews of her pieces (a member) or of her cooperative's (a coordinator)."""
    queryset = ProductReview.objects.approved().filter(
        product__maker__cooperative=workspace.cooperative
    )
    if not workspace.is_coordinator:
        queryset = queryset.filter(product__maker=workspace.maker)
    return (
        queryset.select_related("product", "product__maker", "user")
        .only(
            "pk", "title", "body", "score", "date_created", *with_translations("product__title"),
            "product__maker__display_name", "user__first_name",
        )
        .order_by("-date_created", "-pk")
    )


@workspace_required
def reviews_page(request):
    return render_workspace(
        request,
        "workspace/reviews.html",
        {"reviews": reviews_of_my_pieces(request.workspace)[:REVIEWS_SHOWN]},
    )
