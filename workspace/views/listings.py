"""Her pieces: the list, the three screens of a new or changed piece, sending it for review."""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workspace import selectors, services
from workspace.forms import (
    STEP_FORMS,
    ReturnForm,
    StockForm,
    initial_for,
    valid_changes,
)
from workspace.models import ListingStatus
from workspace.views.base import errors_shown, int_or_404, render_workspace, workspace_required

STEPS = ("photos", "what", "details")


@workspace_required
def home(request):
    workspace = request.workspace
    counts = selectors.listing_counts(workspace)
    context = {"counts": counts}
    if workspace.is_coordinator:
        context["lines_to_ship"] = selectors.lines_to_ship_count(workspace)
    if workspace.is_member:
        mine = selectors.sales(workspace)
        context["sales_total"] = mine.aggregate(total=Sum("line_price_incl_tax"))["total"]
        context["returned"] = selectors.listing_cards(workspace, status=ListingStatus.RETURNED)[:3]
    return render_workspace(request, "workspace/home.html", context)


@workspace_required
def listing_list(request):
    status = request.GET.get("status", "")
    if status not in ListingStatus.values:
        status = ""
    maker_id = request.GET.get("maker")
    maker = None
    if maker_id:
        maker = selectors.maker_get(request.workspace, pk=int_or_404(maker_id))
    cards = selectors.listing_cards(request.workspace, status=status, maker_id=maker and maker.pk)
    return render_workspace(
        request,
        "workspace/listing_list.html",
        {
            "listings": cards,
            "status": status,
            "maker": maker,
            "statuses": ListingStatus.choices,
            "counts": selectors.listing_counts(request.workspace),
        },
    )


@workspace_required
def listing_new(request, maker_pk: int | None = None):
    """Start a piece: hers, or (coordinator) for a maker of her cooperative."""
    workspace = request.workspace
    if maker_pk is not None:
        selectors.require_coordinator(workspace)
        maker = selectors.maker_get(workspace, pk=maker_pk)
    elif workspace.maker is not None:
        maker = workspace.maker
    else:
        # A coordinator who is not a maker herself lists for one of her makers.
        return redirect("workspace:maker-list")
    if request.method != "POST":
        return render_workspace(request, "workspace/listing_new.html", {"maker": maker})
    listing = services.listing_create(workspace=workspace, maker=maker)
    return redirect("workspace:listing-step", pk=listing.pk, step="photos")


@workspace_required
def listing_detail(request, pk: int):
    return listing_page(request, selectors.listing_get(request.workspace, pk=pk))


def listing_page(request, listing, *, return_form=None, status: int = 200):
    available = services.listing_available(listing)
    return render_workspace(
        request,
        "workspace/listing_detail.html",
        {
            "listing": listing,
            "events": selectors.listing_events(listing),
            "missing": services.listing_missing(listing),
            "available": available,
            "stock_form": StockForm(initial={"available": available}),
            "return_form": return_form or ReturnForm(),
        },
        status=status,
    )


@workspace_required
def listing_step(request, pk: int, step: str):
    if step not in STEPS:
        raise Http404
    workspace = request.workspace
    listing = selectors.listing_get(workspace, pk=pk)
    if step == "photos":
        return _photos_step(request, listing)
    form_class = STEP_FORMS[step]
    if request.method != "POST":
        form = form_class(initial=initial_for(listing, form_class))
        return _step_page(request, listing, step, form)
    form = form_class(request.POST)
    changes = valid_changes(form)
    try:
        listing = services.listing_update(
            listing=listing,
            workspace=workspace,
            changes=changes,
            expected_version=form.cleaned_data.get("version"),
        )
    except services.StaleListing as stale:
        messages.error(request, _stale_message())
        # Her typing stays on the page; the form now carries the new version, so saving again
        # is her decision, made knowingly.
        form = _with_version(form_class, request.POST, stale.listing.version)
        return _step_page(request, stale.listing, step, form, status=409)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
    if form.errors:
        form = _with_version(form_class, request.POST, listing.version)
        form.is_valid()
        return _step_page(request, listing, step, form, status=400)
    return _after_save(request, listing, step)


