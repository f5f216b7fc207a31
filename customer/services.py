"""Confirm-by-email registration: the writes (issue 12).

Registering, from the registration page, the sign-in page or the checkout's "new customer"
option, answers the same whether or not the address has an account: the same page, the same
words, one queued email either way (shop/mail.py). An address with no account gets a link
that creates the account (customer/tokens.py: signed, expiring); an address that has one gets
an email saying someone tried to register with it, with links to sign in and to reset the
password. The password is hashed in both cases, so the time taken says nothing either.
Following the link creates the account, signs her in and attaches the guest orders she placed
with that address (she has just proved the address is hers).
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone, translation
from oscar.apps.customer.forms import generate_username
from oscar.apps.customer.signals import user_registered
from oscar.apps.customer.utils import normalise_email
from oscar.core.loading import get_class, get_model

from customer.models import Registration
from customer.tokens import registration_token

logger = logging.getLogger(__name__)
User = get_user_model()
Order = get_model("order", "Order")
Dispatcher = get_class("communication.utils", "Dispatcher")

CONFIRM_EMAIL = "REGISTRATION_CONFIRM"
EXISTING_EMAIL = "REGISTRATION_EXISTING"


class RegistrationRefused(Exception):
    """The link cannot create an account: used already, or the address has one by now."""


def registration_start(*, email: str, password: str | None, language: str) -> None:
    """Register `email`: a confirmation link if it has no account, a notice if it has one.

    `password` is None from the checkout, where she chooses it on following the link."""
    email = normalise_email(email)
    password_hash = make_password(password)  # also for an existing address: same time taken
    existing = _account_for(email)
    if existing is not None:
        _email_existing_account(existing, language=language)
        return
    registration = Registration.objects.create(
        email=email, password=password_hash, language=language
    )
    _email_confirmation(registration)


def registration_resend(*, email: str, language: str) -> None:
    """Send the newest waiting registration's link again (a fresh expiry), or the notice to an
    address that has an account; nothing to an address that has neither. The visitor is told
    the same in every case."""
    email = normalise_email(email)
    existing = _account_for(email)
    if existing is not None:
        _email_existing_account(existing, language=language)
        return
    waiting = Registration.objects.filter(email__iexact=email, confirmed_at=None).first()
    if waiting is not None:
        _email_confirmation(waiting)


@transaction.atomic
def registration_confirm(*, registration: Registration, password: str | None = None):
    """Create the account of a registration whose link was followed; returns the new user.

    `password` is the one she chose on following the link (registrations from the checkout).
    Raises RegistrationRefused if the link was used or the address has an account by now."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.confirmed_at is not None or _account_for(registration.email):
        raise RegistrationRefused
    user = User(email=registration.email, is_active=True)
    if "username" in {field.name for field in User._meta.fields}:
        user.username = generate_username()
    if password is not None:
        user.set_password(password)
    else:
        user.password = registration.password
    user.full_clean(exclude=["password"])
    user.save()
    registration.confirmed_at = timezone.now()
    registration.user = user
    registration.save(update_fields=["confirmed_at", "user"])
    # Her guest orders: she has just shown that the address they were sent to is hers.
    Order.objects.filter(user=None, guest_email__iexact=registration.email).update(user=user)
    transaction.on_commit(
        lambda: user_registered.send_robust(sender=Registration, request=None, user=user)
    )
    return user


def registration_waiting_for(*, email: str, password: str) -> Registration | None:
    """The waiting registration made with this address and this password, if any: only whoever
    typed the password learns that a registration is waiting, so sign-in enumerates nothing."""
    email = normalise_email(email)
    for registration in Registration.objects.filter(email__iexact=email, confirmed_at=None)[:5]:
        if registration.has_usable_password() and registration.check_password(password):
            return registration
    return None


def _account_for(email: str):
    return User._default_manager.filter(email__iexact=email).order_by("pk").first()


def _email_confirmation(registration: Registration) -> None:
    from django.urls import reverse

    with translation.override(registration.language):
        path = reverse("customer:register-confirm",
                       kwargs={"token": registration_token(registration)})
        _email_send(CONFIRM_EMAIL, email=registration.email,
                    context={"confirm_path": path, "chooses_password":
                             not registration.has_usable_password()})


def _email_existing_account(user, *, language: str) -> None:
    from django.urls import reverse

    with translation.override(language):
        context = {"login_path": reverse("customer:login"),
                   "reset_path": reverse("password-reset")}
        _email_send(EXISTING_EMAIL, email=user.email, context=context)


def _email_send(code: str, *, email: str, context: dict) -> None:
    # Mail is queued (shop/mail.py); should even that fail, the visitor's answer must not
    # change, or an error would tell which case she was in.
    try:
        dispatcher = Dispatcher(logger=logger)
        dispatcher.dispatch_anonymous_messages(email, dispatcher.get_messages(code, context))
    except Exception:
        logger.exception("Could not send the %s email", code)
