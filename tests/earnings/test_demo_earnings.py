"""The demo shop shows earnings: every cooperative has terms, a ledger and at least one payout
run; a member's login has earnings; loading again adds nothing."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from cooperatives.models import Cooperative
from earnings.models import LedgerEntry, Payout, Terms
from shop.demo.data import DEMO_PASSWORD


@pytest.fixture(scope="module")
def demo_shop(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("demo-earnings-media")
    ):
        with transaction.atomic():
            call_command("load_demo_shop", "--quiet")
            yield
            transaction.set_rollback(True)


@pytest.fixture
def shop(demo_shop, db):
    return demo_shop


def test_every_cooperative_has_terms_a_ledger_and_a_payout_run(shop):
    for cooperative in Cooperative.objects.all():
        assert Terms.objects.filter(cooperative=cooperative).exists(), cooperative
        assert LedgerEntry.objects.filter(cooperative=cooperative).exists(), cooperative
        assert Payout.objects.filter(cooperative=cooperative, status="paid").exists(), cooperative
    # Something is still owed (this month's and last month's sales).
    assert LedgerEntry.objects.unpaid().exists()
    # The cancelled demo line is reversed.
    assert LedgerEntry.objects.filter(kind="cancellation").exists()


def test_a_demo_member_sees_her_earnings(shop, client):
    assert client.login(username="member@ortak.example", password=DEMO_PASSWORD)
    response = client.get("/en/workspace/earnings/")
    assert response.status_code == 200
    assert response.context["totals"].earned > 0 and response.context["totals"].paid > 0


def test_loading_again_adds_no_entry_and_no_payout(shop):
    entries, payouts = LedgerEntry.objects.count(), Payout.objects.count()
    call_command("load_demo_shop", "--quiet")
    assert (LedgerEntry.objects.count(), Payout.objects.count()) == (entries, payouts)
