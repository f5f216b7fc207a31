"""Members join with a one-time code a coordinator sends them; sign-in names are spelled one way.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cooperatives.models import Maker
from workspace.models import (
    Invitation,
)
from workspace.selectors import Workspace
from workspace.services.common import (
    CODE_ALPHABET,
    CODE_LENGTH,
    INVITATION_DAYS,
    coordinator_required,
)

# Invitations and accounts


def sign_in_name_normalise(value: str) -> str:
    """One spelling of a sign-in name: emails in lower case, phone numbers without spaces or
    dashes; any other user name as it is."""
    value = value.strip()
    if "@" in value:
        return value.lower()
    compact = "".join(ch for ch in value if ch not in " -().")
    if compact.removeprefix("+").isdigit():
        return compact
    return value


def _hash(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch in CODE_ALPHABET)
    return hashlib.sha256(normalised.encode()).hexdigest()


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


@transaction.atomic
def invitation_create(
    *, workspace: Workspace, maker: Maker | None = None, display_name: str = "", crafts: str = ""
) -> tuple[Invitation, str]:
    """A one-time code for a member; a new maker is made when she is not listed yet.

    Returns the invitation and the code, which is shown once and never stored.
    """
    coordinator_required(workspace)
    if maker is None:
        display_name = display_name.strip()
        if not display_name:
            raise ValidationError(_("Write the name she wants customers to see."))
        maker = Maker(
            cooperative=workspace.cooperative,
            display_name=display_name,
            slug=_unique_maker_slug(display_name),
            crafts=crafts.strip() or "-",
        )
        maker.full_clean()
        maker.save()
    elif maker.cooperative_id != workspace.cooperative.pk:
        raise ValidationError(_("This maker is not one of your cooperative's."))
    if maker.user_id is not None:
        raise ValidationError(_("%(name)s already has an account.") % {"name": maker.display_name})
    # Earlier codes for her stop working: only the newest one she was sent opens the door.
    Invitation.objects.filter(maker=maker, used_at__isnull=True).update(
        expires_at=timezone.now()
    )
    code = "".join(secrets.choice(CODE_ALPHABET) for _index in range(CODE_LENGTH))
    invitation = Invitation.objects.create(
        cooperative=workspace.cooperative,
        maker=maker,
        secret_hash=_hash(code),
        created_by=workspace.user,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    return invitation, code


def _unique_maker_slug(name: str) -> str:
    base = slugify(name, allow_unicode=False)[:80] or "maker"
    slug, number = base, 1
    while Maker.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def invitation_find(*, code: str) -> Invitation | None:
    """The usable invitation for a code, or None (wrong, used or expired: the same answer)."""
    invitation = (
        Invitation.objects.select_related("maker", "cooperative")
        .filter(secret_hash=_hash(code))
        .first()
    )
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, code: str, sign_in_name: str, password: str):
    """Make her account from the invitation and link it to her maker record; returns the user."""
    invitation = invitation_find(code=code)
    if invitation is None:
        raise ValidationError(_("This code does not work. Ask your coordinator for a new one."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    maker = Maker.objects.select_for_update().get(pk=invitation.maker_id)
    if invitation.used_at is not None or maker.user_id is not None:
        raise ValidationError(_("This code was already used. Sign in instead."))
    User = get_user_model()
    username = sign_in_name_normalise(sign_in_name)
    if User.objects.filter(username__iexact=username).exists() or (
        "@" in username and User.objects.filter(email__iexact=username).exists()
    ):
        raise ValidationError(_("Someone already signs in with this. Choose another."))
    user = User(
        username=username,
        email=username if "@" in username else "",
        first_name=maker.display_name[:150],
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    members, _created = Group.objects.get_or_create(name="Members")
    user.groups.add(members)
    maker.user = user
    maker.save(update_fields=["user"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user
