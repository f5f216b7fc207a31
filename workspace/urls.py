from django.urls import path

from workspace import reviews, views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_code, name="join-code"),
    path("pieces/", views.listing_list, name="listing-list"),
    path("pieces/new/", views.listing_new, name="listing-new"),
    path("pieces/<int:pk>/", views.listing_detail, name="listing-detail"),
    path("pieces/<int:pk>/edit/<slug:step>/", views.listing_step, name="listing-step"),
    path("pieces/<int:pk>/submit/", views.listing_submit, name="listing-submit"),
    path("pieces/<int:pk>/stock/", views.listing_stock, name="listing-stock"),
    path("pieces/<int:pk>/approve/", views.listing_approve, name="listing-approve"),
    path("pieces/<int:pk>/return/", views.listing_return, name="listing-return"),
    path("review/", views.review_queue, name="review-queue"),
    path("makers/", views.maker_list, name="maker-list"),
    path("makers/<int:pk>/", views.maker_detail, name="maker-detail"),
    path("makers/<int:maker_pk>/new-piece/", views.listing_new, name="maker-listing-new"),
    path("invite/", views.invite, name="invite"),
    path("sales/", views.sales, name="sales"),
    path("orders/", views.orders, name="orders"),
    path("orders/<str:number>/", views.order_detail, name="order-detail"),
    path("orders/<str:number>/packing-slip/", views.packing_slip, name="packing-slip"),
    path("orders/<str:number>/ship/", views.order_ship, name="order-ship"),
    path(
        "orders/<str:number>/lines/<int:line_pk>/packing/",
        views.order_line_packing,
        name="order-line-packing",
    ),
    path(
        "orders/<str:number>/lines/<int:line_pk>/cancel/",
        views.order_line_cancel,
        name="order-line-cancel",
    ),
    path("earnings/", views.earnings, name="earnings"),
    path("earnings/earnings.csv", views.earnings_csv, name="earnings-csv"),
    path("earnings/payouts/", views.payout_run, name="payout-run"),
    path("earnings/payouts/<int:pk>/", views.payout_detail, name="payout-detail"),
    path("earnings/payouts/<int:pk>/csv/", views.payout_csv, name="payout-csv"),
    path("stock/", views.stock, name="stock"),
    path("stock/<int:pk>/", views.stock_adjust, name="stock-adjust"),
    path("reviews/", reviews.reviews_page, name="reviews"),
]
