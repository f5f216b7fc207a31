"""Joining with an invitation code, and signing in with a phone number or an email."""


from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from workspace import services
from workspace.forms import (
    CodeForm,
    JoinForm,
    SignInForm,
)


def join(request):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("workspace:join-code", code=form.cleaned_data["code"].strip().upper())
    return render(request, "workspace/join.html", {"form": form})


def join_code(request, code: str):
    invitation = services.invitation_find(code=code)
    if invitation is None:
        return render(request, "workspace/join.html", {"form": CodeForm(), "bad_code": True},
                      status=404)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                code=code,
                sign_in_name=form.cleaned_data["sign_in_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! This is your workspace."))
            return HttpResponseRedirect(reverse("workspace:home"))
    return render(
        request,
        "workspace/join_form.html",
        {"form": form, "invitation": invitation},
        status=400 if form.errors else 200,
    )


class SignInView(LoginView):
    template_name = "workspace/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("workspace:home")
