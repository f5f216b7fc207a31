"""Oscar's checkout with Stripe: the preview page takes the card and places the order.

The payment page talks JSON with static/js/checkout.js; the decisions live in
checkout/services.py and every Stripe call in checkout/gateway.py. Whatever fails, the browser
gets JSON it can act on (never a redirect its `fetch()` would swallow, never a bare error): the
order, a refusal saying nothing was taken, or "being confirmed" with the status page to watch.
"""

import logging

from django import forms, http
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import connections
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_model

from checkout import gateway, services
from checkout.forms import GatewayForm
from checkout.models import StripePayment
from customer.services import registration_start

logger = logging.getLogger("checkout.stripe")
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
STRIPE_CUSTOMER_SESSION_KEY = "checkout_stripe_customer"



class ShippingAddressView(oscar_views.ShippingAddressView):
    def post(self, request, *args, **kwargs):
        # Oscar looks the address up with .get(): another customer's or a non-numeric id
        # answered 500. Only her own saved addresses exist here; anything else is a 404.
        if request.user.is_authenticated and "address_id" in request.POST:
            address_id = request.POST["address_id"]
            if not address_id.isascii() or not address_id.isdigit() or len(address_id) > 18:
                raise http.Http404
            get_object_or_404(oscar_views.UserAddress, pk=address_id, user=request.user)
        return super().post(request, *args, **kwargs)


# Re-exported so Oscar's class loader finds every checkout view in this module.
UserAddressUpdateView = oscar_views.UserAddressUpdateView
UserAddressDeleteView = oscar_views.UserAddressDeleteView
ShippingMethodView = oscar_views.ShippingMethodView
ThankYouView = oscar_views.ThankYouView


class IndexView(oscar_views.IndexView):
    """"Who are you?": a new customer who wants an account goes on as a guest with her
    address, and the email that creates her account goes out at once (customer/services.py);
    once she follows it, this order and any other guest order with that address are hers.
    The answer is the same whether or not the address has an account: it is told by email."""

    form_class = GatewayForm

    def form_valid(self, form):
        if not form.is_new_account_checkout():
            return super().form_valid(form)
        email = form.cleaned_data["username"]
        self.checkout_session.set_guest_email(email)
        oscar_views.signals.start_checkout.send_robust(
            sender=self, request=self.request, email=email
        )
        registration_start(email=email, password=None, language=get_language())
        messages.info(self.request, _(
            "We have sent an email to %(email)s: follow its link to create your account. Carry "
            "on with your order meanwhile; once your account exists, the order will be in it."
        ) % {"email": email})
        return redirect("checkout:shipping-address")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # Needed only by returning customers; a required attribute would stop guests in the
        # browser (Oscar's own script that toggled it is not loaded). The server still checks.
        form.fields["password"].widget.use_required_attribute = lambda initial: False
        return form


class PaymentMethodView(oscar_views.PaymentMethodView):
    """Card is the only method: go straight to the preview, which takes the card."""

    def get_success_response(self):
        return redirect("checkout:preview")


