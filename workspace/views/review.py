"""The coordinator's side: the review queue, approving, returning, makers, invitations."""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workspace import selectors, services
from workspace.forms import (
    InviteForm,
    ReturnForm,
)
from workspace.views.base import errors_shown, int_or_404, render_workspace, workspace_required
from workspace.views.listings import listing_page


@workspace_required(coordinator=True)
def review_queue(request):
    queue = selectors.review_queue(request.workspace)
    return render_workspace(request, "workspace/review_queue.html", {"listings": queue})


@require_POST
@workspace_required(coordinator=True)
def listing_approve(request, pk: int):
    listing = selectors.listing_get(request.workspace, pk=pk)
    try:
        listing = services.listing_approve(listing=listing, workspace=request.workspace)
    except ValidationError as error:
        errors_shown(request, error)
        return redirect("workspace:listing-detail", pk=listing.pk)
    messages.success(
        request, _("“%(title)s” is in the shop now.") % {"title": listing.title}
    )
    return redirect("workspace:review-queue")


@require_POST
@workspace_required(coordinator=True)
def listing_return(request, pk: int):
    listing = selectors.listing_get(request.workspace, pk=pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.listing_return(
                listing=listing, workspace=request.workspace, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            errors_shown(request, error)
        else:
            messages.success(request, _("Returned to %(maker)s with your note.") % {
                "maker": listing.maker.display_name
            })
            return redirect("workspace:review-queue")
    return listing_page(request, listing, return_form=form, status=400)


@workspace_required(coordinator=True)
def maker_list(request):
    return render_workspace(
        request, "workspace/maker_list.html", {"makers": selectors.maker_list(request.workspace)}
    )


@workspace_required(coordinator=True)
def maker_detail(request, pk: int):
    maker = selectors.maker_get(request.workspace, pk=pk)
    return render_workspace(
        request,
        "workspace/maker_detail.html",
        {
            "maker": maker,
            "listings": selectors.listing_cards(request.workspace, maker_id=maker.pk),
        },
    )


@workspace_required(coordinator=True)
def invite(request):
    workspace = request.workspace
    without_account = selectors.makers(workspace).filter(user__isnull=True).order_by(
        "display_name"
    )
    initial = {}
    if request.GET.get("maker"):
        initial["maker"] = selectors.maker_get(workspace, pk=int_or_404(request.GET["maker"])).pk
    form = InviteForm(request.POST or None, makers=without_account, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, code = services.invitation_create(
                workspace=workspace,
                maker=form.cleaned_data.get("maker"),
                display_name=form.cleaned_data.get("display_name", ""),
                crafts=form.cleaned_data.get("crafts", ""),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            # The message and the link are in the language she reads, not the coordinator's.
            language = form.cleaned_data["language"] or translation.get_language()
            with translation.override(language):
                link = request.build_absolute_uri(
                    reverse("workspace:join-code", kwargs={"code": code})
                )
                message = _(
                    "You are invited to sell your work with %(cooperative)s on Ortak. "
                    "Open %(link)s or enter the code %(code)s to set your password."
                ) % {
                    "cooperative": workspace.cooperative.name,
                    "link": link,
                    "code": services.format_code(code),
                }
            return render_workspace(
                request,
                "workspace/invitation.html",
                {
                    "invitation": invitation,
                    "code": services.format_code(code),
                    "link": link,
                    "message": message,
                    "message_language": language,
                },
            )
    status = 400 if form.errors else 200
    return render_workspace(request, "workspace/invite.html", {"form": form}, status=status)
