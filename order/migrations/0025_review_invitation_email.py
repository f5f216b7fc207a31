"""Reference data for reviews: the email inviting a customer to review a delivered piece
(templates/oscar/communication/emails/commtype_review_invitation_*)."""

from django.db import migrations

EMAIL_TYPES = [("REVIEW_INVITATION", "Invitation to review a delivered piece")]


def forwards(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name in EMAIL_TYPES:
        CommunicationEventType.objects.get_or_create(
            code=code, defaults={"name": name, "category": "Order related"}
        )


def backwards(apps, schema_editor):
    apps.get_model("communication", "CommunicationEventType").objects.filter(
        code__in=[code for code, _name in EMAIL_TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0024_fulfilment_reference_data"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
