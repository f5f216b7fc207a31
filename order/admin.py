from django.contrib import admin
from oscar.apps.order.admin import *  # noqa: F403
from oscar.core.loading import get_model

LineEvent = get_model("order", "LineEvent")


@admin.register(LineEvent)
class LineEventAdmin(admin.ModelAdmin):
    """The fulfilment audit trail, read-only: it records what happened."""

    list_display = ("date_created", "order", "line", "old_status", "new_status", "actor")
    list_filter = ("kind", "new_status")
    search_fields = ("order__number",)
    readonly_fields = [field.name for field in LineEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
