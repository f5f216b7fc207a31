"""How a payout reaches a cooperative: one small interface, two rails.

- `StripeConnectRail`: one Stripe transfer per payout run to the cooperative's connected
  account, with an idempotency key derived from the run's id (a retry never pays twice) and
  the order numbers in its metadata.
- `BankTransferRail`: the shop's staff or the coordinator make the transfer by hand; the run
  records its reference.

The checkout's Stripe calls live in checkout/gateway.py; the payout's one call (Connect
transfers, which the checkout never makes) lives here, with the same client settings.
"""

from __future__ import annotations

import logging
from typing import Protocol

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger("earnings.rails")

# Stripe allows 500 characters per metadata value.
METADATA_VALUE_MAX = 500


class RailError(Exception):
    """The rail refused or could not be reached; `str()` is safe to show to a coordinator."""


class PayoutRail(Protocol):
    code: str

    def send(self, payout, *, order_numbers: list[str]) -> str:
        """Pay the run's amount; return the rail's reference for it."""


class BankTransferRail:
    code = "bank"

    def send(self, payout, *, order_numbers: list[str]) -> str:
        # Nothing to send: the transfer was made by hand and its reference is on the run.
        return payout.reference


class StripeConnectRail:
    code = "stripe"

    def __init__(self, account_id: str):
        self.account_id = account_id

    def send(self, payout, *, order_numbers: list[str]) -> str:
        from checkout.gateway import amount_in_minor_units

        params = {
            "amount": amount_in_minor_units(payout.amount, payout.currency),
            "currency": payout.currency.lower(),
            "destination": self.account_id,
            "transfer_group": f"payout-{payout.pk}",
            "description": f"Ortak payout {payout.period_start} – {payout.period_end}",
            "metadata": {
                "payout_id": str(payout.pk),
                "cooperative": str(payout.cooperative_id),
                "period": f"{payout.period_start.isoformat()}/{payout.period_end.isoformat()}",
                **order_numbers_metadata(order_numbers),
            },
        }
        try:
            transfer = _client().v1.transfers.create(
                params=params, options={"idempotency_key": payout.idempotency_key}
            )
        except stripe.StripeError as error:
            logger.warning("Stripe transfer for payout %s failed: %r", payout.pk, error)
            message = getattr(error, "user_message", None) or _(
                "Stripe did not accept the transfer."
            )
            raise RailError(message) from error
        return transfer["id"]


def order_numbers_metadata(order_numbers: list[str]) -> dict[str, str]:
    """The order numbers, comma-separated, in as many metadata keys as Stripe's 500-character
    limit needs (`order_numbers`, `order_numbers_2`, ...)."""
    chunks: list[str] = []
    current = ""
    for number in order_numbers:
        candidate = f"{current},{number}" if current else number
        if len(candidate) > METADATA_VALUE_MAX:
            chunks.append(current)
            current = number
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current)
    return {
        ("order_numbers" if index == 0 else f"order_numbers_{index + 1}"): chunk
        for index, chunk in enumerate(chunks)
    }


def _client() -> stripe.StripeClient:
    base_addresses = {}
    api_base = getattr(settings, "EARNINGS_STRIPE_API_BASE", "") or (
        settings.STRIPE_API_BASE if settings.STRIPE_USES_LOCALSTRIPE else ""
    )
    if api_base:
        base_addresses = {"api": api_base}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base_addresses,
        max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS),
    )


def rail_for(cooperative) -> PayoutRail:
    """Stripe Connect where the cooperative has a connected account, else a bank transfer."""
    from earnings.models import PayoutAccount

    account = PayoutAccount.objects.filter(cooperative=cooperative).first()
    if account is not None and account.stripe_account_id:
        return StripeConnectRail(account.stripe_account_id)
    return BankTransferRail()
