"""Reference data for fulfilment: Oscar's shipping event types (so its dashboard offers them),
the "line cancelled" email, and Paid for lines and orders placed before there were statuses."""

from django.db import migrations

SHIPPING_EVENT_TYPES = [("shipped", "Shipped"), ("delivered", "Delivered"), ("returned", "Returned")]
EMAIL_TYPES = [("LINE_CANCELLED", "Order line cancelled")]


def forwards(apps, schema_editor):
    ShippingEventType = apps.get_model("order", "ShippingEventType")
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    Line = apps.get_model("order", "Line")
    Order = apps.get_model("order", "Order")
    for code, name in SHIPPING_EVENT_TYPES:
        if not ShippingEventType.objects.filter(name=name).exists():
            ShippingEventType.objects.create(code=code, name=name)
    for code, name in EMAIL_TYPES:
        CommunicationEventType.objects.get_or_create(
            code=code, defaults={"name": name, "category": "Order related"}
        )
    Line.objects.filter(status="").update(status="Paid")
    Order.objects.filter(status="").update(status="Paid")


def backwards(apps, schema_editor):
    apps.get_model("communication", "CommunicationEventType").objects.filter(
        code__in=[code for code, _name in EMAIL_TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0023_fulfilment"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
