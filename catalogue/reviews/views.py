"""Oscar's review views, limited to verified buyers (found by Oscar's class loading).

Writing a review needs an account and a delivered line of the piece (`selectors.review_refusal`);
anyone else gets a message saying why and nothing is saved. A review page shows only an
approved review of that product: Oscar's own would show one awaiting moderation to anyone
who guesses its number. Importing this module (Oscar's reviews app does, when it is ready) also
connects the invitation sent on delivery.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView
from oscar.apps.catalogue.reviews import views as oscar_views
from oscar.apps.catalogue.reviews.views import AddVoteView, ProductReviewList  # noqa: F401

from catalogue.reviews import invitations  # noqa: F401 (connects the delivery signal)
from catalogue.reviews.selectors import review_refusal


class CreateProductReview(oscar_views.CreateProductReview):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.product = get_object_or_404(
            self.product_model, pk=kwargs["product_pk"], is_public=True
        )
        refusal = review_refusal(user=request.user, product=self.product)
        if refusal:
            messages.warning(request, refusal)
            return redirect(self.product.get_absolute_url())
        # Oscar's own check (any signed-in user may review) is replaced by the one above.
        return CreateView.dispatch(self, request, *args, **kwargs)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            # The same review sent twice at once: the first one is kept.
            messages.warning(self.request, _("You have already reviewed this piece. Thank you!"))
            return redirect(self.product.get_absolute_url())

    def get_success_url(self):
        messages.success(
            self.request,
            _("Thank you for your review. It will appear on the piece’s page once we have "
              "read it."),
        )
        return self.product.get_absolute_url()


class ProductReviewDetail(oscar_views.ProductReviewDetail):
    def get_queryset(self):
        return super().get_queryset().approved().filter(product_id=self.kwargs["product_pk"])
