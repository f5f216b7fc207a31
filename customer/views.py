"""Oscar's registration and sign-in views, with confirm-by-email registration (found by Oscar's
class loading; customer/services.py has the rules).

Whatever the address, registering leads to the same "check your inbox" page. Signing in with
the address and password of a registration not yet confirmed says so and offers the link
again: only whoever typed that password learns it, so sign-in tells a stranger nothing new.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from oscar.apps.customer import views as oscar_views
from oscar.apps.customer.utils import normalise_email

from customer.forms import RegistrationResendForm, registration_password_form
from customer.selectors import LinkExpired, LinkInvalid, LinkUsed, registration_for_link
from customer.services import (
    RegistrationRefused,
    registration_confirm,
    registration_resend,
    registration_start,
    registration_waiting_for,
)

SENT_SESSION_KEY = "registration_sent"
EMAIL_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"


def registration_answer(request, *, email: str, password: str | None, resent: bool = False):
    """The one answer to a registration (or a request for the link again), whatever the
    address: remember what to show, then the "check your inbox" page."""
    if resent:
        registration_resend(email=email, language=get_language())
    else:
        registration_start(email=email, password=password, language=get_language())
    request.session[SENT_SESSION_KEY] = {"email": normalise_email(email), "resent": resent}
    return redirect("customer:register-sent")


class AccountRegistrationView(oscar_views.AccountRegistrationView):
    def form_valid(self, form):
        return registration_answer(
            self.request, email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )


class AccountAuthView(oscar_views.AccountAuthView):
    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            return registration_answer(
                self.request, email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
            )
        return self.render_to_response(self.get_context_data(registration_form=form))

    def validate_login_form(self):
        response = super().validate_login_form()
        if self.request.user.is_authenticated:
            return response
        email = self.request.POST.get(f"{self.login_prefix}-username", "")
        password = self.request.POST.get(f"{self.login_prefix}-password", "")
        if email and password and registration_waiting_for(email=email, password=password):
            form = self.get_login_form(bind_data=True)
            form.is_valid()
            return self.render_to_response(self.get_context_data(
                login_form=form, waiting_email=normalise_email(email),
            ))
        return response


class RegistrationSentView(TemplateView):
    template_name = "oscar/customer/registration_sent.html"

    def get(self, request, *args, **kwargs):
        sent = request.session.get(SENT_SESSION_KEY)
        if not sent:
            return redirect("customer:register")
        return self.render_to_response(self.get_context_data(sent=sent))


class RegistrationConfirmView(View):
    """The link of a registration email: creates the account and signs her in (after she
    chooses a password, for a registration made from the checkout)."""

    template_name = "oscar/customer/registration_confirm.html"

    def get(self, request, token):
        return self._answer(request, token, data=None)

    def post(self, request, token):
        return self._answer(request, token, data=request.POST)

    def _answer(self, request, token, *, data):
        try:
            registration = registration_for_link(token)
        except (LinkExpired, LinkInvalid, LinkUsed) as problem:
            return self._problem(request, problem)
        if registration.has_usable_password():
            return self._confirm(request, registration, password=None)
        form = registration_password_form(registration, data)
        if data is not None and form.is_valid():
            return self._confirm(request, registration,
                                 password=form.cleaned_data["new_password1"])
        return render(request, self.template_name, {"form": form, "registration": registration})

    def _confirm(self, request, registration, *, password):
        try:
            user = registration_confirm(registration=registration, password=password)
        except RegistrationRefused:
            return self._problem(request, LinkUsed())
        login(request, user, backend=EMAIL_BACKEND)
        messages.success(request, _("Your address is confirmed and your account is ready."))
        return redirect(settings.LOGIN_REDIRECT_URL)

    def _problem(self, request, problem):
        kind = {LinkExpired: "expired", LinkInvalid: "invalid", LinkUsed: "used"}[type(problem)]
        return render(request, self.template_name,
                      {"problem": kind, "resend_form": RegistrationResendForm()})


class RegistrationResendView(FormView):
    """Ask for the link again: the same answer whether or not anything was waiting."""

    template_name = "oscar/customer/registration_resend.html"
    form_class = RegistrationResendForm

    def get_initial(self):
        return {"email": self.request.GET.get("email", "")}

    def form_valid(self, form):
        return registration_answer(
            self.request, email=form.cleaned_data["email"], password=None, resent=True
        )
