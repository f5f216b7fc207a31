"""Every read of the workspace, scoped to the signed-in user's cooperative.

`workspace_for(user)` says who she is here: her cooperative, her maker record if she makes
things, whether she coordinates. Every other function takes that `Workspace` and filters by its
cooperative (and, for a member, by her maker), so another cooperative's ids are a 404 by
construction: no view ever reads a listing, maker or sale without going through here.
"""

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from cooperatives.models import Cooperative, Maker
from workspace.models import (
    Coordinator,
    Listing,
    ListingPhoto,
    ListingStatus,
    StockAdjustment,
)

LOW_STOCK = 2

Line = get_model("order", "Line")
LineEvent = get_model("order", "LineEvent")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")

logger = logging.getLogger("workspace")


@dataclass(frozen=True)
class Workspace:
    user: object
    cooperative: Cooperative
    maker: Maker | None
    is_coordinator: bool

    @property
    def is_member(self) -> bool:
        return self.maker is not None


def workspace_for(user) -> Workspace | None:
    """The workspace a user works in, or None when she has no role in a cooperative."""
    if not getattr(user, "is_authenticated", False):
        return None
    coordinator = (
        Coordinator.objects.select_related("cooperative").filter(user=user).first()
    )
    maker = (
        Maker.objects.active()
        .defer(*Maker.PRIVATE_FIELDS)
        .select_related("cooperative")
        .filter(user=user)
        .first()
    )
    if coordinator is None and maker is None:
        return None
    cooperative = coordinator.cooperative if coordinator else maker.cooperative
    if maker is not None and maker.cooperative_id != cooperative.pk:
        # A coordinator of one cooperative who makes for another works as the coordinator.
        maker = None
    return Workspace(
        user=user, cooperative=cooperative, maker=maker, is_coordinator=coordinator is not None
    )


WORKSPACE_ACCESS_SECONDS = 300


def workspace_access_key(user_id) -> str:
    return f"workspace-access:{user_id}"


def has_workspace(user) -> bool:
    """For the header link: kept in the cache per user (a coordinator's or maker's save or
    delete forgets it, see workspace.apps; at most WORKSPACE_ACCESS_SECONDS otherwise). The
    workspace's own views check access on every request; this only shows the link."""
    if not getattr(user, "is_authenticated", False):
        return False
    key = workspace_access_key(user.pk)
    try:
        known = cache.get(key)
    except Exception:  # the cache down: ask the database
        known = None
    if isinstance(known, bool):
        return known
    answer = (
        Coordinator.objects.filter(user=user).exists()
        or Maker.objects.active().filter(user=user).exists()
    )
    try:
        cache.set(key, answer, WORKSPACE_ACCESS_SECONDS)
    except Exception:
        logger.warning("Workspace access not kept in the cache", exc_info=True)
    return answer


def workspace_access_forget(user_id) -> None:
    if user_id is None:
        return
    try:
        cache.delete(workspace_access_key(user_id))
    except Exception:
        # Kept at most WORKSPACE_ACCESS_SECONDS: the link shows (or not) a little longer.
        logger.warning("Workspace access could not be forgotten", exc_info=True)


# Listings


def listings(workspace: Workspace) -> QuerySet:
    """The listings she may see: a coordinator her cooperative's, a member her own."""
    queryset = Listing.objects.filter(cooperative=workspace.cooperative)
    if not workspace.is_coordinator:
        queryset = queryset.filter(maker=workspace.maker)
    return queryset


def listing_cards(workspace: Workspace, *, status: str = "", maker_id: int | None = None):
    """Listings for a list page, with maker, first photo and stock loaded up front."""
    queryset = (
        listings(workspace)
        .select_related("maker", "category", "product")
        .prefetch_related(
            Prefetch("photos", queryset=ListingPhoto.objects.order_by("position", "pk")),
            "product__stockrecords",
        )
        .order_by("-updated")
    )
    if status:
        queryset = queryset.filter(status=status)
    if maker_id:
        queryset = queryset.filter(maker_id=maker_id)
    return queryset


def listing_get(workspace: Workspace, *, pk: int) -> Listing:
    return get_object_or_404(
        listings(workspace)
        .select_related("maker", "category", "product", "created_by")
        .prefetch_related("photos", "materials"),
        pk=pk,
    )


def listing_events(listing: Listing) -> QuerySet:
    return listing.events.select_related("actor").order_by("created", "pk")


def listing_counts(workspace: Workspace) -> dict[str, int]:
    counts = dict(
        listings(workspace).values_list("status").annotate(total=Count("pk")).order_by()
    )
    return {status: counts.get(status, 0) for status in ListingStatus.values}


def review_queue(workspace: Workspace) -> QuerySet:
    """What waits for the coordinator, oldest first."""
    require_coordinator(workspace)
    return (
        listing_cards(workspace, status=ListingStatus.SUBMITTED)
        .order_by("submitted_at", "pk")
    )


# Makers


def makers(workspace: Workspace) -> QuerySet:
    """Her cooperative's makers (a coordinator), or herself (a member). No private fields."""
    queryset = (
        Maker.objects.active()
        .defer(*Maker.PRIVATE_FIELDS)
        .filter(cooperative=workspace.cooperative)
    )
    if not workspace.is_coordinator:
        queryset = queryset.filter(pk=workspace.maker.pk)
    return queryset


