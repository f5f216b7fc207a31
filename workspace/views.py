"""The workspace's pages: thin views over `workspace.selectors` and `workspace.services`.

Every view gets the signed-in user's `Workspace` from `workspace_required`; no view takes a
cooperative from the URL, and every object id in a URL is looked up through the scoped
selectors, so another cooperative's ids are a 404.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workspace import selectors, services
from workspace.forms import (
    STEP_FORMS,
    CancelLineForm,
    CodeForm,
    InviteForm,
    JoinForm,
    ReturnForm,
    ShipForm,
    SignInForm,
    StockAdjustForm,
    StockForm,
    initial_for,
    valid_changes,
)
from workspace.models import ListingStatus

STEPS = ("photos", "what", "details")


def workspace_required(view=None, *, coordinator: bool = False):
    """Sign-in first; then her workspace, or a page saying she has none. 404 for a member on a
    coordinator's page, as for any object she may not see."""

    def decorate(view_function):
        @wraps(view_function)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect(f"{reverse('workspace:sign-in')}?next={request.get_full_path()}")
            workspace = selectors.workspace_for(request.user)
            if workspace is None:
                return render(request, "workspace/no_workspace.html", status=403)
            if coordinator and not workspace.is_coordinator:
                raise Http404
            request.workspace = workspace
            return view_function(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, template, {"workspace": request.workspace, **context}, status=status)


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
    return _render(request, "workspace/home.html", context)


