from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StripePayment(models.Model):
    """One attempt to pay for one frozen basket: one PaymentIntent, at most one order.

    It holds everything needed to place the order without the customer's session, so a
    webhook or `reconcile_payments` can finish what a closed browser tab left undone.
    """

    class Status(models.TextChoices):
        STARTED = "started", _("Started")
        NEEDS_ACTION = "needs_action", _("Waiting for the customer (3-D Secure)")
        AUTHORISED = "authorised", _("Authorised")
        PLACED = "placed", _("Order placed and payment captured")
        # The order is placed; Stripe's answer to the capture was lost or refused for now.
        # Reconciliation captures it (captures are idempotent).
        CAPTURE_PENDING = "capture_pending", _("Order placed, payment being captured")
        FAILED = "failed", _("Failed")
        # Decided: no order; the authorisation is being cancelled or the money refunded.
        # Whoever comes next (browser, webhook, reconciliation) finishes the release.
        RELEASING = "releasing", _("Being given back")
        CANCELLED = "cancelled", _("Cancelled, nothing taken")
        REFUNDED = "refunded", _("Refunded")

    basket = models.ForeignKey(
        "basket.Basket", on_delete=models.SET_NULL, null=True, related_name="stripe_payments"
    )
    # What the customer agreed to pay for: lines, quantities, prices, vouchers, shipping, total.
    basket_fingerprint = models.CharField(max_length=64)
    order_number = models.CharField(max_length=128, db_index=True)
    payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    amount = models.PositiveIntegerField(help_text=_("In the currency's smallest unit."))
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.STARTED)
    failure_message = models.TextField(blank=True)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    guest_email = models.EmailField(blank=True)
    language = models.CharField(max_length=10, default="en")
    shipping_address = models.JSONField(default=dict)
    shipping_method_code = models.CharField(max_length=128)

    order = models.OneToOneField(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stripe_payment",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # A double click or a refresh finds the attempt under way instead of starting
            # another; a declined or cancelled attempt leaves room for the next one.
            models.UniqueConstraint(
                fields=["basket"],
                condition=models.Q(
                    status__in=["started", "needs_action", "authorised", "placed",
                                "capture_pending"]
                ),
                name="one_live_payment_per_basket",
            )
        ]
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.order_number} {self.payment_intent_id or '-'} {self.status}"


class StripeWebhookEvent(models.Model):
    """Each Stripe event is handled once: its id is unique here."""

    event_id = models.CharField(max_length=255, unique=True)
    event_type = models.CharField(max_length=100)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    received = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"


from oscar.apps.checkout.models import *  # noqa: E402, F403
