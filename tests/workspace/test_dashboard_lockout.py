"""Coordinators and members are never shop staff: Oscar's dashboard and Django's admin refuse
them, and a shop that ran the old demo (coordinators as staff partner users) is fixed by a
data migration."""

import importlib

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import UserFactory
from workspace.models import Coordinator

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

leave_dashboard = importlib.import_module(
    "workspace.migrations.0002_coordinators_leave_the_dashboard"
).leave_dashboard


def old_style_coordinator(side):
    """A coordinator as the earlier demo made her: staff, a partner user, dashboard access."""
    user = UserFactory(username="old-coordinator", is_staff=True)
    coordinators = Group.objects.get(name="Coordinators")
    coordinators.permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )
    user.groups.add(coordinators)
    side.cooperative.partner.users.add(user)
    return user


def test_the_migration_fixes_a_shop_that_ran_the_old_demo(side_a):
    user = old_style_coordinator(side_a)
    side_a.member.is_staff = True
    side_a.member.save()
    staff = UserFactory(username="real-staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Shop staff"))

    leave_dashboard(apps, None)

    user.refresh_from_db()
    side_a.member.refresh_from_db()
    staff.refresh_from_db()
    assert not user.is_staff and not side_a.member.is_staff
    assert staff.is_staff
    assert Coordinator.objects.get(user=user).cooperative == side_a.cooperative
    assert not side_a.cooperative.partner.users.filter(pk=user.pk).exists()
    user = type(user).objects.get(pk=user.pk)  # permissions are cached per instance
    assert not user.has_perm("partner.dashboard_access")


def dashboard_urls() -> list[str]:
    """Every URL of Oscar's dashboard, with 1 for each id."""
    urls = []
    prefix = reverse("dashboard:index")

    def walk(patterns, base):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, base + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = base + str(pattern.pattern)
                for name in pattern.pattern.converters:
                    route = route.replace(f"<int:{name}>", "1").replace(f"<slug:{name}>", "x")
                    route = route.replace(f"<str:{name}>", "x").replace(f"<{name}>", "1")
                urls.append(route)

    walk(get_resolver().url_patterns, "")
    return sorted({"/" + url.lstrip("/") for url in urls if url.startswith(prefix.lstrip("/"))})


def admin_urls() -> list[str]:
    urls = []
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        urls += [
            reverse(f"admin:{info[0]}_{info[1]}_changelist"),
            reverse(f"admin:{info[0]}_{info[1]}_add"),
            reverse(f"admin:{info[0]}_{info[1]}_change", args=[1]),
        ]
        del model_admin
    return [reverse("admin:index"), *urls]


@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_coordinators_and_members_are_refused_every_dashboard_and_admin_url(client, side_a, role):
    user = old_style_coordinator(side_a) if role == "coordinator" else side_a.member
    leave_dashboard(apps, None)
    client.login(username=user.username, password=PASSWORD)
    dashboard = dashboard_urls()
    assert len(dashboard) > 60
    assert any("/orders/" in url for url in dashboard)
    for url in dashboard:
        if url.endswith(("/dashboard/login/", "/dashboard/logout/")):
            continue  # the dashboard's own sign-in form: it shows nothing of the shop
        response = client.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)
    for url in admin_urls():
        response = client.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)
