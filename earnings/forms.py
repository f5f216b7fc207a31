"""The payout form a coordinator (or staff) fills in."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PayoutForm(forms.Form):
    period_start = forms.DateField(
        label=_("Period starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Period ends on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    bank_reference = forms.CharField(
        label=_("Bank transfer reference"),
        max_length=120,
        required=False,
        help_text=_(
            "For a cooperative paid by bank transfer: the reference of the transfer you made."
        ),
    )

    @classmethod
    def initial_for(cls, last_payout) -> dict:
        today = timezone.localdate()
        start = (
            (last_payout.period_end + timedelta(days=1)) if last_payout else (today.replace(day=1))
        )
        return {"period_start": min(start, today), "period_end": today}
