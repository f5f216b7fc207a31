"""What every workspace page shares: who she is here (`workspace_required`), rendering."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from workspace import selectors


def workspace_required(view=None, *, coordinator: bool = False):
    """Sign-in first; then her workspace, or a page saying she has none. 404 for a member on a
    coordinator's page, as for any object she may not see."""

    def decorate(view_function):
        @wraps(view_function)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("workspace:sign-in"))
            workspace = selectors.workspace_for(request.user)
            if workspace is None:
                return render(request, "workspace/no_workspace.html", status=403)
            if coordinator and not workspace.is_coordinator:
                raise Http404
            request.workspace = workspace
            return view_function(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def errors_shown(request, error) -> None:
    """Each message of a refused step, shown to her at the top of the next page."""
    for message in error.messages:
        messages.error(request, message)


def render_workspace(request, template: str, context: dict, status: int = 200):
    return render(request, template, {"workspace": request.workspace, **context}, status=status)


def int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None
