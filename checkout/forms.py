"""Oscar's checkout forms, changed where they told whether an address has an account."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms


class GatewayForm(oscar_forms.GatewayForm):
    """"Who are you?" without "A user with that email address already exists": a guest may
    check out with any address (her order is a guest order), and "new customer" continues as
    a guest while the registration email goes out (checkout/views.py IndexView)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["options"].choices = [
            (self.GUEST, oscar_forms.GatewayForm.CHOICES[0][1]),
            (self.NEW, _("I am a new customer and want an account: email me the link to create "
                         "it, and let me go on with my order")),
            (self.EXISTING, oscar_forms.GatewayForm.CHOICES[2][1]),
        ]

    def clean(self):
        if self.is_guest_checkout() or self.is_new_account_checkout():
            self.errors.pop("password", None)
            return self.cleaned_data
        return super().clean()
