"""The link in a registration email: the registration's id, signed with SECRET_KEY and dated,
so it cannot be forged or edited and stops working after LINK_MAX_AGE."""

from datetime import timedelta

from django.core import signing

SALT = "customer.registration.confirm"
LINK_MAX_AGE = timedelta(days=3)


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def registration_token(registration) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"registration": registration.pk})


def registration_id_from_token(token: str) -> int:
    """The registration's id; LinkExpired or LinkInvalid (edited, forged, truncated)."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise LinkInvalid from error
    if not isinstance(data, dict) or not isinstance(data.get("registration"), int):
        raise LinkInvalid
    return data["registration"]