def _stale_message() -> str:
    return _(
        "This piece was changed in another window or on another phone. Nothing was "
        "overwritten: check what you typed below against it, then save again."
    )


def _with_version(form_class, data, version: int):
    data = data.copy()
    data["version"] = str(version)
    return form_class(data)


def _after_save(request, listing, step: str):
    action = request.POST.get("action", "next")
    if action == "draft":
        messages.success(request, _("Saved. You can come back to it any time."))
        return redirect("workspace:listing-detail", pk=listing.pk)
    if action == "submit":
        if listing.status == ListingStatus.SUBMITTED:
            # A coordinator's edit of a piece under review: it stays in her queue.
            messages.success(request, _("Saved."))
            return redirect("workspace:listing-detail", pk=listing.pk)
        return _submit(request, listing)
    following = STEPS[STEPS.index(step) + 1] if step != STEPS[-1] else None
    if following is None:
        return redirect("workspace:listing-detail", pk=listing.pk)
    return redirect("workspace:listing-step", pk=listing.pk, step=following)


def _step_page(request, listing, step: str, form, status: int = 200):
    context = {
        "listing": listing,
        "step": step,
        "form": form,
    }
    if step == "what":
        context["departments"] = selectors.category_choices()
        context["selected_category"] = str(form["category"].value() or "")
    return render_workspace(request, f"workspace/step_{step}.html", context, status=status)


def _photos_step(request, listing):
    workspace = request.workspace
    status = 200
    if request.method == "POST":
        descriptions = {
            int(key.removeprefix("description-")): value
            for key, value in request.POST.items()
            if key.startswith("description-") and key.removeprefix("description-").isdigit()
        }
        services.listing_describe_photos(listing=listing, descriptions=descriptions)
        remove = request.POST.get("remove_photo")
        if remove and remove.isdigit():
            services.listing_remove_photo(
                listing=listing, workspace=workspace, photo_id=int(remove)
            )
            messages.info(request, _("The photo was removed."))
            return redirect("workspace:listing-step", pk=listing.pk, step="photos")
        uploads = request.FILES.getlist("photos") + request.FILES.getlist("camera")
        errors = (
            services.listing_add_photos(listing=listing, workspace=workspace, uploads=uploads)
            if uploads
            else []
        )
        listing = selectors.listing_get(workspace, pk=listing.pk)
        photos = list(listing.photos.all())
        action = request.POST.get("action", "next")
        if errors:
            for error in errors:
                messages.error(request, error)
            status = 400
        elif uploads and action != "draft" and any(not photo.description for photo in photos):
            # She sees the photos she just added and says what each shows before going on.
            messages.success(request, _("Photos added. Say in a few words what each one shows."))
            return redirect("workspace:listing-step", pk=listing.pk, step="photos")
        elif not photos and action != "draft":
            messages.error(request, _("Add at least one photo."))
            status = 400
        else:
            return _after_save(request, listing, "photos")
    return render_workspace(
        request,
        "workspace/step_photos.html",
        {
            "listing": listing,
            "photos": listing.photos.all(),
            "step": "photos",
            "max_photos": services.MAX_PHOTOS,
        },
        status=status,
    )


def _submit(request, listing):
    try:
        services.listing_submit(listing=listing, workspace=request.workspace)
    except ValidationError as error:
        errors_shown(request, error)
        return redirect("workspace:listing-detail", pk=listing.pk)
    messages.success(request, _("Sent for review. Your coordinator will look at it soon."))
    return redirect("workspace:listing-detail", pk=listing.pk)


@require_POST
@workspace_required
def listing_submit(request, pk: int):
    listing = selectors.listing_get(request.workspace, pk=pk)
    return _submit(request, listing)


@require_POST
@workspace_required
def listing_stock(request, pk: int):
    listing = selectors.listing_get(request.workspace, pk=pk)
    form = StockForm(request.POST)
    if form.is_valid():
        services.listing_set_stock(
            listing=listing, workspace=request.workspace, available=form.cleaned_data["available"]
        )
        messages.success(request, _("Stock updated. Customers see it now."))
    else:
        for error in form.errors.get("available", []):
            messages.error(request, error)
    return redirect("workspace:listing-detail", pk=listing.pk)
