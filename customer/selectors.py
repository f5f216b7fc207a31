"""Reads for confirm-by-email registration (customer/services.py has the writes)."""

from customer.models import Registration
from customer.tokens import LinkExpired, LinkInvalid, registration_id_from_token


class LinkUsed(Exception):
    pass


def registration_for_link(token: str) -> Registration:
    """The waiting registration a link names; LinkInvalid, LinkExpired or LinkUsed."""
    registration_id = registration_id_from_token(token)
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        raise LinkInvalid
    if registration.confirmed_at is not None:
        raise LinkUsed
    return registration


__all__ = ["LinkExpired", "LinkInvalid", "LinkUsed", "registration_for_link"]