def is_fetch(request) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def pending_answer(status: int = 200) -> http.JsonResponse:
    return http.JsonResponse({
        "status": "pending",
        "message": _("Your order is being confirmed. This can take a minute; please do not "
                     "pay again."),
        "redirect": reverse("checkout:payment-status"),
    }, status=status)


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    def dispatch(self, request, *args, **kwargs):
        if not (request.method == "POST" and is_fetch(request)):
            return super().dispatch(request, *args, **kwargs)
        try:
            response = super().dispatch(request, *args, **kwargs)
        except Exception:
            # The database or anything else failed mid-payment: the payment may exist, so the
            # truth is "being confirmed"; the status page settles it from Stripe's state.
            logger.exception("Payment request failed")
            for database in connections.all(initialized_only=True):
                database.close_if_unusable_or_obsolete()  # the session is saved next
            return pending_answer(status=503)
        if response.status_code in (301, 302) and not isinstance(response, http.JsonResponse):
            # A refused pre-condition (sold out, session expired): its message stays queued for
            # the page the browser goes to, instead of being used up by fetch() following it.
            return http.JsonResponse({"status": "redirect", "redirect": response.url})
        return response

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def get_pre_conditions(self, request):
        if request.method == "POST" and (
            request.POST.get("payment_intent") or self._submitted_payment(request) is not None
        ):
            # The basket is already frozen for a payment (back from 3-D Secure, or a second
            # click): the payment is checked against the submitted basket instead.
            return []
        return super().get_pre_conditions(request)

    def _submitted_payment(self, request):
        basket_id = self.checkout_session.get_submitted_basket_id()
        if not basket_id:
            return None
        return StripePayment.objects.filter(
            basket_id=basket_id, status__in=services.UNDER_WAY
        ).first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.preview:
            return context
        submission = self.build_submission()
        total = submission["order_total"]
        if total is not None:
            context["basket_fingerprint"] = services.basket_fingerprint(
                submission["basket"],
                shipping_method_code=submission["shipping_method"].code,
                total_incl_tax=total.incl_tax,
            )
        context["stripe_js_url"] = gateway.stripe_js_url()
        context["stripe_publishable_key"] = gateway.publishable_key()
        try:
            context["setup_client_secret"] = self._card_setup()
        except gateway.GatewayError as error:
            context["stripe_unavailable"] = str(error)
        return context

    def _card_setup(self) -> str:
        """A new card form's secret, for the checkout's Stripe customer (made once per session
        and remembered for the payment)."""
        setup = gateway.card_setup_create(
            customer_id=self.request.session.get(STRIPE_CUSTOMER_SESSION_KEY, "")
        )
        self.request.session[STRIPE_CUSTOMER_SESSION_KEY] = setup.customer_id
        return setup.client_secret

    # Paying (JSON, from checkout.js)
    # -------------------------------

    def handle_place_order_submission(self, request):
        intent_id = request.POST.get("payment_intent", "")
        try:
            if intent_id:
                outcome = self._payment_resume(intent_id)
            else:
                outcome = self._payment_start(request)
        except services.PaymentRefused as refusal:
            self.restore_frozen_basket()
            answer = {"status": "error", "message": str(refusal)}
            try:
                answer["setup_client_secret"] = self._card_setup()
            except gateway.GatewayError:
                pass  # the message already says to try again later
            return http.JsonResponse(answer, status=400)
        if outcome.pending:
            return pending_answer()
        if outcome.needs_action:
            return http.JsonResponse(
                {
                    "status": "requires_action",
                    "client_secret": outcome.client_secret,
                    "payment_intent": outcome.payment.payment_intent_id,
                }
            )
        response = self.handle_successful_order(outcome.order)
        return http.JsonResponse({"status": "succeeded", "redirect": response.url})

    def _payment_start(self, request):
        live = self._submitted_payment(request)
        if live is not None:
            if live.basket_fingerprint == request.POST.get("basket_fingerprint"):
                # A second click while the first is under way: same attempt, same intent.
                return services.payment_outcome_current(live)
            # She left a payment half-done (3-D Secure) and came back with another basket:
            # that payment is cancelled and both baskets are merged for her to check.
            services.payment_release(live, reason="the customer started again")
            self.restore_frozen_basket()
            raise services.PaymentRefused(
                _(
                    "Your earlier payment was not finished and has been cancelled; nothing "
                    "was taken. Your basket changed since then: please check it and pay again."
                )
            )
        submission = self.build_submission()
        basket = submission["basket"]
        if submission["order_total"] is None:
            raise services.PaymentRefused(_("Please choose a shipping method first."))
        order_number = str(self.generate_order_number(basket))
        self.checkout_session.set_order_number(order_number)
        # Frozen by payment_start, in the transaction that records the attempt. The session
        # is saved now, not at the end: if this worker dies while Stripe is called, her next
        # visit still knows which basket to thaw or which order to show.
        self.checkout_session.set_submitted_basket(basket)
        request.session.save()
        return services.payment_start(
            basket=basket,
            user=request.user,
            guest_email=self.checkout_session.get_guest_email() or "",
            language=get_language() or "en",
            shipping_address=submission["shipping_address"],
            shipping_method=submission["shipping_method"],
            order_number=order_number,
            payment_method_id=request.POST.get("payment_method", ""),
            customer_id=request.session.get(STRIPE_CUSTOMER_SESSION_KEY, ""),
            agreed_fingerprint=request.POST.get("basket_fingerprint", ""),
        )

    def _payment_resume(self, intent_id):
        basket_id = self.checkout_session.get_submitted_basket_id()
        if not basket_id:
            raise services.PaymentRefused(
                _("Your checkout session has expired. Nothing was taken; please start again.")
            )
        return services.payment_resume(basket_id=basket_id, intent_id=intent_id)

    def restore_frozen_basket(self):
        super().restore_frozen_basket()
        # When Oscar merges a newer basket into the restored one, a guest's basket cookie
        # still names the newer (now merged, closed) basket: have the middleware re-point it.
        if not self.request.user.is_authenticated and hasattr(self.request, "cookies_to_delete"):
            self.request.cookies_to_delete.append(settings.OSCAR_BASKET_COOKIE_OPEN)

    def send_order_placed_email(self, order):
        """Sent by services.order_place_for_payment, whoever placed the order."""


@csrf_exempt
def stripe_webhook(request):
    """Stripe's signed events. Only the signature and its timestamp are trusted."""
    if request.method != "POST":
        return http.HttpResponseNotAllowed(["POST"])
    try:
        event = gateway.webhook_event_construct(
            request.body, request.headers.get("Stripe-Signature", "")
        )
    except ValueError as error:
        logger.warning("Stripe webhook refused: %s", error)
        return http.HttpResponseBadRequest("invalid signature")
    try:
        outcome = services.webhook_event_handle(event)
    except ValueError as error:  # signed, but not an event we can use: Stripe need not retry
        logger.warning("Stripe webhook malformed: %s", error)
        return http.JsonResponse({"received": False, "error": str(error)}, status=400)
    except services.WebhookUnhandled as error:  # Stripe unreachable: Stripe retries later
        logger.warning("Stripe webhook not handled yet: %s", error)
        return http.JsonResponse({"received": False, "error": "retry"}, status=503)
    return http.JsonResponse({"received": True, "outcome": outcome})


