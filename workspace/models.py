"""The cooperative workspace: who works for which cooperative, and the pieces members list.

Members and coordinators never touch Oscar's dashboard. A member is a user linked to a `Maker`
(`Maker.user`); a coordinator is a user with a `Coordinator` row naming her one cooperative.
A member's piece starts as a `Listing` (draft → submitted → approved, or returned with a reason);
approving it creates or updates the Oscar product. Every step is a `ListingEvent`, shown to both.
"""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Coordinator(models.Model):
    """A user who runs one cooperative's workspace: reviews listings, invites members."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coordinator",
        verbose_name=_("user"),
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.CASCADE,
        related_name="coordinators",
        verbose_name=_("cooperative"),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")

    def __str__(self) -> str:
        return f"{self.user} ({self.cooperative})"


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("In the shop")


class Listing(models.Model):
    """A piece as its maker describes it. The shop's product is made from it on approval.

    `cooperative` is the maker's, stored so every workspace query filters on one column.
    `version` grows on every save: a form carries the version it was shown, and a save from a
    stale form (another tab, another device) is refused instead of overwriting.
    """

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.CASCADE,
        related_name="listings",
        verbose_name=_("cooperative"),
    )
    maker = models.ForeignKey(
        "cooperatives.Maker",
        on_delete=models.CASCADE,
        related_name="listings",
        verbose_name=_("maker"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("listed by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="listing",
        verbose_name=_("product in the shop"),
    )
    title = models.CharField(_("name"), max_length=120, blank=True)
    category = models.ForeignKey(
        "catalogue.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("what it is"),
    )
    price = models.DecimalField(
        _("price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    quantity = models.PositiveIntegerField(_("how many"), null=True, blank=True)
    colour = models.CharField(_("colour"), max_length=60, blank=True)
    size = models.CharField(_("size"), max_length=60, blank=True)
    materials = models.ManyToManyField(
        "catalogue.Material", blank=True, related_name="+", verbose_name=_("materials")
    )
    other_materials = models.CharField(_("other materials"), max_length=200, blank=True)
    technique = models.CharField(_("technique"), max_length=120, blank=True)
    hours_to_make = models.PositiveSmallIntegerField(_("hours to make"), null=True, blank=True)
    care_instructions = models.TextField(_("care"), blank=True)
    description = models.TextField(_("about this piece"), blank=True)
    return_reason = models.TextField(_("why it was returned"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        indexes = [models.Index(fields=["cooperative", "status"])]

    def __str__(self) -> str:
        return self.title or str(_("Untitled piece"))

    def get_absolute_url(self) -> str:
        return reverse("workspace:listing-detail", kwargs={"pk": self.pk})

    @property
    def is_live(self) -> bool:
        return self.product_id is not None

    @property
    def can_be_edited(self) -> bool:
        return self.status != ListingStatus.SUBMITTED


def listing_photo_path(photo: "ListingPhoto", filename: str) -> str:
    # A random name: the file name a phone gives (IMG_2026…) says nothing customers need.
    return f"workspace/listings/{timezone.now():%Y/%m}/{secrets.token_hex(8)}-{filename}"


class ListingPhoto(models.Model):
    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="photos", verbose_name=_("listing")
    )
    image = models.ImageField(
        _("photo"), upload_to=listing_photo_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    description = models.CharField(
        _("what the photo shows"),
        max_length=200,
        blank=True,
        help_text=_("For people who cannot see the photo, e.g. 'Blue scarf folded on a table'."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.description or self.image.name


class ListingAction(models.TextChoices):
    CREATED = "created", _("started the listing")
    SAVED = "saved", _("saved changes")
    PHOTO_ADDED = "photo_added", _("added photos")
    PHOTO_REMOVED = "photo_removed", _("removed a photo")
    SUBMITTED = "submitted", _("sent it for review")
    RESUBMITTED = "resubmitted", _("sent it for review again")
    RETURNED = "returned", _("returned it for changes")
    APPROVED = "approved", _("approved it: it is in the shop")
    REOPENED = "reopened", _("changed a piece that is in the shop")
    STOCK_CHANGED = "stock_changed", _("changed how many are in stock")


# Whole sentences, so that each language can order the name and the verb (and make the verb
# agree with who did it) as it needs to.
EVENT_SENTENCES = {
    ListingAction.CREATED: _("%(name)s started the listing."),
    ListingAction.SAVED: _("%(name)s saved changes."),
    ListingAction.PHOTO_ADDED: _("%(name)s added photos."),
    ListingAction.PHOTO_REMOVED: _("%(name)s removed a photo."),
    ListingAction.SUBMITTED: _("%(name)s sent it for review."),
    ListingAction.RESUBMITTED: _("%(name)s sent it for review again."),
    ListingAction.RETURNED: _("%(name)s returned it for changes."),
    ListingAction.APPROVED: _("%(name)s approved it: it is in the shop."),
    ListingAction.REOPENED: _(
        "%(name)s changed it while it is in the shop: it is reviewed again, and the shop "
        "shows the approved version until then."
    ),
    ListingAction.STOCK_CHANGED: _("%(name)s changed how many are in stock."),
}


class ListingEvent(models.Model):
    """One step in a listing's life: who did what, when. Never edited."""

    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="events", verbose_name=_("listing")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("what"), max_length=20, choices=ListingAction.choices)
    note = models.TextField(_("note"), blank=True)
    created = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("listing event")
        verbose_name_plural = _("listing events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created:%Y-%m-%d %H:%M})"

    @property
    def sentence(self) -> str:
        """'Amal sent it for review.' in the reader's language."""
        if self.actor is None:
            name = _("Someone")
        else:
            name = self.actor.first_name or self.actor.get_username()
        return EVENT_SENTENCES[self.action] % {"name": name}


class Invitation(models.Model):
    """A one-time way in for a member: a link, or a short code read out or sent by SMS.

    Only a hash of the secret is kept, so a copy of the database lets no one in.
    """

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("cooperative"),
    )
    maker = models.ForeignKey(
        "cooperatives.Maker",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("maker"),
    )
    secret_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.maker} ({self.created:%Y-%m-%d})"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class StockReason(models.TextChoices):
    CORRECTION = "correction", _("A correction: the count was wrong")
    NEW_BATCH = "new_batch", _("New pieces are ready")
    DAMAGED = "damaged", _("Damaged or lost")
    OTHER = "other", _("Something else")


class StockAdjustment(models.Model):
    """A change of how many of a piece are ready to sell, with who, when and why."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.CASCADE,
        related_name="stock_adjustments",
        verbose_name=_("cooperative"),
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.CASCADE,
        related_name="adjustments",
        verbose_name=_("stock record"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    reason = models.CharField(_("why"), max_length=20, choices=StockReason.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    before = models.IntegerField(_("ready before"))
    after = models.PositiveIntegerField(_("ready after"))
    created = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("stock adjustment")
        verbose_name_plural = _("stock adjustments")

    def __str__(self) -> str:
        return f"{self.stockrecord_id}: {self.before} → {self.after}"
