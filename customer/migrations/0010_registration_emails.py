"""Reference data for confirm-by-email registration: the two emails of customer/services.py
(templates/oscar/communication/emails/commtype_registration_confirm_* and _existing_*)."""

from django.db import migrations

EMAIL_TYPES = [
    ("REGISTRATION_CONFIRM", "Registration: the link that creates the account"),
    ("REGISTRATION_EXISTING", "Registration tried with an address that has an account"),
]


def forwards(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name in EMAIL_TYPES:
        CommunicationEventType.objects.get_or_create(
            code=code, defaults={"name": name, "category": "User related"}
        )


def backwards(apps, schema_editor):
    apps.get_model("communication", "CommunicationEventType").objects.filter(
        code__in=[code for code, _name in EMAIL_TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("customer", "0009_registration"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
