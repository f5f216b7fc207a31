from django.urls import path

from stories import views

urlpatterns = [
    path("search/", views.SiteSearchView.as_view(), name="site-search"),
]
