"""Oscar's customer forms, changed where they told whether an address has an account."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer import forms as oscar_forms
from oscar.apps.customer.utils import normalise_email


class EmailUserCreationForm(oscar_forms.EmailUserCreationForm):
    """Oscar's registration form without "A user with that email address already exists":
    customer/services.py answers an existing address by email, never on the page."""

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class RegistrationResendForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))


def registration_password_form(registration, data=None) -> SetPasswordForm:
    """The password she chooses on following a link sent from the checkout, checked by the
    password validators against her address."""
    user = get_user_model()(email=registration.email)
    return SetPasswordForm(user, data)
