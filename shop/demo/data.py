"""The demo shop's cooperatives, makers and goods. Fictional people and places, plausible details.

Nothing here is a real person or a real address: cities only for cooperatives, made-up
neighbourhoods and numbers for the makers' private fields (which never reach a public page).
"""

from dataclasses import dataclass, field
from datetime import date

DEMO_PASSWORD = "ortak-demo-2026"  # noqa: S105 (a demo login printed on screen, not a secret)
UPC_PREFIX = "DEMO-"


@dataclass(frozen=True)
class CooperativeData:
    slug: str
    name: str
    region: str
    country: str
    founded_year: int
    member_count: int
    languages: str
    summary: str
    description: str
    fair_trade_status: str
    fair_trade_expires: date | None
    contact_name: str
    contact_email: str
    contact_phone: str
    colourway: str


COOPERATIVES = [
    CooperativeData(
        slug="zeytin-needlework",
        name="Zeytin Needlework Cooperative",
        region="Gaziantep",
        country="Türkiye",
        founded_year=2017,
        member_count=38,
        languages="Turkish, Arabic, Kurdish",
        summary=(
            "Syrian and Turkish women in Gaziantep who embroider cushions, table linen and "
            "tunics in Antep openwork and Syrian cross-stitch."
        ),
        description=(
            "Zeytin began in 2017 around one kitchen table in Şahinbey, where four women who had "
            "come from Aleppo met four neighbours who had grown up with Antep işi, the city's "
            "fine openwork embroidery. Neither group knew the other's stitches; by the end of the "
            "first winter they had taught each other both.\n\n"
            "Today thirty-eight members share a workshop with good north light, a crèche in the "
            "next room and a rota that lets women work from home when they need to. Every piece "
            "is cut, stitched and finished by a named member, and checked by a second before it "
            "is folded into tissue. The cooperative pays for each piece when it is finished, not "
            "when it sells, and members vote each spring on how the surplus is shared."
        ),
        fair_trade_status="wfto_guaranteed",
        fair_trade_expires=date(2027, 10, 31),
        contact_name="Hatice Yıldız",
        contact_email="hello@zeytin-needlework.example",
        contact_phone="+90 342 555 01 17",
        colourway="pomegranate",
    ),
    CooperativeData(
        slug="telkar-silver-and-loom",
        name="Telkar Silver & Loom Cooperative",
        region="Mardin",
        country="Türkiye",
        founded_year=2011,
        member_count=24,
        languages="Turkish, Kurdish, Arabic, Turoyo",
        summary=(
            "Silver filigree (telkari) and hand-loomed cotton from women in Mardin, a city of "
            "honey-coloured stone above the Mesopotamian plain."
        ),
        description=(
            "Telkari, filigree drawn from silver wire finer than a hair, has been made in Mardin "
            "for centuries, almost always by men. Telkar was started by three women who had "
            "learned it at their fathers' benches and wanted a workshop of their own. They were "
            "joined by weavers from the villages below the city, who bring peshtemals and throws "
            "woven on wooden treadle looms.\n\n"
            "Each filigree piece starts as a cast bar of 925 silver, drawn and twisted into wire, "
            "then shaped with tweezers and soldered leaf by leaf. A pair of earrings takes the "
            "better part of two days. The weavers set up a warp of eight hundred threads by hand "
            "and weave a metre and a half in a good day."
        ),
        fair_trade_status="wfto_member",
        # Lapsed this spring and being renewed: the shop hides an expired status.
        fair_trade_expires=date(2025, 3, 31),
        contact_name="Meryem Aslan",
        contact_email="atolye@telkar.example",
        contact_phone="+90 482 555 02 44",
        colourway="saffron",
    ),
    CooperativeData(
        slug="yeniden-upcycled-textiles",
        name="Yeniden Upcycled Textiles Collective",
        region="Istanbul",
        country="Türkiye",
        founded_year=2019,
        member_count=17,
        languages="Turkish, Arabic, Dari, Persian",
        summary=(
            "Bags, kimonos and patchwork made in Istanbul from the offcuts of the city's garment "
            "workshops and from old kilims too worn to mend."
        ),
        description=(
            "Yeniden means 'again'. The collective collects what Istanbul's garment workshops "
            "throw away — ends of bolts, sample lengths, rolls with a flaw in the weave — and "
            "sorts it by colour on long shelves in a former print shop. Members come from "
            "Afghanistan, Syria, Iran and from Istanbul itself, and several were machinists in "
            "those same workshops.\n\n"
            "Nothing is dyed and nothing is bought new except thread and zips. Because the cloth "
            "comes in short runs, most pieces are one of a kind: two bags of the same pattern "
            "will rarely share the same fabrics."
        ),
        fair_trade_status="",
        fair_trade_expires=None,
        contact_name="Elif Demir",
        contact_email="merhaba@yeniden.example",
        contact_phone="+90 212 555 03 90",
        colourway="indigo",
    ),
    CooperativeData(
        slug="chhaap-block-print",
        name="Chhaap Block-Print & Mirror-Work Collective",
        region="Ahmedabad, Gujarat",
        country="India",
        founded_year=2008,
        member_count=120,
        languages="Gujarati, Hindi, Kutchi",
        summary=(
            "Women block-printers, dyers, bead-workers and mirror embroiderers in Ahmedabad, "
            "organised as a member-owned collective."
        ),
        description=(
            "Chhaap ('print') grew out of a savings group of home-based workers in the old city "
            "of Ahmedabad who were paid by the piece, late, by middlemen. Pooling their savings, "
            "they bought their own printing tables and, a few years later, a dye yard on the "
            "edge of the city.\n\n"
            "Printers work with carved teak blocks, some older than the collective, and dyes of "
            "indigo, madder and pomegranate rind. Members from Kutch add shisha — small mirrors "
            "held by a ring of buttonhole stitches — and a group of bead-workers strings the "
            "necklaces and earrings. Members own the collective, elect its board every two years "
            "and run a crèche and a literacy class in the same building."
        ),
        fair_trade_status="wfto_guaranteed",
        fair_trade_expires=date(2028, 6, 30),
        contact_name="Savitaben Parmar",
        contact_email="office@chhaap.example",
        contact_phone="+91 79 5550 4412",
        colourway="madder",
    ),
]


