"""A small catalogue with words in three languages, shaped like the misses of issue 13."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from tests.factories import CooperativeFactory, MakerFactory, PartnerFactory, product_for_sale

Category = get_model("catalogue", "Category")
Material = get_model("catalogue", "Material")
ProductCategory = get_model("catalogue", "ProductCategory")


def _in(product, code: str) -> None:
    ProductCategory.objects.create(product=product, category=Category.objects.get(code=code))


@pytest.fixture
def catalogue(db):
    """Telkar Silver & Loom makes silver jewelry and cotton towels (whose descriptions name the
    cooperative); Zeytin makes a scarf, a shawl and a kimono jacket cut from a scarf workshop's
    silk. Category and material names in tr and ar come from the migrations."""
    telkar = CooperativeFactory(
        partner=PartnerFactory(name="Telkar Silver & Loom Cooperative", code="telkar"),
        region="Mardin",
    )
    zeytin = CooperativeFactory(
        partner=PartnerFactory(name="Zeytin Needlework Cooperative", code="zeytin"),
        region="Gaziantep",
    )
    hatice = MakerFactory(cooperative=telkar, display_name="Hatice", crafts="Filigree")
    amina = MakerFactory(
        cooperative=zeytin,
        display_name="Amina",
        crafts="Embroidery",
        crafts_tr="Nakış",
        crafts_ar="تطريز",
    )
    silver = Material.objects.get(slug="silver")
    cotton = Material.objects.get(slug="cotton")
    silk = Material.objects.get(slug="silk")

    pendant = product_for_sale(
        title="Filigree rosette pendant",
        title_tr="Telkari gül kolye ucu",
        title_ar="قلادة وردة مخرّمة",
        description="Petals of twisted wire.",
        maker=hatice,
        price=Decimal("120"),
    )
    pendant.materials.add(silver)
    _in(pendant, "jewelry/necklaces")
    towels = []
    for colour in ("indigo", "saffron", "olive"):
        towel = product_for_sale(
            title=f"Striped peshtemal, {colour}",
            title_tr=f"Çizgili peştemal, {colour}",
            description="Made by Hatice of Telkar Silver & Loom Cooperative in Mardin.",
            technique="Treadle loom weaving",
            technique_tr="Ayaklı tezgâhta dokuma",
            technique_ar="نسيج على النول",
            maker=hatice,
        )
        towel.materials.add(cotton)
        _in(towel, "household-textiles/towels-peshtemals")
        towels.append(towel)
    scarf = product_for_sale(
        title="Block-printed cotton scarf",
        title_tr="El baskılı pamuklu eşarp",
        title_ar="وشاح قطني مطبوع",
        maker=amina,
    )
    scarf.materials.add(cotton)
    _in(scarf, "clothing/scarves-shawls")
    shawl = product_for_sale(
        title="Indigo-dyed silk shawl",
        title_tr="Çivit boyalı ipek şal",
        title_ar="شال حريري مصبوغ بالنيلة",
        technique="Cross-stitch embroidery",
        technique_tr="Kanaviçe nakışı",
        technique_ar="تطريز بغرزة الصليب",
        maker=amina,
    )
    shawl.materials.add(silk)
    _in(shawl, "clothing/scarves-shawls")
    kimono = product_for_sale(
        title="Reclaimed-silk kimono jacket",
        description="Cut from silk left over at an Istanbul scarf workshop.",
        maker=amina,
    )
    kimono.materials.add(silk)
    _in(kimono, "clothing/kimonos-jackets")
    return {
        "pendant": pendant,
        "towels": towels,
        "scarf": scarf,
        "shawl": shawl,
        "kimono": kimono,
        "hatice": hatice,
        "amina": amina,
    }
