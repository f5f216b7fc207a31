"""Staff edit terms and payout accounts in the admin. Terms are added, never changed (each row
is a change in the audit trail); entries and payouts are read-only here: they are written by
earnings.services."""

from django.contrib import admin

from earnings import services
from earnings.models import LedgerEntry, Payout, PayoutAccount, Terms


@admin.register(Terms)
class TermsAdmin(admin.ModelAdmin):
    list_display = ("cooperative", "platform_fee_percent", "maker_share_percent",
                    "cooperative_share_percent", "effective_from", "changed_by", "changed_at")
    list_filter = ("cooperative",)
    fields = ("cooperative", "platform_fee_percent", "maker_share_percent",
              "cooperative_share_percent", "effective_from", "note")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.terms_set(
            cooperative=obj.cooperative, platform_fee_percent=obj.platform_fee_percent,
            maker_share_percent=obj.maker_share_percent, actor=request.user,
            effective_from=obj.effective_from, note=obj.note,
        )


@admin.register(PayoutAccount)
class PayoutAccountAdmin(admin.ModelAdmin):
    list_display = ("cooperative", "stripe_account_id", "updated")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("created", "order_number", "cooperative", "maker", "kind", "gross",
                    "platform_fee", "cooperative_share", "maker_share")
    list_filter = ("kind", "cooperative")
    search_fields = ("order_number",)


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ("cooperative", "period_start", "period_end", "rail", "status", "amount",
                    "reference", "created_by", "created")
    list_filter = ("status", "rail", "cooperative")