@dataclass(frozen=True)
class MakerData:
    slug: str
    cooperative: str
    display_name: str
    first_name: str
    consent_show_first_name: bool
    consent_show_photo: bool
    consent_show_story: bool
    crafts: str
    years_of_practice: int
    languages: str
    story: str
    legal_name: str
    nationality: str
    address: str
    colourway: str
    # A maker who withdrew photo consent may still have a portrait on file (hidden by the shop).
    has_portrait: bool = True


MAKERS = [
    # Zeytin Needlework, Gaziantep
    MakerData(
        "amal-zeytin",
        "zeytin-needlework",
        "Amal",
        "Amal",
        True,
        True,
        True,
        "Cross-stitch embroidery",
        26,
        "Arabic, Turkish",
        "My mother kept her patterns in her head and I keep mine in a school notebook, because "
        "my daughter asks for them. The cypress border on our cushions is from Idlib; the stars "
        "are mine. I like a piece that looks simple from across the room and busy from close up.",
        "Amal Haddad",
        "Syrian",
        "Düztepe Mah., 14 Sokak No. 7, Şahinbey, Gaziantep",
        "pomegranate",
    ),
    MakerData(
        "hatice-zeytin",
        "zeytin-needlework",
        "Hatice",
        "Hatice",
        True,
        True,
        True,
        "Antep openwork (Antep işi)",
        34,
        "Turkish",
        "Antep işi is counted thread by thread: you pull some out and bind the rest into little "
        "windows. I learned at twelve and taught it to the Syrian women at Zeytin; they taught me "
        "their cross-stitch. Now our table runners have both, and I think they are better for it.",
        "Hatice Yıldız",
        "Turkish",
        "Kavaklık Mah., 3 Cadde No. 22, Şehitkamil, Gaziantep",
        "sand",
    ),
    MakerData(
        "umm-yusuf-zeytin",
        "zeytin-needlework",
        "Umm Yusuf",
        "Rasha",
        False,
        False,
        True,
        "Cross-stitch embroidery, finishing",
        15,
        "Arabic",
        "I do the last part: I line the cushions, set the zips and press everything. If a stitch "
        "is loose, I find it. My son says I have the eyes of a customs officer.",
        "Rasha Al-Khatib",
        "Syrian",
        "Karşıyaka Mah., 9 Sokak No. 31, Şahinbey, Gaziantep",
        "olive",
        False,
    ),
    MakerData(
        "nour-zeytin",
        "zeytin-needlework",
        "Nour",
        "Nour",
        True,
        False,
        True,
        "Tatreez, sewing",
        9,
        "Arabic, English, Turkish",
        "I studied English literature in Aleppo and I embroider in the evenings, after my "
        "teaching. I design our hair ties and pouches from the ends of the linen, so nothing "
        "from a cushion goes to waste.",
        "Nour Kassab",
        "Syrian",
        "Bey Mah., 2 Sokak No. 5, Şahinbey, Gaziantep",
        "rose",
    ),
    MakerData(
        "zeynep-zeytin",
        "zeytin-needlework",
        "Zeynep",
        "Zeynep",
        True,
        True,
        True,
        "Sewing, pattern cutting",
        20,
        "Turkish, Kurdish",
        "I cut and sew the tunics. I grade the patterns myself so that the embroidered yoke sits "
        "right on every size, not only on the sample.",
        "Zeynep Kaya",
        "Turkish",
        "Yeditepe Mah., 11 Sokak No. 2, Şahinbey, Gaziantep",
        "moss",
    ),
    MakerData(
        "yasemin-zeytin",
        "zeytin-needlework",
        "Yasemin",
        "Ghada",
        False,
        False,
        False,
        "Cross-stitch embroidery",
        12,
        "Arabic",
        "",
        "Ghada Al-Hamwi",
        "Syrian",
        "Ünaldı Mah., 5 Sokak No. 18, Şahinbey, Gaziantep",
        "turquoise",
        False,
    ),
    # Telkar Silver & Loom, Mardin
    MakerData(
        "meryem-telkar",
        "telkar-silver-and-loom",
        "Meryem",
        "Meryem",
        True,
        True,
        True,
        "Silver filigree (telkari)",
        22,
        "Turkish, Arabic",
        "My father would not let me solder, so I watched. When he retired he gave me his "
        "drawplate. Filigree is patience and good light: I work from eight until the sun leaves "
        "the window.",
        "Meryem Aslan",
        "Turkish",
        "Şehidiye Mah., 243 Sokak No. 4, Artuklu, Mardin",
        "saffron",
    ),
    MakerData(
        "shamiram-telkar",
        "telkar-silver-and-loom",
        "Shamiram",
        "Shamiram",
        True,
        True,
        True,
        "Silver filigree (telkari)",
        16,
        "Turoyo, Turkish, Arabic",
        "The leaf pattern on my earrings comes from the door of our church in Midyat. I draw "
        "every design on squared paper before I touch the wire, then I never look at the paper "
        "again.",
        "Shamiram Barsoum",
        "Turkish",
        "Ulu Cami Mah., 118 Sokak No. 9, Artuklu, Mardin",
        "indigo",
    ),
    MakerData(
        "rojda-telkar",
        "telkar-silver-and-loom",
        "Rojda",
        "Rojda",
        True,
        True,
        True,
        "Loom weaving",
        28,
        "Kurdish, Turkish",
        "I weave peshtemals on my grandmother's loom, which my husband rebuilt with new "
        "treadles. The red stripe is for our village; every weaver there has her own stripe.",
        "Rojda Özdemir",
        "Turkish",
        "Kızıltepe, Mardin",
        "madder",
    ),
    MakerData(
        "hevi-telkar",
        "telkar-silver-and-loom",
        "Hêvî",
        "Berfin",
        False,
        False,
        True,
        "Loom weaving",
        11,
        "Kurdish, Turkish",
        "My throws are thick because winters in the village are long. I use two weft threads "
        "together so they keep their shape for years.",
        "Berfin Tekin",
        "Turkish",
        "Ömerli, Mardin",
        "moss",
        False,
    ),
    MakerData(
        "leyla-telkar",
        "telkar-silver-and-loom",
        "Leyla",
        "Leyla",
        True,
        True,
        False,
        "Silver filigree, bead setting",
        7,
        "Arabic, Turkish",
        "",
        "Leyla Hussein",
        "Iraqi",
        "13 Mart Mah., 51 Sokak No. 12, Artuklu, Mardin",
        "turquoise",
    ),
    # Yeniden Upcycled Textiles, Istanbul
    MakerData(
        "elif-yeniden",
        "yeniden-upcycled-textiles",
        "Elif",
        "Elif",
        True,
        True,
        True,
        "Machine sewing, patchwork",
        18,
        "Turkish",
        "I sewed jeans for export for eleven years and never knew who wore them. Now I sign "
        "every bag and I like to think of it on somebody's shoulder in a rainy city.",
        "Elif Demir",
        "Turkish",
        "Bağlar Mah., 7 Sokak No. 40, Bağcılar, İstanbul",
        "indigo",
    ),
    MakerData(
        "mariam-yeniden",
        "yeniden-upcycled-textiles",
        "Mariam",
        "Mariam",
        True,
        True,
        True,
        "Embroidery, garment making",
        21,
        "Dari, Persian, Turkish",
        "In Herat I made wedding clothes. Here I make kimonos from silk that was going to be "
        "thrown away, and I add a little Herati embroidery at the neck, like a signature.",
        "Mariam Ahmadi",
        "Afghan",
        "Kazım Karabekir Mah., 19 Sokak No. 3, Esenler, İstanbul",
        "rose",
    ),
    MakerData(
        "gul-yeniden",
        "yeniden-upcycled-textiles",
        "Gül",
        "Shirin",
        False,
        False,
        True,
        "Patchwork, quilting",
        10,
        "Persian, Turkish",
        "I sort the fabric. It sounds like nothing, but a good patchwork is decided on the "
        "shelf, before any cutting: which blue sits next to which red.",
        "Shirin Rahimi",
        "Iranian",
        "Güngören Merkez Mah., 4 Sokak No. 16, Güngören, İstanbul",
        "charcoal",
        False,
    ),
    MakerData(
        "hala-yeniden",
        "yeniden-upcycled-textiles",
        "Hala",
        "Hala",
        True,
        True,
        True,
        "Sewing, hair accessories",
        6,
        "Arabic, Turkish",
        "I started with scrunchies from the smallest scraps, the ones nobody wanted. Now they "
        "are what we sell most, and I have three apprentices.",
        "Hala Mansour",
        "Syrian",
        "Fatih, İstanbul",
        "turquoise",
    ),
    MakerData(
        "sevgi-yeniden",
        "yeniden-upcycled-textiles",
        "Sevgi",
        "Sevgi",
        True,
        False,
        True,
        "Machine sewing, leather trims",
        25,
        "Turkish",
        "I do the straps and the leather corners, from belts and jackets the second-hand "
        "market cannot sell. Strong stitching, doubled at every corner.",
        "Sevgi Öztürk",
        "Turkish",
        "Zeytinburnu, İstanbul",
        "sand",
    ),
    # Chhaap Block-Print & Mirror-Work, Ahmedabad
    MakerData(
        "savita-chhaap",
        "chhaap-block-print",
        "Savitaben",
        "Savitaben",
        True,
        True,
        True,
        "Hand block printing",
        24,
        "Gujarati, Hindi",
        "A block has to be placed by feel: you find the corner of the last print with your "
        "fingertips and press. On a long table I walk more than two kilometres a day.",
        "Savitaben Parmar",
        "Indian",
        "Jamalpur, Ahmedabad 380001, Gujarat",
        "madder",
    ),
    MakerData(
        "kokila-chhaap",
        "chhaap-block-print",
        "Kokila",
        "Kokila",
        True,
        True,
        True,
        "Mirror work (shisha), Kutch embroidery",
        30,
        "Kutchi, Gujarati",
        "In my village in Kutch every girl learned shisha for her dowry. I still stitch the way "
        "my aunt taught me, but now I choose the colours myself, and I am paid for them.",
        "Kokila Rabari",
        "Indian",
        "Behrampura, Ahmedabad 380022, Gujarat",
        "pomegranate",
    ),
    MakerData(
        "rukhsana-chhaap",
        "chhaap-block-print",
        "Rukhsana",
        "Rukhsana",
        True,
        True,
        True,
        "Natural dyeing, block printing",
        19,
        "Gujarati, Hindi, Urdu",
        "I run the indigo vat. It is alive: you feed it, you keep it warm, you let it rest on "
        "Sundays. A scarf goes in green and comes out blue in the air.",
        "Rukhsana Shaikh",
        "Indian",
        "Dariyapur, Ahmedabad 380001, Gujarat",
        "indigo",
    ),
    MakerData(
        "hansa-chhaap",
        "chhaap-block-print",
        "Hansa",
        "Hansa",
        True,
        True,
        True,
        "Bead work (moti bharat)",
        14,
        "Gujarati",
        "I string beads in the afternoons with four friends. We count in Gujarati and "
        "sometimes we lose count because of the gossip, so I check every strand twice.",
        "Hansaben Solanki",
        "Indian",
        "Gomtipur, Ahmedabad 380021, Gujarat",
        "turquoise",
    ),
    MakerData(
        "meera-chhaap",
        "chhaap-block-print",
        "Meera",
        "Jayaben",
        False,
        False,
        False,
        "Bead work, hand block printing",
        8,
        "Gujarati, Hindi",
        "",
        "Jayaben Makwana",
        "Indian",
        "Saraspur, Ahmedabad 380018, Gujarat",
        "saffron",
        False,
    ),
]


