"""The Django admin site for shop staff only (see `shop.apps.ShopAdminConfig`)."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied


class ShopAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def refuse_signed_in_non_staff(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(refuse_signed_in_non_staff, view)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied
        return super().login(request, extra_context)


class ShopAdminConfig(AdminConfig):
    """Django's admin with `ShopAdminSite`: a signed-in user who is not staff gets a 403.

    Django's own admin sends such a user to its sign-in page; a coordinator or member who
    reaches an admin address is told plainly that it is not for her.
    """

    default_site = "shop.admin_site.ShopAdminSite"
