"""Who made each piece: cooperatives and their makers.

A `Cooperative` is one-to-one with Oscar's `Partner`, so stock records, order lines and the
partner dashboard, which already speak "partner", keep working. Makers' private fields (legal
name, phone, nationality, address) live here for the shop staff only: every public read goes
through `cooperatives.selectors`, which never selects them.
"""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.content_languages import original_language_field


class FairTradeStatus(models.TextChoices):
    NONE = "", _("No certification")
    WFTO_GUARANTEED = "wfto_guaranteed", _("WFTO Guaranteed Fair Trade")
    WFTO_MEMBER = "wfto_member", _("WFTO member")
    FAIR_TRADE_FEDERATION = "fair_trade_federation", _("Fair Trade Federation member")


class Cooperative(models.Model):
    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="cooperative",
        verbose_name=_("fulfilment partner"),
        help_text=_("Stock records and order lines of this cooperative name this partner."),
    )
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    region = models.CharField(
        _("region"),
        max_length=120,
        help_text=_("A city or region, never an exact address (e.g. 'Gaziantep')."),
    )
    country = models.CharField(_("country"), max_length=80)
    founded_year = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    member_count = models.PositiveIntegerField(_("number of members"), default=0)
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, help_text=_("e.g. Turkish, Arabic")
    )
    summary = models.CharField(_("short description"), max_length=300)
    description = models.TextField(_("story"), blank=True)
    # Summary and story exist per language (cooperatives/translation.py).
    original_language = original_language_field()
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fair_trade_status = models.CharField(
        _("fair-trade status"),
        max_length=40,
        choices=FairTradeStatus.choices,
        blank=True,
        default=FairTradeStatus.NONE,
    )
    fair_trade_expires = models.DateField(_("fair-trade status valid until"), null=True, blank=True)
    # Staff only: never rendered on a public page.
    contact_name = models.CharField(_("contact person (staff only)"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email (staff only)"), blank=True)
    contact_phone = models.CharField(_("contact phone (staff only)"), max_length=40, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    # Left out of what the storefront reads (and of what it keeps in the shared cache).
    PRIVATE_FIELDS = ("contact_name", "contact_email", "contact_phone")

    class Meta:
        ordering = ["name"]
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cooperatives:cooperative-detail", kwargs={"slug": self.slug})

    @property
    def fair_trade_is_valid(self) -> bool:
        """A status is shown only while it is valid: one without an expiry date is not shown."""
        if not self.fair_trade_status or not self.fair_trade_expires:
            return False
        return self.fair_trade_expires >= timezone.localdate()

    def clean(self) -> None:
        if self.fair_trade_status and not self.fair_trade_expires:
            raise ValidationError(
                {"fair_trade_expires": _("Give the date until which this status is valid.")}
            )


def public_name_expression(prefix: str = "") -> models.Case:
    """The maker's public name in SQL, the same rule as `Maker.public_name`."""
    return models.Case(
        models.When(
            models.Q(**{f"{prefix}consent_show_first_name": True})
            & ~models.Q(**{f"{prefix}first_name": ""}),
            then=models.F(f"{prefix}first_name"),
        ),
        default=models.F(f"{prefix}display_name"),
        output_field=models.CharField(),
    )


class MakerQuerySet(models.QuerySet):
    def active(self) -> "MakerQuerySet":
        return self.filter(is_archived=False)


class Maker(models.Model):
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.PROTECT,
        related_name="makers",
        verbose_name=_("cooperative"),
    )
    display_name = models.CharField(
        _("public name"),
        max_length=80,
        help_text=_("The name customers see. A pseudonym is fine."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    first_name = models.CharField(
        _("first name"),
        max_length=80,
        blank=True,
        help_text=_("Shown only if she agrees to show her first name."),
    )
    consent_show_photo = models.BooleanField(_("agrees to show her portrait"), default=False)
    consent_show_story = models.BooleanField(_("agrees to show her story"), default=False)
    consent_show_first_name = models.BooleanField(
        _("agrees to show her first name"), default=False
    )
    crafts = models.CharField(_("crafts"), max_length=200, help_text=_("e.g. Embroidery, weaving"))
    years_of_practice = models.PositiveSmallIntegerField(
        _("years of practice"), null=True, blank=True, validators=[MaxValueValidator(90)]
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    story = models.TextField(_("her words"), blank=True)
    # The language she writes in: her story and the pieces she lists in the workspace are
    # recorded in it, and translations are shown beside her words (cooperatives/translation.py).
    original_language = original_language_field()
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="maker",
    )
    is_archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Archived makers are hidden from the shop; their sold lines keep her name."),
    )
    # Private: these never leave the staff admin. Public reads do not select them.
    legal_name = models.CharField(_("legal name (private)"), max_length=160, blank=True)
    phone = models.CharField(_("phone (private)"), max_length=40, blank=True)
    nationality = models.CharField(_("nationality (private)"), max_length=80, blank=True)
    address = models.TextField(_("address (private)"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = MakerQuerySet.as_manager()

    PRIVATE_FIELDS = ("legal_name", "phone", "nationality", "address")

    class Meta:
        ordering = ["display_name"]
        permissions = [
            ("view_private_maker_data", _("Can see and change makers' private details")),
        ]
        verbose_name = _("maker")
        verbose_name_plural = _("makers")

    def __str__(self) -> str:
        return f"{self.display_name} ({self.cooperative.name})"

    def get_absolute_url(self) -> str:
        return reverse("cooperatives:maker-detail", kwargs={"slug": self.slug})

    @property
    def public_name(self) -> str:
        if self.consent_show_first_name and self.first_name:
            return self.first_name
        return self.display_name

    @property
    def public_portrait(self):
        return self.portrait if self.consent_show_photo else None

    @property
    def public_story(self) -> str:
        return self.story if self.consent_show_story else ""

    @property
    def public_story_original(self) -> str:
        """Her story in the language she wrote it in: quoted as she wrote it, always."""
        from shop.content_languages import original_text

        if not self.consent_show_story:
            return ""
        return original_text(self, "story") or self.story

    @property
    def public_story_translation(self) -> str:
        """Her story in the reader's language, when that is not the original and exists: shown
        beside her words, never instead of them."""
        from shop.content_languages import active_content_language, translation_of

        if not self.consent_show_story or active_content_language() == self.original_language:
            return ""
        translated = translation_of(self, "story")
        return "" if translated == self.public_story_original else translated