@dataclass(frozen=True)
class ProductTemplate:
    """A kind of piece a cooperative makes; each colourway of it is a product."""

    key: str
    category: str  # the sub-category's code, e.g. "jewelry/necklaces"
    product_class: str
    cooperative: str
    craft: str  # matched against the makers' crafts to choose who made it
    title: str
    description: str
    materials: tuple[str, ...]
    technique: str
    hours: tuple[int, int]
    price: tuple[int, int]
    care: str
    drawing: str
    colourways: tuple[str, ...]
    size: str = ""
    dimensions: str = ""
    views: int = 2
    extra: dict = field(default_factory=dict)


COLOURWAY_NAMES = {
    "pomegranate": "Pomegranate red",
    "indigo": "Indigo",
    "saffron": "Saffron",
    "olive": "Olive",
    "rose": "Dusty rose",
    "turquoise": "Turquoise",
    "charcoal": "Charcoal",
    "sand": "Sand",
    "madder": "Madder red",
    "moss": "Moss green",
}

CARE_SILVER = (
    "Polish gently with a soft cloth. Keep away from perfume and sea water; store in the pouch "
    "it comes in."
)
CARE_BEADS = "Wipe with a dry cloth. Take off before swimming or showering."
CARE_COTTON_30 = "Wash inside out at 30 °C with similar colours. Dry flat; iron on the reverse."
CARE_LINEN_40 = "Machine wash at 40 °C. Iron while slightly damp. Softens with every wash."
CARE_INDIGO = (
    "Hand wash in cold water on its own for the first few washes: natural indigo gives a "
    "little colour at first. Dry in the shade."
)
CARE_WOOL = "Hand wash cold with wool soap, or dry clean. Dry flat, away from the sun."
CARE_SPOT = "Spot clean with a damp cloth. Not for the washing machine."

