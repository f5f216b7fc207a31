from django.urls import path

from cooperatives import views

app_name = "cooperatives"
urlpatterns = [
    path("cooperatives/", views.CooperativeListView.as_view(), name="cooperative-list"),
    path(
        "cooperatives/<slug:slug>/",
        views.CooperativeDetailView.as_view(),
        name="cooperative-detail",
    ),
    path("makers/<slug:slug>/", views.MakerDetailView.as_view(), name="maker-detail"),
]
