"""Email that never breaks a request: every message is queued as data and sent by a background
task through the real backend, with retries; with no SMTP server reachable, password reset and
registration answer as they do with one, and the same for a known and an unknown address."""

import json
import socket

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from shop.mail import MAX_ATTEMPTS, email_deliver, message_from_data, message_to_data
from shop.settings.email import email_from_environment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nothing listens


@pytest.fixture
def unreachable_smtp(settings):
    """Production's arrangement with an SMTP server that refuses every connection."""
    settings.EMAIL_BACKEND = "shop.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port()
    settings.EMAIL_TIMEOUT = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_message_survives_the_queue_as_json():
    message = EmailMultiAlternatives(
        "Your order 100042", "Thank you, Ayşe.", "Ortak <hello@ortak.example>",
        ["ayse@example.com"], bcc=["archive@ortak.example"], reply_to=["help@ortak.example"],
        headers={"X-Order": "100042"},
    )
    message.attach_alternative("<p>Thank you, Ayşe.</p>", "text/html")
    message.attach("invoice.pdf", b"%PDF-1.4 \x00\xff", "application/pdf")
    message.attach("notes.txt", "ş ğ ı", "text/plain")

    data = json.loads(json.dumps(message_to_data(message)))
    again = message_from_data(data)

    assert again.message().as_bytes().count(b"Your order 100042") == 1
    assert (again.subject, again.body, again.to, again.bcc, again.reply_to) == (
        message.subject, message.body, message.to, message.bcc, message.reply_to
    )
    assert again.alternatives == message.alternatives
    assert [tuple(a) for a in again.attachments] == [tuple(a) for a in message.attachments]
    assert again.extra_headers == {"X-Order": "100042"}


def test_password_reset_answers_alike_for_a_known_and_an_unknown_address(
    unreachable_smtp, client
):
    UserFactory(email="known@example.com")
    known = client.post(reverse("password-reset"), {"email": "known@example.com"})
    unknown = client.post(reverse("password-reset"), {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The mail waits for the worker, in the database.
    assert DBTaskResult.objects.filter(task_path="shop.mail.email_deliver").count() == 1


def test_registration_answers_normally_with_no_smtp_server(unreachable_smtp, client):
    response = client.post(
        reverse("customer:register"),
        {"email": "new@example.com", "password1": "a-long-new-password-9",
         "password2": "a-long-new-password-9"},
    )
    assert response.status_code == 302
    assert DBTaskResult.objects.filter(task_path="shop.mail.email_deliver").exists()


def test_a_failed_delivery_is_tried_again_later_then_given_up(unreachable_smtp):
    data = message_to_data(
        EmailMultiAlternatives("Hello", "Body", "hello@ortak.example", ["a@example.com"])
    )
    assert email_deliver.call(message=data) == 0
    retry = DBTaskResult.objects.get(task_path="shop.mail.email_deliver")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after is not None

    with pytest.raises(OSError):
        email_deliver.call(message=data, attempt=MAX_ATTEMPTS)
    assert DBTaskResult.objects.count() == 1  # the last attempt queues nothing more


def test_the_task_sends_through_the_delivery_backend(settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.EMAIL_BACKEND = "shop.mail.QueuedEmailBackend"  # the tests' tasks run at once
    mail.outbox = []
    message = EmailMultiAlternatives("Hello", "Body", "hello@ortak.example", ["a@example.com"])
    assert message.send() == 1
    assert [sent.subject for sent in mail.outbox] == ["Hello"]


def test_email_settings_come_from_email_url_or_the_email_variables():
    smtp = email_from_environment({"EMAIL_URL": "smtp://user%40x:p%2Fw@mail.example.org"})
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == (
        "mail.example.org", 587, True
    )
    assert (smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == ("user@x", "p/w")
    ssl = email_from_environment({"EMAIL_URL": "smtps://mail.example.org"})
    assert (ssl["EMAIL_PORT"], ssl["EMAIL_USE_SSL"], ssl["EMAIL_USE_TLS"]) == (465, True, False)
    classic = email_from_environment({"EMAIL_HOST": "mx.example.org", "EMAIL_PORT": "2525"})
    assert (classic["EMAIL_HOST"], classic["EMAIL_PORT"]) == ("mx.example.org", 2525)
    assert email_from_environment({})["EMAIL_CONFIGURED"] is False