TEMPLATES = [
    # Jewelry
    ProductTemplate(
        "filigree-pendant",
        "jewelry/necklaces",
        "jewelry",
        "telkar-silver-and-loom",
        "filigree",
        "Telkari filigree rosette pendant",
        "A rosette of ten filigree petals in 925 silver, each petal drawn from wire twisted by "
        "hand and soldered one at a time, on a 45 cm silver chain. The rosette is 3 cm across "
        "and weighs about 6 g, light enough to forget you are wearing it.",
        ("silver",),
        "Silver filigree (telkari)",
        (14, 18),
        (96, 145),
        CARE_SILVER,
        "necklace",
        ("saffron", "indigo", "turquoise"),
        size="Chain 45 cm",
        views=3,
    ),
    ProductTemplate(
        "moti-necklace",
        "jewelry/necklaces",
        "jewelry",
        "chhaap-block-print",
        "bead",
        "Moti glass-bead necklace",
        "Glass beads strung in the moti bharat way of Saurashtra, alternating large and small "
        "so the strand drapes softly, finished with a small brass medallion. Adjustable with a "
        "sliding knot from 42 to 52 cm.",
        ("glass-beads", "brass", "cotton"),
        "Bead work (moti bharat)",
        (5, 7),
        (28, 42),
        CARE_BEADS,
        "necklace",
        ("pomegranate", "turquoise", "saffron"),
        size="42–52 cm",
    ),
    ProductTemplate(
        "filigree-drop-earrings",
        "jewelry/earrings",
        "jewelry",
        "telkar-silver-and-loom",
        "filigree",
        "Filigree leaf drop earrings",
        "A filigree disc inspired by the carved doors of Midyat, with a drop of glass beads "
        "below. Sterling silver hooks. 6 cm long, 5 g each.",
        ("silver", "glass-beads"),
        "Silver filigree (telkari)",
        (12, 16),
        (68, 98),
        CARE_SILVER,
        "earrings",
        ("indigo", "pomegranate", "moss"),
        size="6 cm drop",
        views=3,
    ),
    ProductTemplate(
        "beaded-jhumka",
        "jewelry/earrings",
        "jewelry",
        "chhaap-block-print",
        "bead",
        "Beaded jhumka earrings",
        "Small bell-shaped earrings in glass beads on brass hooks, light enough for all day. "
        "Each pair is strung to match, bead by bead, by one of Chhaap's bead-workers.",
        ("glass-beads", "brass"),
        "Bead work (moti bharat)",
        (3, 4),
        (18, 26),
        CARE_BEADS,
        "earrings",
        ("turquoise", "saffron", "rose"),
        size="4.5 cm drop",
    ),
    ProductTemplate(
        "silver-bangle",
        "jewelry/bracelets",
        "jewelry",
        "telkar-silver-and-loom",
        "filigree",
        "Dotted silver bangle",
        "A solid 925 silver bangle edged with granulation — tiny silver beads soldered in a "
        "row — and set with one bead of coloured glass. Inner diameter 6.2 cm.",
        ("silver", "glass-beads"),
        "Silver filigree (telkari)",
        (9, 12),
        (74, 118),
        CARE_SILVER,
        "bracelet",
        ("olive", "pomegranate"),
        size="Inner diameter 6.2 cm",
    ),
    ProductTemplate(
        "bead-bracelet",
        "jewelry/bracelets",
        "jewelry",
        "chhaap-block-print",
        "bead",
        "Three-colour bead bracelet",
        "Glass beads on strong elastic cord, in three colours that repeat like a woven border. "
        "Fits most wrists (16–19 cm).",
        ("glass-beads",),
        "Bead work (moti bharat)",
        (1, 2),
        (18, 24),
        CARE_BEADS,
        "bracelet",
        ("pomegranate", "turquoise", "saffron"),
        size="16–19 cm",
    ),
    ProductTemplate(
        "filigree-ring",
        "jewelry/rings",
        "jewelry",
        "telkar-silver-and-loom",
        "filigree",
        "Filigree flower ring",
        "A small filigree flower on a plain silver band, with a glass bead at its heart. The "
        "band is open at the back so it adjusts from EU 52 to 58.",
        ("silver", "glass-beads"),
        "Silver filigree (telkari)",
        (6, 8),
        (48, 72),
        CARE_SILVER,
        "ring",
        ("indigo", "moss", "rose"),
        size="Adjustable (EU 52–58)",
    ),
    ProductTemplate(
        "brass-stacking-rings",
        "jewelry/rings",
        "jewelry",
        "chhaap-block-print",
        "bead",
        "Brass stacking rings, set of two",
        "Two hammered brass bands, one set with a bead, to wear together or apart. Brass warms "
        "to a soft gold with wear.",
        ("brass", "glass-beads"),
        "Hand forging, bead setting",
        (2, 3),
        (22, 32),
        "Brass darkens naturally; a little lemon juice and a soft cloth bring back the shine.",
        "ring",
        ("saffron", "turquoise"),
        size="EU 54 and 56",
    ),
    # Household textiles
    ProductTemplate(
        "cross-stitch-cushion",
        "household-textiles/cushion-covers",
        "textile",
        "zeytin-needlework",
        "cross-stitch",
        "Cross-stitch star cushion cover",
        "Nine eight-pointed stars in Syrian cross-stitch on a heavy cotton ground, framed by a "
        "single embroidered line. About 40,000 stitches. Hidden zip at the back, lined with "
        "unbleached cotton. Insert not included.",
        ("cotton",),
        "Cross-stitch embroidery (tatreez)",
        (30, 38),
        (58, 86),
        CARE_COTTON_30,
        "cushion:cross-stitch",
        ("pomegranate", "indigo", "olive"),
        size="Square",
        dimensions="45 × 45 cm",
        views=3,
    ),
    ProductTemplate(
        "shisha-cushion",
        "household-textiles/cushion-covers",
        "textile",
        "chhaap-block-print",
        "mirror",
        "Shisha mirror-work cushion cover",
        "Small round mirrors held in rings of buttonhole stitch on hand-dyed cotton, the way "
        "they are worked in Kutch. The mirrors catch lamplight in the evening. Envelope back.",
        ("cotton", "mirror-glass"),
        "Mirror work (shisha)",
        (18, 24),
        (48, 68),
        CARE_SPOT,
        "cushion:mirror",
        ("madder", "indigo", "saffron"),
        size="Square",
        dimensions="40 × 40 cm",
    ),
    ProductTemplate(
        "patchwork-cushion",
        "household-textiles/cushion-covers",
        "textile",
        "yeniden-upcycled-textiles",
        "patchwork",
        "Kilim patchwork cushion cover",
        "Pieced from the sound parts of old kilims and workshop offcuts, backed with heavy "
        "canvas and closed with wooden buttons. Every cover is different.",
        ("wool", "reclaimed-fabric", "wood"),
        "Patchwork from reclaimed cloth",
        (5, 7),
        (38, 54),
        CARE_SPOT,
        "cushion:star",
        ("charcoal", "sand"),
        size="Rectangular",
        dimensions="35 × 50 cm",
    ),
    ProductTemplate(
        "antep-runner",
        "household-textiles/table-linen",
        "textile",
        "zeytin-needlework",
        "openwork",
        "Antep openwork table runner",
        "Linen table runner with a border of Antep işi: threads drawn out one by one and the "
        "rest bound into tiny windows, a technique counted thread by thread. Hemmed by hand.",
        ("linen",),
        "Antep openwork (Antep işi)",
        (40, 52),
        (84, 138),
        CARE_LINEN_40,
        "table-linen:star",
        ("sand", "olive"),
        size="Runner",
        dimensions="35 × 150 cm",
    ),
    ProductTemplate(
        "block-print-tablecloth",
        "household-textiles/table-linen",
        "textile",
        "chhaap-block-print",
        "block print",
        "Hand block-printed tablecloth",
        "Printed by hand with carved teak blocks on a 12-metre table, in natural dyes of "
        "madder and indigo. You can find the joins between repeats if you look: that is the "
        "mark of the hand.",
        ("cotton", "natural-dyes"),
        "Hand block printing",
        (8, 12),
        (46, 72),
        CARE_INDIGO,
        "table-linen:paisley",
        ("madder", "indigo", "turquoise"),
        size="Six places",
        dimensions="150 × 220 cm",
    ),
    ProductTemplate(
        "cloth-napkins",
        "household-textiles/table-linen",
        "textile",
        "zeytin-needlework",
        "cross-stitch",
        "Embroidered napkins, set of four",
        "Four cotton-linen napkins, each with a small cross-stitch motif in one corner, so "
        "everyone at the table knows which is theirs.",
        ("cotton", "linen"),
        "Cross-stitch embroidery",
        (8, 10),
        (34, 46),
        CARE_LINEN_40,
        "table-linen:cross-stitch",
        ("rose", "olive", "indigo"),
        size="Set of four",
        dimensions="40 × 40 cm each",
    ),
    ProductTemplate(
        "striped-peshtemal",
        "household-textiles/towels-peshtemals",
        "textile",
        "telkar-silver-and-loom",
        "loom",
        "Hand-loomed striped peshtemal",
        "A flat-woven cotton peshtemal from a treadle loom in the villages below Mardin: light, "
        "quick to dry, and softer with every wash. Twisted fringes tied by hand. Bath towel, "
        "beach blanket or tablecloth.",
        ("cotton",),
        "Treadle loom weaving",
        (6, 9),
        (32, 48),
        CARE_COTTON_30,
        "towel",
        ("madder", "indigo", "moss"),
        size="Bath",
        dimensions="95 × 180 cm",
        views=3,
    ),
    ProductTemplate(
        "hand-towels",
        "household-textiles/towels-peshtemals",
        "textile",
        "telkar-silver-and-loom",
        "loom",
        "Honeycomb hand towels, pair",
        "Two hand towels in a honeycomb weave that drinks water like terry but dries in an "
        "hour. Cotton warp, linen weft, with a woven stripe at each end.",
        ("cotton", "linen"),
        "Treadle loom weaving",
        (4, 6),
        (26, 36),
        CARE_COTTON_30,
        "towel",
        ("saffron", "turquoise"),
        size="Hand",
        dimensions="50 × 90 cm each",
    ),
    ProductTemplate(
        "kilim-throw",
        "household-textiles/throws-blankets",
        "textile",
        "telkar-silver-and-loom",
        "loom",
        "Wool throw with kilim band",
        "A heavy throw in undyed and dyed wool, with a band of diamonds borrowed from the "
        "kilims of the Mardin villages. Woven with a doubled weft so it keeps its shape for "
        "years.",
        ("wool", "cotton"),
        "Treadle loom weaving",
        (22, 30),
        (118, 160),
        CARE_WOOL,
        "throw",
        ("madder", "olive", "charcoal"),
        size="Sofa",
        dimensions="130 × 180 cm",
    ),
    ProductTemplate(
        "patchwork-quilt",
        "household-textiles/throws-blankets",
        "textile",
        "yeniden-upcycled-textiles",
        "patchwork",
        "Patchwork quilt from workshop offcuts",
        "Cotton offcuts from Istanbul's garment workshops, sorted by colour and pieced into "
        "squares, then quilted by hand in straight lines through a cotton filling.",
        ("cotton", "reclaimed-fabric"),
        "Patchwork and hand quilting",
        (28, 36),
        (110, 155),
        CARE_COTTON_30,
        "throw",
        ("indigo", "rose"),
        size="Single",
        dimensions="140 × 200 cm",
    ),
    # Clothing
    ProductTemplate(
        "block-print-scarf",
        "clothing/scarves-shawls",
        "clothing",
        "chhaap-block-print",
        "block print",
        "Block-printed cotton scarf",
        "A light cotton mulmul scarf, hand block-printed with a repeating buti motif in "
        "natural dyes and finished with a hand-rolled edge.",
        ("cotton", "natural-dyes"),
        "Hand block printing",
        (3, 5),
        (28, 42),
        CARE_INDIGO,
        "scarf:paisley",
        ("indigo", "madder", "saffron", "turquoise"),
        size="One size",
        dimensions="70 × 180 cm",
        views=3,
    ),
    ProductTemplate(
        "silk-shawl",
        "clothing/scarves-shawls",
        "clothing",
        "chhaap-block-print",
        "dye",
        "Indigo-dyed silk shawl",
        "Silk from Bhagalpur dipped by hand in a living indigo vat, then printed with a border "
        "of small flowers. Light enough to fold into a pocket, warm enough for a cool evening.",
        ("silk", "natural-dyes"),
        "Natural dyeing, hand block printing",
        (6, 9),
        (64, 96),
        CARE_INDIGO,
        "scarf:flower",
        ("indigo", "charcoal", "rose"),
        size="One size",
        dimensions="90 × 200 cm",
    ),
    ProductTemplate(
        "embroidered-tunic",
        "clothing/dresses-tunics",
        "clothing",
        "zeytin-needlework",
        "sewing",
        "Cotton tunic with embroidered yoke",
        "A loose cotton tunic with a cross-stitch yoke worked before the pieces are sewn "
        "together, so the pattern meets neatly at the shoulder seams. Side pockets. Length "
        "about 95 cm in size M.",
        ("cotton",),
        "Cross-stitch embroidery, tailoring",
        (16, 22),
        (78, 118),
        CARE_COTTON_30,
        "dress",
        ("moss", "indigo", "pomegranate"),
        size="M",
    ),
    ProductTemplate(
        "block-print-dress",
        "clothing/dresses-tunics",
        "clothing",
        "chhaap-block-print",
        "block print",
        "Block-printed kurta dress",
        "A straight kurta dress in hand block-printed cotton with a mirror-work neckline and "
        "three-quarter sleeves. Cut generously; length about 110 cm.",
        ("cotton", "natural-dyes", "mirror-glass"),
        "Hand block printing, mirror work",
        (12, 16),
        (68, 96),
        CARE_INDIGO,
        "dress",
        ("madder", "saffron", "rose"),
        size="L",
    ),
    ProductTemplate(
        "silk-kimono",
        "clothing/kimonos-jackets",
        "clothing",
        "yeniden-upcycled-textiles",
        "garment",
        "Reclaimed-silk kimono jacket",
        "A short kimono jacket cut from silk left over at an Istanbul scarf workshop, with a "
        "little Herati embroidery at the collar. No two are pieced the same.",
        ("silk", "reclaimed-fabric"),
        "Patchwork, embroidery",
        (10, 14),
        (88, 140),
        "Dry clean, or hand wash cold and dry in the shade.",
        "kimono",
        ("rose", "charcoal", "turquoise"),
        size="One size",
        views=3,
    ),
    ProductTemplate(
        "patchwork-jacket",
        "clothing/kimonos-jackets",
        "clothing",
        "yeniden-upcycled-textiles",
        "patchwork",
        "Quilted patchwork jacket",
        "A boxy quilted jacket in cotton patchwork, with a cotton lining and two deep pockets. "
        "Warm without weight.",
        ("cotton", "reclaimed-fabric"),
        "Patchwork, machine quilting",
        (14, 18),
        (110, 158),
        CARE_COTTON_30,
        "kimono",
        ("indigo", "sand"),
        size="S",
    ),
    # Accessories
    ProductTemplate(
        "kilim-tote",
        "accessories/bags",
        "accessory",
        "yeniden-upcycled-textiles",
        "leather",
        "Upcycled canvas tote",
        "A roomy tote pieced from workshop canvas and denim offcuts, with leather-reinforced "
        "corners and long handles that go over a coat. Inside pocket for keys.",
        ("cotton", "reclaimed-fabric", "leather"),
        "Machine sewing from reclaimed cloth",
        (3, 5),
        (34, 52),
        CARE_SPOT,
        "bag:patchwork",
        ("indigo", "charcoal", "sand"),
        size="38 × 42 × 12 cm",
        views=3,
    ),
    ProductTemplate(
        "shisha-shoulder-bag",
        "accessories/bags",
        "accessory",
        "chhaap-block-print",
        "mirror",
        "Mirror-work shoulder bag",
        "A cotton shoulder bag covered in shisha mirrors and chain stitch, lined with "
        "block-printed cotton and closed with a magnetic snap.",
        ("cotton", "mirror-glass"),
        "Mirror work (shisha)",
        (14, 18),
        (52, 78),
        CARE_SPOT,
        "bag:mirror",
        ("madder", "pomegranate"),
        size="28 × 30 cm",
    ),
    ProductTemplate(
        "zip-pouch",
        "accessories/pouches-purses",
        "accessory",
        "zeytin-needlework",
        "tatreez",
        "Embroidered zip pouch",
        "A lined pouch for pens, make-up or a passport, made from the linen left over from our "
        "cushions and finished with a tassel pull.",
        ("linen", "cotton"),
        "Cross-stitch embroidery",
        (5, 7),
        (22, 32),
        CARE_SPOT,
        "pouch:cross-stitch",
        ("saffron", "rose", "indigo"),
        size="14 × 22 cm",
    ),
    ProductTemplate(
        "mirror-purse",
        "accessories/pouches-purses",
        "accessory",
        "chhaap-block-print",
        "mirror",
        "Shisha coin purse",
        "A small purse with three rows of mirrors, a brass zip and a block-printed lining.",
        ("cotton", "mirror-glass", "brass"),
        "Mirror work (shisha)",
        (4, 6),
        (18, 26),
        CARE_SPOT,
        "pouch:mirror",
        ("pomegranate", "turquoise"),
        size="11 × 15 cm",
    ),
    ProductTemplate(
        "scrunchies",
        "accessories/hair-accessories",
        "accessory",
        "yeniden-upcycled-textiles",
        "hair",
        "Silk scrunchies, set of three",
        "Three scrunchies from silk offcuts, gentle on hair and strong enough for thick curls.",
        ("silk", "reclaimed-fabric"),
        "Machine sewing from reclaimed cloth",
        (1, 2),
        (18, 24),
        "Hand wash cold.",
        "hair",
        ("rose", "turquoise", "charcoal"),
        size="Set of three",
    ),
    ProductTemplate(
        "embroidered-headband",
        "accessories/hair-accessories",
        "accessory",
        "zeytin-needlework",
        "tatreez",
        "Embroidered knot headband",
        "A soft knotted headband in cotton, with a band of cross-stitch across the top.",
        ("cotton",),
        "Cross-stitch embroidery",
        (3, 4),
        (18, 26),
        CARE_COTTON_30,
        "hair",
        ("olive", "pomegranate"),
        size="One size",
    ),
]

# Names for the extra makers that `--makers N` adds beyond the written ones (benchmarks only).
EXTRA_MAKER_NAMES = {
    "zeytin-needlework": ["Rania", "Fatma", "Huda", "Emine", "Samar", "Ayşe", "Lina", "Dilek"],
    "telkar-silver-and-loom": ["Nesrin", "Gülistan", "Mariam", "Zelal", "Sara", "Berivan"],
    "yeniden-upcycled-textiles": ["Parwana", "Selin", "Zahra", "Melek", "Farida", "Derya"],
    "chhaap-block-print": ["Geetaben", "Lakshmi", "Nazma", "Radha", "Farzana", "Manjula"],
}
