"""The earnings ledger: who earned what from each piece sold, and how it was paid out.

- `Terms`: a cooperative's platform fee and maker's share, one row per change (who, when,
  from when), never edited: the terms in force at a sale are the latest that started before it.
- `LedgerEntry`: append-only. A sale writes one entry per order line; a refund, cancellation or
  return writes a reversing entry (negative amounts). Each entry snapshots the percentages it
  used, and its parts always add up to its gross (earnings/money.py divides the money).
- `Payout` and `PayoutItem`: a payout run settles a cooperative's entries for a period, by Stripe
  Connect transfer or a recorded bank transfer. Being paid is an item pointing at the entry, so
  entries themselves never change.
- `PayoutAccount`: where a cooperative's money goes (staff only).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HALF_CENT = Decimal("0.005")
PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
}
MONEY = {"max_digits": 12, "decimal_places": 2}


class Terms(models.Model):
    """A cooperative's split, from a date on: the platform's fee out of the price, and the
    maker's share of what is left (the cooperative keeps the rest)."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", verbose_name=_("cooperative"), on_delete=models.PROTECT,
        related_name="earnings_terms",
    )
    platform_fee_percent = models.DecimalField(
        # xgettext:no-python-format
        _("platform fee (% of the price)"), **PERCENT,
        help_text=_("What the shop keeps, from 0 to 100."),
    )
    maker_share_percent = models.DecimalField(
        # xgettext:no-python-format
        _("maker's share (% of what is left)"), **PERCENT,
        help_text=_("The maker's part of what the platform leaves."),
    )
    cooperative_share_percent = models.DecimalField(
        # xgettext:no-python-format
        _("cooperative's share (% of what is left)"), **PERCENT,
        help_text=_("The cooperative's part; with the maker's share it makes 100."),
    )
    effective_from = models.DateTimeField(_("in force from"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    note = models.CharField(_("why"), max_length=200, blank=True)

    class Meta:
        ordering = ["cooperative", "-effective_from", "-pk"]
        get_latest_by = "effective_from"
        verbose_name = _("terms")
        verbose_name_plural = _("terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(platform_fee_percent__gte=0, platform_fee_percent__lte=100),
                name="earnings_terms_fee_between_0_and_100",
            ),
            models.CheckConstraint(
                condition=Q(maker_share_percent__gte=0, maker_share_percent__lte=100),
                name="earnings_terms_maker_share_between_0_and_100",
            ),
            # Exact on PostgreSQL; SQLite compares decimals as floats, hence the tolerance.
            models.CheckConstraint(
                condition=Q(
                    maker_share_percent__gte=Decimal(100) - F("cooperative_share_percent")
                    - HALF_CENT,
                    maker_share_percent__lte=Decimal(100) - F("cooperative_share_percent")
                    + HALF_CENT,
                ),
                name="earnings_terms_split_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id}: {self.platform_fee_percent}% / {self.maker_share_percent}%"

    def clean(self) -> None:
        errors = {}
        fee = self.platform_fee_percent
        if fee is not None and not (0 <= fee <= 100):
            errors["platform_fee_percent"] = _("The platform fee is between 0 and 100 %.")
        if self.maker_share_percent is not None and self.cooperative_share_percent is not None:
            if self.maker_share_percent + self.cooperative_share_percent != 100:
                errors["cooperative_share_percent"] = _(
                    "The maker’s and the cooperative’s shares must add up to 100 %% "
                    "(they add up to %(total)s %%)."
                ) % {"total": self.maker_share_percent + self.cooperative_share_percent}
        if errors:
            raise ValidationError(errors)


class PayoutAccount(models.Model):
    """Where a cooperative is paid: a Stripe connected account where the country allows,
    otherwise a bank account paid by hand. Staff only, never on a public page."""

    cooperative = models.OneToOneField(
        "cooperatives.Cooperative", verbose_name=_("cooperative"), on_delete=models.CASCADE,
        related_name="payout_account",
    )
    stripe_account_id = models.CharField(
        _("Stripe connected account"), max_length=64, blank=True,
        help_text=_("acct_…; empty when the cooperative is paid by bank transfer."),
    )
    bank_details = models.TextField(
        _("bank account (staff only)"), blank=True,
        help_text=_("Account holder, bank, IBAN: for manual transfers."),
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payout account")
        verbose_name_plural = _("payout accounts")

    def __str__(self) -> str:
        return str(self.cooperative_id)

    def clean(self) -> None:
        if self.stripe_account_id and not self.stripe_account_id.startswith("acct_"):
            raise ValidationError(
                {"stripe_account_id": _("A Stripe connected account id starts with “acct_”.")}
            )


class EntryKind(models.TextChoices):
    SALE = "sale", _("Sale")
    REFUND = "refund", _("Refund")
    CANCELLATION = "cancellation", _("Cancellation")
    RETURN = "return", _("Return")


class LedgerEntryQuerySet(models.QuerySet):
    def unpaid(self) -> LedgerEntryQuerySet:
        return self.filter(payout_item__isnull=True)

    def paid(self) -> LedgerEntryQuerySet:
        return self.filter(payout_item__payout__status="paid")


class LedgerEntry(models.Model):
    """One line's money moving: a sale (positive) or a reversal (negative). Never edited."""

    line = models.ForeignKey(
        "order.Line", verbose_name=_("order line"), on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    order_number = models.CharField(_("order"), max_length=128, db_index=True)
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", verbose_name=_("cooperative"), on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    maker = models.ForeignKey(
        "cooperatives.Maker", verbose_name=_("maker"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="ledger_entries",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    quantity = models.IntegerField(_("pieces"), default=0)
    currency = models.CharField(_("currency"), max_length=3)
    gross = models.DecimalField(_("gross"), **MONEY)
    platform_fee = models.DecimalField(_("platform fee"), **MONEY)
    cooperative_share = models.DecimalField(_("cooperative's share"), **MONEY)
    maker_share = models.DecimalField(_("maker's share"), **MONEY)
    terms = models.ForeignKey(
        Terms, verbose_name=_("terms"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="entries",
    )
    platform_fee_percent = models.DecimalField(_("platform fee %"), **PERCENT)
    maker_share_percent = models.DecimalField(_("maker's share %"), **PERCENT)
    created = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            # Exact on PostgreSQL; SQLite compares decimals as floats, hence the half cent.
            models.CheckConstraint(
                condition=Q(
                    gross__gte=F("platform_fee") + F("cooperative_share") + F("maker_share")
                    - HALF_CENT,
                    gross__lte=F("platform_fee") + F("cooperative_share") + F("maker_share")
                    + HALF_CENT,
                ),
                name="earnings_entry_parts_add_up",
            ),
            # One sale entry per line: the ledger records a sale once, whoever calls.
            models.UniqueConstraint(
                fields=["line"], condition=Q(kind="sale"), name="earnings_one_sale_per_line"
            ),
        ]
        indexes = [models.Index(fields=["cooperative", "created"])]

    def __str__(self) -> str:
        return f"{self.order_number} {self.kind} {self.gross}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("Ledger entries are never changed: write a reversing one."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Ledger entries are never deleted: write a reversing one."))


class Payout(models.Model):
    """One cooperative paid for one period, by one rail; who ran it and when."""

    class Rail(models.TextChoices):
        STRIPE = "stripe", _("Stripe Connect transfer")
        BANK = "bank", _("Bank transfer")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being sent")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed, to retry")

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", verbose_name=_("cooperative"), on_delete=models.PROTECT,
        related_name="payouts",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    rail = models.CharField(_("paid by"), max_length=10, choices=Rail.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    currency = models.CharField(_("currency"), max_length=3)
    amount = models.DecimalField(_("amount"), **MONEY)
    reference = models.CharField(
        _("reference"), max_length=120, blank=True,
        help_text=_("The Stripe transfer id, or the bank transfer's reference."),
    )
    failure = models.TextField(_("what went wrong"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("run by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created = models.DateTimeField(_("run at"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "period_start", "period_end"],
                name="earnings_one_payout_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")),
                name="earnings_payout_period_in_order",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="earnings_payout_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id} {self.period_start}–{self.period_end} {self.amount}"

    @property
    def idempotency_key(self) -> str:
        return f"ortak-payout-{self.pk}"


class PayoutItem(models.Model):
    """This entry is settled by this payout (an entry is settled once)."""

    payout = models.ForeignKey(
        Payout, verbose_name=_("payout"), on_delete=models.PROTECT, related_name="items"
    )
    entry = models.OneToOneField(
        LedgerEntry, verbose_name=_("entry"), on_delete=models.PROTECT, related_name="payout_item"
    )

    class Meta:
        verbose_name = _("payout item")
        verbose_name_plural = _("payout items")

    def __str__(self) -> str:
        return f"{self.payout_id}: {self.entry_id}"