class PaymentStatusView(View):
    """"Your order is being confirmed": where the browser goes when a payment's outcome is not
    known yet. It refreshes itself (and answers JSON to checkout.js) until the payment is an
    order (the thank-you page) or is over (the basket, saying nothing was taken)."""

    template_name = "oscar/checkout/payment_status.html"
    refresh_seconds = 3

    def get(self, request):
        payment = payment_of_session(request)
        if payment is None:
            return self._answer(request, "none", reverse("basket:summary"))
        if payment.order_id is None and payment.status in services.UNDER_WAY + [
            StripePayment.Status.RELEASING
        ] and (timezone.now() - payment.updated).total_seconds() > self.refresh_seconds:
            try:
                services.payment_outcome_current(payment)
            except services.PaymentRefused:
                pass
            payment.refresh_from_db()
        if payment.order_id:
            request.session["checkout_order_id"] = payment.order_id
            return self._answer(request, "succeeded", reverse("checkout:thank-you"))
        if payment.status == StripePayment.Status.NEEDS_ACTION:
            return self._answer(request, "requires_action", reverse("checkout:preview"))
        if payment.status not in services.UNDER_WAY:
            # Over, and Stripe said so: nothing was taken (or it is being given back).
            services.basket_thaw_if_payments_over(payment.basket_id)
            message = payment.failure_message or _("No payment was taken.")
            if not is_fetch(request):
                messages.error(request, message)
            return self._answer(request, "error", reverse("basket:summary"), message=message)
        if is_fetch(request):
            return pending_answer()
        response = render(request, self.template_name, {"refresh_seconds": self.refresh_seconds})
        response["Cache-Control"] = "no-store"
        return response

    def _answer(self, request, status: str, url: str, *, message: str = ""):
        if is_fetch(request):
            return http.JsonResponse({"status": status, "redirect": url, "message": message})
        return redirect(url)


def payment_of_session(request) -> StripePayment | None:
    """The latest payment for the basket this session submitted to checkout."""
    basket_id = (request.session.get("checkout_data") or {}).get("submission", {}).get(
        "basket_id")
    if not basket_id:
        return None
    return StripePayment.objects.filter(basket_id=basket_id).order_by(
        F("order_id").desc(nulls_last=True), "-pk").first()


@method_decorator(permission_required("order.change_order", raise_exception=True), name="dispatch")
class OrderRefundView(View):
    """Staff refund the whole order or some of its lines (linked from the dashboard order)."""

    template_name = "oscar/checkout/refund.html"

    def get(self, request, number):
        order = get_object_or_404(Order, number=number)
        return render(request, self.template_name, self._context(order))

    def post(self, request, number):
        order = get_object_or_404(Order, number=number)
        restock = request.POST.get("restock") == "on"
        quantities = None
        if request.POST.get("scope") != "all":
            quantities = {}
            for line in order.lines.all():
                try:
                    quantity = int(request.POST.get(f"line_{line.pk}", "0") or 0)
                except ValueError:
                    quantity = -1
                if quantity:
                    quantities[line] = quantity
            if not quantities:
                messages.error(request, _("Choose what to refund."))
                return render(request, self.template_name, self._context(order), status=400)
        try:
            services.order_refund(order=order, quantities=quantities, restock=restock)
        except (services.PaymentRefused, gateway.GatewayError) as error:
            messages.error(request, str(error))
            return render(request, self.template_name, self._context(order), status=400)
        messages.success(request, _("Refund made; the customer has been emailed."))
        return redirect("dashboard:order-detail", number=order.number)

    def _context(self, order):
        refunded = services.refunded_quantities(order)
        lines = [(line, line.quantity - refunded.get(line.pk, 0)) for line in order.lines.all()]
        return {"order": order, "lines": lines, "refunded": services.refunded_amount(order)}



class OrderTrackView(View):
    """Guests find their order by its number and the email they gave."""

    template_name = "oscar/checkout/track_order.html"

    def get(self, request):
        return render(request, self.template_name, {"form": OrderTrackForm()})

    def post(self, request):
        form = OrderTrackForm(request.POST)
        if form.is_valid():
            order = Order.objects.filter(
                number=form.cleaned_data["number"].strip(),
                guest_email__iexact=form.cleaned_data["email"].strip(),
            ).first()
            if order is not None:
                # What Oscar's own order-status form remembers once the email is proven.
                request.session["anon_order_email"] = order.guest_email
                return redirect(
                    "customer:anon-order",
                    order_number=order.number,
                    hash=order.verification_hash(),
                )
            # The same answer whether the number or the email is wrong.
            form.add_error(None, _("We found no order with that number and email address."))
        return render(request, self.template_name, {"form": form}, status=400)


class OrderTrackForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Order number"), max_length=128)
    email = forms.EmailField(label=gettext_lazy("Email address you ordered with"))
