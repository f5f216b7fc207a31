"""Email that never breaks a request: every message is queued, and a background task sends it.

The shop sends mail from many places (checkout, fulfilment, workspace invitations, reviews,
Oscar's password reset and registration, Wagtail's moderation notices). Rather than change each
caller, EMAIL_BACKEND is `QueuedEmailBackend`: `send_messages` turns each message into plain
data (JSON, no pickle) and enqueues `email_deliver`, which the worker (`manage.py run_worker`)
runs. The task sends through the real backend, EMAIL_DELIVERY_BACKEND (SMTP from EMAIL_URL or
the EMAIL_* settings, see shop/settings/email.py), and when the server is unreachable or refuses,
tries again later with a growing delay (1, 2, 4, 8, 16 minutes), then gives up with an error in
the log and a failed task in the database. A request only ever writes one row per message, so
an unreachable SMTP server costs no page a 500, and a password reset answers the same whether
or not the address belongs to an account.
"""

import base64
import logging
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY_SECONDS = 60


def message_to_data(message: EmailMessage) -> dict:
    """Everything needed to rebuild `message`, as JSON-serialisable data."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            # A ready-made MIME part: kept whole, as bytes.
            attachments.append({"mime": _b64(attachment.as_bytes())})
            continue
        filename, content, mimetype = attachment
        if isinstance(content, str):
            attachments.append({"filename": filename, "text": content, "mimetype": mimetype})
        else:
            attachments.append(
                {"filename": filename, "bytes": _b64(content), "mimetype": mimetype}
            )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(key): str(value) for key, value in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "encoding": message.encoding,
    }


def message_from_data(data: dict) -> EmailMessage:
    from email import message_from_bytes

    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    message.encoding = data["encoding"]
    for attachment in data["attachments"]:
        if "mime" in attachment:
            message.attach(message_from_bytes(base64.b64decode(attachment["mime"])))
        elif "text" in attachment:
            message.attach(attachment["filename"], attachment["text"], attachment["mimetype"])
        else:
            message.attach(
                attachment["filename"],
                base64.b64decode(attachment["bytes"]),
                attachment["mimetype"],
            )
    return message


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def retry_delay(attempt: int) -> timedelta:
    return timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempt - 1))


@task()
def email_deliver(*, message: dict, attempt: int = 1) -> int:
    """Send one queued message through the real backend; on failure, queue another attempt."""
    email = message_from_data(message)
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        return connection.send_messages([email]) or 0
    except Exception as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "Email %r to %d recipient(s) not sent after %d attempts: %s",
                email.subject, len(email.recipients()), attempt, error,
            )
            raise
        delay = retry_delay(attempt)
        logger.warning(
            "Email %r not sent (attempt %d: %s); trying again in %s.",
            email.subject, attempt, error, delay,
        )
        email_deliver.using(run_after=timezone.now() + delay).enqueue(
            message=message, attempt=attempt + 1
        )
        return 0


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND: queue each message for `email_deliver` instead of sending it now."""

    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                email_deliver.enqueue(message=message_to_data(message))
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("Email %r could not be queued.", message.subject)
                continue
            queued += 1
        return queued
