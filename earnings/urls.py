from django.urls import path

from earnings import views

app_name = "earnings"
urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("payouts/", views.payouts, name="payouts"),
    path("payouts/<int:pk>/csv/", views.payout_csv, name="payout-csv"),
]
