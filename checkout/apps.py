import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "checkout"

    def ready(self):
        super().ready()
        self.refund_view = get_class("checkout.views", "OrderRefundView")
        self.track_view = get_class("checkout.views", "OrderTrackView")
        self.payment_status_view = get_class("checkout.views", "PaymentStatusView")

    def get_urls(self):
        urls = super().get_urls()
        urls.append(path("refund/<str:number>/", self.refund_view.as_view(), name="refund"))
        urls.append(path("track/", self.track_view.as_view(), name="track-order"))
        urls.append(path("payment-status/", self.payment_status_view.as_view(),
                         name="payment-status"))
        return self.post_process_urls(urls)