def maker_list(workspace: Workspace) -> QuerySet:
    return (
        makers(workspace)
        .select_related("user")
        .annotate(
            listing_count=Count("listings", distinct=True),
            live_count=Count(
                "listings", filter=Q(listings__status=ListingStatus.APPROVED), distinct=True
            ),
        )
        .order_by("display_name")
    )


def maker_get(workspace: Workspace, *, pk: int) -> Maker:
    return get_object_or_404(makers(workspace).select_related("user"), pk=pk)


# Sales


def sales(workspace: Workspace, *, maker: Maker | None = None) -> QuerySet:
    """Order lines of her pieces (a member) or of her cooperative (a coordinator).

    Only what the maker needs: the piece, when, how many, for how much. No customer.
    """
    queryset = Line.objects.filter(cooperative=workspace.cooperative)
    if not workspace.is_coordinator:
        queryset = queryset.filter(maker=workspace.maker)
    elif maker is not None:
        queryset = queryset.filter(maker=maker)
    return (
        queryset.select_related("order")
        .only(
            "pk", "title", "quantity", "line_price_incl_tax", "maker_name", "product_id", "status",
            "order__date_placed", "order__currency",
        )
        .order_by("-order__date_placed", "-pk")
    )


def require_coordinator(workspace: Workspace) -> None:
    if not workspace.is_coordinator:
        raise Http404


def category_choices() -> list[dict]:
    """The shop's departments, each with the categories a piece can be listed in."""
    nodes = list(Category.objects.filter(depth__lte=2).order_by("path"))
    departments = []
    for node in nodes:
        if node.depth == 1:
            departments.append({"department": node, "children": []})
        elif departments and node.path.startswith(departments[-1]["department"].path):
            departments[-1]["children"].append(node)
    return [department for department in departments if department["children"]]


# Stock


def stock_records(workspace: Workspace, *, low_only: bool = False) -> QuerySet:
    """Her cooperative's stock (a coordinator) or her own pieces' (a member), fewest first."""
    queryset = StockRecord.objects.filter(
        partner_id=workspace.cooperative.partner_id, product__isnull=False
    )
    if not workspace.is_coordinator:
        queryset = queryset.filter(product__maker=workspace.maker)
    queryset = queryset.annotate(
        available=Coalesce(F("num_in_stock"), 0) - Coalesce(F("num_allocated"), 0)
    ).select_related("product", "product__maker")
    if low_only:
        queryset = queryset.filter(available__lte=LOW_STOCK)
    return queryset.order_by("available", "product__title")


def stock_record_get(workspace: Workspace, *, pk: int):
    return get_object_or_404(stock_records(workspace), pk=pk)


def stock_adjustments(workspace: Workspace) -> QuerySet:
    queryset = StockAdjustment.objects.filter(cooperative=workspace.cooperative)
    if not workspace.is_coordinator:
        queryset = queryset.filter(stockrecord__product__maker=workspace.maker)
    return queryset.select_related("actor", "stockrecord__product").order_by("-created", "-pk")


# Orders to ship (coordinators)


def order_lines(workspace: Workspace) -> QuerySet:
    """Her cooperative's order lines: never another cooperative's, never payment details."""
    require_coordinator(workspace)
    return Line.objects.filter(cooperative=workspace.cooperative).select_related(
        "order", "order__shipping_address", "maker"
    )


ORDER_VIEWS = ("to_ship", "shipped", "all")


def _lines_shown(workspace: Workspace, show: str) -> QuerySet:
    from order.fulfilment import SHIPPABLE, LineStatus

    lines = order_lines(workspace)
    if show == "to_ship":
        return lines.filter(Q(status__in=SHIPPABLE) | Q(status=""))
    if show == "shipped":
        return lines.filter(status__in=[LineStatus.SHIPPED, LineStatus.DELIVERED])
    return lines


def lines_to_ship_count(workspace: Workspace) -> int:
    return _lines_shown(workspace, "to_ship").count()


def orders_with_lines(workspace: Workspace, *, show: str = "to_ship") -> list[dict]:
    """Her lines grouped by order, oldest order first."""
    lines = _lines_shown(workspace, show)
    grouped: dict[int, dict] = {}
    for line in lines.order_by("order__date_placed", "order_id", "pk")[:500]:
        entry = grouped.setdefault(line.order_id, {"order": line.order, "lines": []})
        entry["lines"].append(line)
    return list(grouped.values())


def order_get(workspace: Workspace, *, number: str) -> dict:
    """One order as her cooperative sees it: her lines only; the customer's name and address
    only while she still has something of it to send."""
    from order.fulfilment import SHIPPABLE

    lines = list(
        order_lines(workspace)
        .filter(order__number=number)
        .prefetch_related(
            Prefetch(
                "events",
                queryset=LineEvent.objects.select_related("actor", "shipping_event").order_by(
                    "date_created", "pk"
                ),
            )
        )
        .order_by("pk")
    )
    if not lines:
        raise Http404
    order = lines[0].order
    to_ship = [line for line in lines if (line.status or "Paid") in SHIPPABLE]
    return {
        "order": order,
        "lines": lines,
        "to_ship": to_ship,
        "address": order.shipping_address if to_ship else None,
    }
