"""The workspace's forms. Every field is optional while a piece is a draft: what she typed is
kept even when another field is wrong, and `services.listing_missing` says what a review needs.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from workspace.models import Listing, StockReason
from workspace.services import sign_in_name_normalise

Category = get_model("catalogue", "Category")
Material = get_model("catalogue", "Material")

MAX_PRICE = Decimal("100000")


class VersionedForm(forms.Form):
    """Carries the listing version the form was shown at (see `services.StaleListing`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Her words may be in another script than the page (Arabic in an English page):
        # the browser sets each box's direction from what is typed.
        for field in self.fields.values():
            if isinstance(field.widget, (forms.TextInput, forms.Textarea)):
                field.widget.attrs.setdefault("dir", "auto")


class PriceField(forms.CharField):
    """A price as people type it on a phone: "12.50", "12,50", "€ 12"."""

    def clean(self, value):
        value = super().clean(value)
        if value in ("", None):
            return None
        text = value.replace("€", "").replace(" ", "").replace(",", ".")
        try:
            price = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Write the price as a number, for example 24.50."), code="invalid"
            ) from None
        if not price.is_finite() or price <= 0:
            raise forms.ValidationError(_("The price must be more than zero."), code="min")
        if price >= MAX_PRICE:
            raise forms.ValidationError(_("This price is too high. Check it."), code="max")
        if price != price.quantize(Decimal("0.01")):
            raise forms.ValidationError(_("Use at most two digits after the point."), code="cents")
        return price


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        return category.name


def leaf_categories():
    return Category.objects.filter(numchild=0, depth__gt=1).order_by("path")


class WhatForm(VersionedForm):
    """Screen 2: what it is, its name, price and how many."""

    category = CategoryChoiceField(
        label=_("What is it?"), queryset=Category.objects.none(), required=False,
        widget=forms.RadioSelect, empty_label=None,
    )
    title = forms.CharField(label=_("Name of the piece"), max_length=120, required=False)
    price = PriceField(label=_("Price in euros"), required=False, max_length=20)
    quantity = forms.IntegerField(
        label=_("How many do you have ready?"), required=False, min_value=0, max_value=9999,
        error_messages={"min_value": _("How many must be zero or more.")},
    )
    colour = forms.CharField(label=_("Colour"), max_length=60, required=False)
    size = forms.CharField(label=_("Size"), max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = leaf_categories()
        self.fields["price"].widget.attrs.update(inputmode="decimal", autocomplete="off")
        self.fields["quantity"].widget.attrs.update(inputmode="numeric")


class DetailsForm(VersionedForm):
    """Screen 3: materials, technique, care, and her words about the piece."""

    materials = forms.ModelMultipleChoiceField(
        label=_("Materials"), queryset=Material.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_materials = forms.CharField(
        label=_("Other materials"), max_length=200, required=False,
        help_text=_("Anything not in the list above."),
    )
    technique = forms.CharField(
        label=_("Technique"), max_length=120, required=False,
        help_text=_("For example: hand embroidery, crochet, loom weaving."),
    )
    hours_to_make = forms.IntegerField(
        label=_("Hours to make one"), required=False, min_value=0, max_value=2000
    )
    care_instructions = forms.CharField(
        label=_("Care"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: hand wash cold, dry flat."),
    )
    description = forms.CharField(
        label=_("About this piece"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What customers should know: how you made it, what it is for."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].queryset = Material.objects.order_by("name")


STEP_FORMS = {"what": WhatForm, "details": DetailsForm}


def initial_for(listing: Listing, form_class) -> dict:
    initial = {"version": listing.version}
    for name in form_class.base_fields:
        if name == "version":
            continue
        if name == "materials":
            initial[name] = list(listing.materials.all())
        else:
            initial[name] = getattr(listing, name)
    return initial


def valid_changes(form: forms.Form) -> dict:
    """The fields of a bound form that passed validation, whatever happened to the others."""
    form.is_valid()
    return {
        name: value
        for name, value in form.cleaned_data.items()
        if name != "version" and name not in form.errors
    }


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should she change?"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        max_length=1000,
        error_messages={"required": _("Tell her what to change, so she can fix it.")},
    )


class StockForm(forms.Form):
    available = forms.IntegerField(
        label=_("Ready to sell now"), min_value=0, max_value=9999,
        error_messages={
            "min_value": _("How many must be zero or more."),
            "required": _("Write how many you have ready, or 0."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class StockAdjustForm(StockForm):
    """The cooperative's stock page: the same count, and why it changes."""

    reason = forms.ChoiceField(label=_("Why?"), choices=StockReason.choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ShipForm(forms.Form):
    """One parcel: which of her pieces of the order are in it, the carrier, the tracking number."""

    lines = forms.TypedMultipleChoiceField(
        label=_("Pieces in this parcel"), coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the pieces that are in this parcel.")},
    )
    carrier = forms.ChoiceField(label=_("Carrier"))
    tracking_number = forms.CharField(
        label=_("Tracking number"), max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "dir": "ltr", "autocapitalize": "characters"}
        ),
    )

    def __init__(self, *args, lines, **kwargs):
        from order.fulfilment import CARRIERS

        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [(line.pk, line.title) for line in lines]
        self.fields["lines"].initial = [line.pk for line in lines]
        self.fields["carrier"].choices = [
            (code, carrier.name) for code, carrier in CARRIERS.items()
        ]


class CancelLineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can it not be sent?"), max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        help_text=_("The customer reads this. She is refunded at once."),
        error_messages={
            "required": _("Say why the piece is cancelled: the customer will read it.")
        },
    )


class InviteForm(forms.Form):
    maker = forms.ModelChoiceField(
        label=_("A maker already listed"), queryset=None, required=False,
        empty_label=_("Someone new"),
    )
    display_name = forms.CharField(
        label=_("Her name for customers"), max_length=80, required=False,
        help_text=_("For someone new. A first name or a name she chooses."),
    )
    crafts = forms.CharField(label=_("Her crafts"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language of the message"), choices=settings.LANGUAGES, required=False,
        help_text=_("The language she reads best. Her workspace opens in it."),
    )

    def __init__(self, *args, makers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maker"].queryset = makers
        self.fields["language"].initial = translation.get_language()

    def clean(self):
        data = super().clean()
        if not data.get("maker") and not data.get("display_name", "").strip():
            raise forms.ValidationError(
                _("Choose a maker, or write the name of someone new.")
            )
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your invitation code"), max_length=20,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )


class JoinForm(forms.Form):
    sign_in_name = forms.CharField(
        label=_("Your phone number or email"), max_length=150,
        help_text=_("You will use it to sign in."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_sign_in_name(self):
        value = sign_in_name_normalise(self.cleaned_data["sign_in_name"])
        digits = value.removeprefix("+")
        if "@" in value:
            forms.EmailField().clean(value)
        elif not (digits.isdigit() and 6 <= len(digits) <= 15):
            raise forms.ValidationError(
                _("Write a phone number (digits only, for example +90 532 000 0000) or an email.")
            )
        return value

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class SignInForm(AuthenticationForm):
    """Members sign in with the phone number or email they chose when they joined."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Phone number or email")

    def clean_username(self):
        return sign_in_name_normalise(self.cleaned_data["username"])