@workspace_required
def listing_list(request):
    status = request.GET.get("status", "")
    if status not in ListingStatus.values:
        status = ""
    maker_id = request.GET.get("maker")
    maker = None
    if maker_id:
        maker = selectors.maker_get(request.workspace, pk=_int(maker_id))
    cards = selectors.listing_cards(request.workspace, status=status, maker_id=maker and maker.pk)
    return _render(
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


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


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
        return _render(request, "workspace/listing_new.html", {"maker": maker})
    listing = services.listing_create(workspace=workspace, maker=maker)
    return redirect("workspace:listing-step", pk=listing.pk, step="photos")


@workspace_required
def listing_detail(request, pk: int):
    return _listing_page(request, selectors.listing_get(request.workspace, pk=pk))


def _listing_page(request, listing, *, return_form=None, status: int = 200):
    available = services.listing_available(listing)
    return _render(
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
    return _render(request, f"workspace/step_{step}.html", context, status=status)


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
    return _render(
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
        for message in error.messages:
            messages.error(request, message)
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


# Coordinator


@workspace_required(coordinator=True)
def review_queue(request):
    queue = selectors.review_queue(request.workspace)
    return _render(request, "workspace/review_queue.html", {"listings": queue})


@require_POST
@workspace_required(coordinator=True)
def listing_approve(request, pk: int):
    listing = selectors.listing_get(request.workspace, pk=pk)
    try:
        listing = services.listing_approve(listing=listing, workspace=request.workspace)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
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
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Returned to %(maker)s with your note.") % {
                "maker": listing.maker.display_name
            })
            return redirect("workspace:review-queue")
    return _listing_page(request, listing, return_form=form, status=400)


@workspace_required(coordinator=True)
def maker_list(request):
    return _render(
        request, "workspace/maker_list.html", {"makers": selectors.maker_list(request.workspace)}
    )


@workspace_required(coordinator=True)
def maker_detail(request, pk: int):
    maker = selectors.maker_get(request.workspace, pk=pk)
    return _render(
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
        initial["maker"] = selectors.maker_get(workspace, pk=_int(request.GET["maker"])).pk
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
            return _render(
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
    return _render(request, "workspace/invite.html", {"form": form}, status=status)


@workspace_required
def sales(request):
    lines = selectors.sales(request.workspace)
    return _render(
        request,
        "workspace/sales.html",
        {"lines": lines[:200], "total": lines.aggregate(total=Sum("line_price_incl_tax"))["total"]},
    )


@workspace_required
def stock(request):
    low_only = request.GET.get("low") == "1"
    return _render(
        request,
        "workspace/stock.html",
        {
            "records": selectors.stock_records(request.workspace, low_only=low_only)[:300],
            "low_only": low_only,
            "low_stock": selectors.LOW_STOCK,
            "form": StockAdjustForm(),
            "adjustments": selectors.stock_adjustments(request.workspace)[:20],
        },
    )


@require_POST
@workspace_required
def stock_adjust(request, pk: int):
    record = selectors.stock_record_get(request.workspace, pk=pk)
    form = StockAdjustForm(request.POST)
    if form.is_valid():
        try:
            services.stock_adjust(
                workspace=request.workspace, stockrecord=record, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("“%(title)s”: %(count)d ready to sell. Customers see it now.")
                % {"title": record.product.title, "count": form.cleaned_data["available"]},
            )
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
    return redirect(f"{reverse('workspace:stock')}#stock-{record.pk}")


# Orders to ship (coordinators)


@workspace_required(coordinator=True)
def orders(request):
    show = request.GET.get("show", "to_ship")
    if show not in selectors.ORDER_VIEWS:
        show = "to_ship"
    return _render(
        request,
        "workspace/orders.html",
        {"orders": selectors.orders_with_lines(request.workspace, show=show), "show": show},
    )


def _order_page(request, number: str, *, ship_form=None, status: int = 200):
    found = selectors.order_get(request.workspace, number=number)
    return _render(
        request,
        "workspace/order_detail.html",
        {
            **found,
            "ship_form": ship_form or ShipForm(lines=found["to_ship"]),
            "cancel_form": CancelLineForm(),
        },
        status=status,
    )


@workspace_required(coordinator=True)
def order_detail(request, number: str):
    return _order_page(request, number)


@workspace_required(coordinator=True)
def packing_slip(request, number: str):
    found = selectors.order_get(request.workspace, number=number)
    return _render(request, "workspace/packing_slip.html", found)


@require_POST
@workspace_required(coordinator=True)
def order_ship(request, number: str):
    from order import fulfilment

    found = selectors.order_get(request.workspace, number=number)
    form = ShipForm(request.POST, lines=found["to_ship"])
    if not form.is_valid():
        return _order_page(request, number, ship_form=form, status=400)
    chosen = [line for line in found["to_ship"] if line.pk in set(form.cleaned_data["lines"])]
    try:
        fulfilment.shipment_create(
            order=found["order"],
            lines=chosen,
            carrier=form.cleaned_data["carrier"],
            tracking_number=form.cleaned_data["tracking_number"],
            actor=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _order_page(request, number, ship_form=form, status=400)
    messages.success(request, _("Shipped. The customer gets an email with the tracking number."))
    return redirect("workspace:order-detail", number=number)


def _her_line(request, number: str, line_pk: int):
    found = selectors.order_get(request.workspace, number=number)
    for line in found["lines"]:
        if line.pk == line_pk:
            return line
    raise Http404


@require_POST
@workspace_required(coordinator=True)
def order_line_packing(request, number: str, line_pk: int):
    from order import fulfilment

    line = _her_line(request, number, line_pk)
    target = (
        fulfilment.LineStatus.PAID
        if line.status == fulfilment.LineStatus.PACKING
        else fulfilment.LineStatus.PACKING
    )
    try:
        fulfilment.line_status_set(line=line, status=target, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("workspace:order-detail", number=number)


@require_POST
@workspace_required(coordinator=True)
def order_line_cancel(request, number: str, line_pk: int):
    from order import fulfilment

    line = _her_line(request, number, line_pk)
    form = CancelLineForm(request.POST)
    if form.is_valid():
        try:
            fulfilment.line_cancel(
                line=line, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Cancelled. The customer is refunded and told why.")
            )
    else:
        for message in form.errors.get("reason", []):
            messages.error(request, message)
    return redirect("workspace:order-detail", number=number)


# Joining and signing in


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
