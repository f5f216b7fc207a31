"""A coordinator invites a member with a one-time code she can send by SMS; the member chooses
her own sign-in and password on her phone."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from workspace.models import Invitation

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

CODE_PATTERN = r"[A-Z2-9]{5}-[A-Z2-9]{5}"


def invite(client, side, **data) -> str:
    client.login(username=side.coordinator.username, password=PASSWORD)
    response = client.post(reverse("workspace:invite"), data)
    assert response.status_code == 200
    code = response.context["code"]
    page = response.content.decode()
    assert code in page and "sms:" in page
    client.logout()
    return code


def test_a_new_member_joins_with_a_code_and_her_phone_number(client, side_a):
    code = invite(client, side_a, display_name="Rima", crafts="Crochet")
    maker = side_a.cooperative.makers.get(display_name="Rima")
    assert maker.user is None

    response = client.post(reverse("workspace:join"), {"code": code.lower()})
    assert response.status_code == 302
    response = client.post(response.url, {
        "sign_in_name": "+90 532 111 2233", "password1": "olive-tree-2026",
        "password2": "olive-tree-2026",
    })
    assert response.status_code == 302 and response.url == reverse("workspace:home")
    maker.refresh_from_db()
    assert maker.user.username == "+905321112233" and not maker.user.is_staff
    assert maker.user.groups.filter(name="Members").exists()

    client.logout()
    response = client.post(reverse("workspace:sign-in"), {
        "username": "+90 532 111 2233", "password": "olive-tree-2026",
    })
    assert response.status_code == 302
    home = client.get(reverse("workspace:home"))
    assert "Hello, Rima" in home.content.decode()


def test_an_existing_maker_without_an_account_is_invited(client, side_a):
    code = invite(client, side_a, maker=side_a.offline_maker.pk)
    client.post(reverse("workspace:join-code", kwargs={"code": code}), {
        "sign_in_name": "offline@example.org", "password1": "olive-tree-2026",
        "password2": "olive-tree-2026",
    })
    side_a.offline_maker.refresh_from_db()
    assert side_a.offline_maker.user.email == "offline@example.org"


def test_a_code_works_once(client, side_a):
    code = invite(client, side_a, display_name="Rima")
    data = {"sign_in_name": "rima@example.org", "password1": "olive-tree-2026",
            "password2": "olive-tree-2026"}
    url = reverse("workspace:join-code", kwargs={"code": code})
    assert client.post(url, data).status_code == 302
    client.logout()
    again = client.get(reverse("workspace:join-code", kwargs={"code": code}))
    assert again.status_code == 404
    assert "Ask your coordinator for a new one" in again.content.decode()


def test_an_expired_or_wrong_code_does_not_work(client, side_a):
    code = invite(client, side_a, display_name="Rima")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(reverse("workspace:join-code", kwargs={"code": code})).status_code == 404
    wrong = reverse("workspace:join-code", kwargs={"code": "AAAAA-BBBBB"})
    assert client.get(wrong).status_code == 404


def test_the_code_is_not_stored(client, side_a):
    code = invite(client, side_a, display_name="Rima")
    invitation = Invitation.objects.get()
    assert code.replace("-", "") not in invitation.secret_hash


def test_a_weak_or_mismatched_password_is_explained_and_the_name_kept(client, side_a):
    code = invite(client, side_a, display_name="Rima")
    response = client.post(reverse("workspace:join-code", kwargs={"code": code}), {
        "sign_in_name": "+90 532 111 2233", "password1": "123", "password2": "123",
    })
    assert response.status_code == 400
    page = response.content.decode()
    assert "too short" in page
    assert 'value="+90 532 111 2233"' in page
    response = client.post(reverse("workspace:join-code", kwargs={"code": code}), {
        "sign_in_name": "+90 532 111 2233", "password1": "olive-tree-2026",
        "password2": "olive-tree-2027",
    })
    assert "The two passwords are not the same." in response.content.decode()
    assert not get_user_model().objects.filter(username="+905321112233").exists()


def test_a_member_cannot_invite(client, side_a):
    client.login(username=side_a.member.username, password=PASSWORD)
    assert client.post(reverse("workspace:invite"), {"display_name": "X"}).status_code == 404
    assert not Invitation.objects.exists()


def test_the_message_is_in_the_language_she_reads(client, side_a):
    client.login(username=side_a.coordinator.username, password=PASSWORD)
    response = client.post(reverse("workspace:invite"), {"display_name": "Rima", "language": "ar"})
    message = response.context["message"]
    assert "/ar/workspace/join/" in message
    assert "Ortak" in message and "You are invited" not in message


def test_sign_in_names_are_spelled_one_way():
    from workspace.services import sign_in_name_normalise

    assert sign_in_name_normalise(" +90 (532) 111-22 33 ") == "+905321112233"
    assert sign_in_name_normalise("Rima@Example.org") == "rima@example.org"
    assert sign_in_name_normalise("coordinator-a") == "coordinator-a"
