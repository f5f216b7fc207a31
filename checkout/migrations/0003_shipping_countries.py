"""Countries Ortak ships to (Oscar's checkout offers only countries marked for shipping)."""

from django.db import migrations

# ISO 3166-1 alpha-2, alpha-3, numeric, printable name.
COUNTRIES = [
    ("AT", "AUT", "040", "Austria"), ("BE", "BEL", "056", "Belgium"),
    ("BG", "BGR", "100", "Bulgaria"), ("HR", "HRV", "191", "Croatia"),
    ("CY", "CYP", "196", "Cyprus"), ("CZ", "CZE", "203", "Czechia"),
    ("DK", "DNK", "208", "Denmark"), ("EE", "EST", "233", "Estonia"),
    ("FI", "FIN", "246", "Finland"), ("FR", "FRA", "250", "France"),
    ("DE", "DEU", "276", "Germany"), ("GR", "GRC", "300", "Greece"),
    ("HU", "HUN", "348", "Hungary"), ("IE", "IRL", "372", "Ireland"),
    ("IT", "ITA", "380", "Italy"), ("LV", "LVA", "428", "Latvia"),
    ("LT", "LTU", "440", "Lithuania"), ("LU", "LUX", "442", "Luxembourg"),
    ("MT", "MLT", "470", "Malta"), ("NL", "NLD", "528", "Netherlands"),
    ("PL", "POL", "616", "Poland"), ("PT", "PRT", "620", "Portugal"),
    ("RO", "ROU", "642", "Romania"), ("SK", "SVK", "703", "Slovakia"),
    ("SI", "SVN", "705", "Slovenia"), ("ES", "ESP", "724", "Spain"),
    ("SE", "SWE", "752", "Sweden"), ("GB", "GBR", "826", "United Kingdom"),
    ("CH", "CHE", "756", "Switzerland"), ("NO", "NOR", "578", "Norway"),
    ("TR", "TUR", "792", "Türkiye"), ("IN", "IND", "356", "India"),
    ("US", "USA", "840", "United States"), ("CA", "CAN", "124", "Canada"),
]


def create_countries(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    for alpha2, alpha3, numeric, name in COUNTRIES:
        Country.objects.update_or_create(
            iso_3166_1_a2=alpha2,
            defaults={
                "iso_3166_1_a3": alpha3,
                "iso_3166_1_numeric": numeric,
                "name": name,
                "printable_name": name,
                "is_shipping_country": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("checkout", "0002_communication_event_types"),
        ("address", "0007_useraddress_code"),
    ]

    operations = [migrations.RunPython(create_countries, migrations.RunPython.noop)]
