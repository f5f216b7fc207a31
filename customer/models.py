"""A registration waiting for its owner to confirm her address (customer/services.py).

No account exists until the link is followed: an unconfirmed registration blocks nobody (the
real owner of the address can still register, check out as a guest or be sent a link), and
each registration keeps the password chosen with it, so following a link only ever activates
the password that was typed together with that link's request.
"""

from django.conf import settings
from django.contrib.auth.hashers import check_password, is_password_usable
from django.db import models


class Registration(models.Model):
    email = models.EmailField(max_length=254, db_index=True)
    # A password hash (make_password), or an unusable one when she registered from the
    # checkout without a password: she chooses it on following the link.
    password = models.CharField(max_length=128)
    # The language she registered in: her emails are written in it and the link keeps it.
    language = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "customer"
        ordering = ["-created_at", "-pk"]

    def has_usable_password(self) -> bool:
        return is_password_usable(self.password)

    def check_password(self, raw_password: str) -> bool:
        return check_password(raw_password, self.password)

    def __str__(self) -> str:
        return f"{self.email} ({'confirmed' if self.confirmed_at else 'waiting'})"


from oscar.apps.customer.models import *  # noqa: E402, F403 (Oscar's models, as a fork does)
