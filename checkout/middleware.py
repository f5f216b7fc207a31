"""No customer is left looking at an empty basket because of a payment.

Runs after Oscar's BasketMiddleware, and only for sessions that went to checkout:

- the basket this session submitted became an order (placed by this request's lost answer, a
  webhook or reconciliation): on the basket and checkout pages, while her basket is empty, she
  is sent to that order's thank-you page (JSON for checkout.js), on any retry, reload or
  back-button;
- its payments are all over (failed, cancelled, given back, or never created): the basket is
  thawed, merged with anything she added since, and is hers again, on whatever page she visits;
- its payment is still being decided: the basket and checkout pages send her to the "being
  confirmed" page, which refreshes itself to the result.
"""

import logging
from datetime import timedelta

from django import http
from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from oscar.core.loading import get_model

from checkout import services
from checkout.models import StripePayment

logger = logging.getLogger("checkout.stripe")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

PAYMENT_PAGES = {"basket", "checkout"}
NOT_INTERCEPTED = {"thank-you", "payment-status"}
# How long after an order her empty basket page still means "where is my order?".
RECENT_ORDER = timedelta(hours=1)


class PaymentBasketMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            answer = self.intercept(request)
        except DatabaseError:
            logger.exception("Could not check the basket's payment")
            answer = None
        return answer if answer is not None else self.get_response(request)

    def intercept(self, request):
        session = getattr(request, "session", None)
        if session is None or not hasattr(request, "basket"):
            return None
        basket_id = ((session.get("checkout_data") or {}).get("submission") or {}).get(
            "basket_id")
        order_id = session.get("checkout_order_id")
        if not basket_id and not order_id:
            return None
        if basket_id:
            order_id = self.settle_submitted_basket(request, basket_id) or order_id
        # A GET of the basket or checkout, or a checkout POST (a retried "Pay"), means "where is
        # my order?"; a POST to the basket (adding a piece) is her next basket, not a retry.
        if (order_id and self.on_payment_page(request) and request.basket.is_empty
                and (request.method == "GET" or self.in_checkout(request))):
            order = Order.objects.filter(pk=order_id).only("pk", "date_placed").first()
            if order and order.date_placed > timezone.now() - RECENT_ORDER:
                session["checkout_order_id"] = order.pk
                return self.answer(request, "succeeded", reverse("checkout:thank-you"))
        if basket_id and self.on_payment_page(request) and request.method == "GET":
            payment = StripePayment.objects.filter(
                basket_id=basket_id, status__in=[StripePayment.Status.STARTED,
                                                 StripePayment.Status.AUTHORISED]
            ).first()
            if payment is not None and request.basket.is_empty:
                return self.answer(request, "pending", reverse("checkout:payment-status"))
        return None

    def settle_submitted_basket(self, request, basket_id: int) -> int | None:
        """The order of the submitted basket, if any; thaws it when its payments are over."""
        status = Basket.objects.filter(pk=basket_id).values_list("status", flat=True).first()
        if status not in (Basket.FROZEN, Basket.SUBMITTED):
            return None
        payments = list(StripePayment.objects.filter(basket_id=basket_id).order_by("-pk"))
        placed = next((p for p in payments if p.order_id), None)
        if placed is not None:
            return placed.order_id
        if status != Basket.FROZEN:
            return None
        live = next((p for p in payments if p.status in services.LIVE), None)
        if (live is not None and live.status == StripePayment.Status.STARTED
                and not live.payment_intent_id
                and timezone.now() - live.created > services.intent_creation_window()):
            # Its creation was cut short (a worker killed mid-call): ask Stripe and decide.
            try:
                outcome = services.payment_outcome_current(live)
            except services.PaymentRefused:
                outcome = None
            if outcome is not None and outcome.order:
                return outcome.order.pk
            live = StripePayment.objects.filter(basket_id=basket_id,
                                                status__in=services.LIVE).first()
        if live is None:
            self.thaw(request, basket_id)
        return None

    def thaw(self, request, basket_id: int) -> None:
        frozen = Basket.objects.filter(pk=basket_id, status=Basket.FROZEN).first()
        if frozen is None:
            return
        frozen.thaw()
        current = request.basket
        if current.id and current.id != frozen.id:
            frozen.merge(current)
        frozen.strategy = current.strategy
        request.basket = frozen
        if not request.user.is_authenticated and hasattr(request, "cookies_to_delete"):
            # Re-point the guest's basket cookie at the thawed basket.
            request.cookies_to_delete.append(settings.OSCAR_BASKET_COOKIE_OPEN)
        logger.info("Basket %s thawed: its payments are over", basket_id)

    @staticmethod
    def on_payment_page(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return (bool(PAYMENT_PAGES & set(match.namespaces))
                and match.url_name not in NOT_INTERCEPTED)

    @staticmethod
    def in_checkout(request) -> bool:
        try:
            return "checkout" in resolve(request.path_info).namespaces
        except Resolver404:
            return False

    @staticmethod
    def answer(request, status: str, url: str):
        if request.headers.get("X-Requested-With") == "XMLHttpRequest":
            return http.JsonResponse({"status": status, "redirect": url})
        return redirect(url)
