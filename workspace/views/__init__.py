"""The workspace's pages: thin views over `workspace.selectors` and `workspace.services`.

Every view gets the signed-in user's `Workspace` from `workspace_required`; no view takes a
cooperative from the URL, and every object id in a URL is looked up through the scoped
selectors, so another cooperative's ids are a 404. Split by concern; `workspace.urls` names
them all from here.
"""

from workspace.views.accounts import SignInView, join, join_code
from workspace.views.base import render_workspace, workspace_required
from workspace.views.earnings import (
    earnings,
    earnings_csv,
    payout_csv,
    payout_detail,
    payout_run,
)
from workspace.views.listings import (
    home,
    listing_detail,
    listing_list,
    listing_new,
    listing_step,
    listing_stock,
    listing_submit,
)
from workspace.views.orders import (
    order_detail,
    order_line_cancel,
    order_line_packing,
    order_ship,
    orders,
    packing_slip,
)
from workspace.views.review import (
    invite,
    listing_approve,
    listing_return,
    maker_detail,
    maker_list,
    review_queue,
)
from workspace.views.stock import sales, stock, stock_adjust

__all__ = [
    "SignInView", "join", "join_code", "render_workspace", "workspace_required", "home",
    "listing_detail", "listing_list", "listing_new", "listing_step", "listing_stock",
    "listing_submit", "order_detail", "order_line_cancel", "order_line_packing", "order_ship",
    "orders", "packing_slip", "invite", "listing_approve", "listing_return", "maker_detail",
    "maker_list", "review_queue", "sales", "stock", "stock_adjust", "earnings", "earnings_csv",
    "payout_csv", "payout_detail", "payout_run",
]
