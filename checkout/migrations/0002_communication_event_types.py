"""The emails checkout sends, as Oscar communication event types (templates are files in
templates/oscar/communication/emails/commtype_<code>_*.{txt,html})."""

from django.db import migrations

EVENT_TYPES = [
    ("ORDER_PLACED", "Order confirmation"),
    ("PAYMENT_FAILED", "Payment failed"),
    ("ORDER_SHIPPED", "Order shipped"),
    ("ORDER_REFUNDED", "Order refunded"),
]


def create_event_types(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name in EVENT_TYPES:
        CommunicationEventType.objects.get_or_create(
            code=code, defaults={"name": name, "category": "Order related"}
        )


def remove_event_types(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.filter(code__in=[code for code, _ in EVENT_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("checkout", "0001_initial"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(create_event_types, remove_event_types)]
