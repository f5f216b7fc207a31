"""The words of the demo stories and fair-trade pages (`stories.demo` puts them in the tree).

The people are the demo's makers, looked up by slug; what they say here is consistent with the
words on their own maker pages. Paragraphs are stored HTML, as the editor would save it.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StoryData:
    slug: str
    title: str
    lead: str
    date: str
    author: str
    cooperative: str
    makers: tuple[str, ...]
    product_words: tuple[str, ...]  # fallback: cooperative products whose title has these words
    colourway: str
    paragraphs: tuple[str, ...]
    quote: str
    closing: tuple[str, ...] = field(default_factory=tuple)
    maker_note: str = ""


STORIES = [
    StoryData(
        slug="the-stars-are-mine",
        title="The stars are mine: Amal's notebook of patterns",
        lead=(
            "Amal keeps every cross-stitch chart she has ever drawn in a school exercise book. "
            "The cypress border on Zeytin's cushions comes from Idlib; the eight-pointed stars "
            "inside it are her own."
        ),
        date="2026-10-02",
        author="Ortak editors, with Amal",
        cooperative="zeytin-needlework",
        makers=("amal-zeytin",),
        product_words=("cushion",),
        colourway="pomegranate",
        paragraphs=(
            "<p>Amal has embroidered for twenty-six years, first at her mother's side in Idlib "
            "and, since 2017, at the long table by the north window of the Zeytin workshop in "
            "Gaziantep. Her mother never wrote a pattern down. Amal draws hers on squared paper "
            "in a blue school notebook, one square to a stitch, because her daughter asked her "
            "to.</p>",
            "<h2>Counting, not drawing</h2>"
            "<p>Cross-stitch is counted: every X covers two threads of the linen in each "
            "direction, so a star is a matter of arithmetic before it is a matter of colour. A "
            "cushion cover holds a little over eleven thousand stitches. Amal works the outline "
            "of each star first in the darkest red, then fills it, then turns the cloth and "
            "checks the back, which at Zeytin must be as tidy as the front.</p>",
            "<p>The border is older than she is. It is a row of cypresses her grandmother "
            "stitched on dowry cushions, and it is the only part of the design Amal will not "
            "change. The stars inside it she redraws for every colourway; there are forty-one "
            "versions in the notebook so far.</p>",
        ),
        quote=(
            "I like a piece that looks simple from across the room and busy from close up. If "
            "you come close, I want you to find something."
        ),
        closing=(
            "<p>Each cover takes about two working days. Amal is paid by the cooperative when "
            "it is finished and checked, not when it sells, and her name goes on the label.</p>",
        ),
        maker_note="Amal designs most of Zeytin's cross-stitch stars.",
    ),
    StoryData(
        slug="windows-in-the-linen",
        title="Windows in the linen: how Antep openwork is made",
        lead=(
            "Antep işi is embroidery by subtraction: threads are drawn out of the linen and the "
            "ones left behind are bound into tiny square windows. Hatice learned it at twelve, "
            "and taught it to the women who taught her cross-stitch."
        ),
        date="2026-09-18",
        author="Ortak editors",
        cooperative="zeytin-needlework",
        makers=("hatice-zeytin", "amal-zeytin"),
        product_words=("runner", "napkins"),
        colourway="sand",
        paragraphs=(
            "<p>Before Hatice makes a single stitch she pulls threads out. With the point of a "
            "needle she lifts one thread of the warp, cuts it, and draws it the length of the "
            "panel; then the next one, and the one after, in a rhythm of four out and four left. "
            "Then she does the same across the weft. What is left is a fine grid, and the "
            "embroidery begins: each bundle of threads is wrapped and bound so the grid becomes "
            "a lattice of windows.</p>",
            "<p>Antep işi belongs to Gaziantep the way baklava does, and for a long time it was "
            "taught in the city's homes and nowhere else. When the first Syrian members came to "
            "Zeytin in 2017, they knew cross-stitch and not openwork; Hatice knew openwork and "
            "not cross-stitch. They spent the first winter teaching each other.</p>",
            "<h2>Two stitches on one runner</h2>"
            "<p>The table runners Zeytin makes now carry both: openwork panels at the ends, a "
            "cross-stitch band between them. Hatice cuts and draws the threads; Amal, or another "
            "of the cross-stitchers, works the band. A runner takes around three days between "
            "them.</p>",
        ),
        quote=(
            "I learned at twelve and taught it to the Syrian women at Zeytin; they taught me "
            "their cross-stitch. Now our table runners have both, and I think they are better "
            "for it."
        ),
        maker_note="Hatice has worked Antep openwork for thirty-four years.",
    ),
    StoryData(
        slug="wire-finer-than-a-hair",
        title="Wire finer than a hair: silver filigree in Mardin",
        lead=(
            "Telkari has been made in Mardin for centuries, almost always by men. Meryem learned "
            "it at her father's bench, and in 2011 opened a workshop with two other women who "
            "had done the same."
        ),
        date="2026-08-27",
        author="Ortak editors, with Meryem",
        cooperative="telkar-silver-and-loom",
        makers=("meryem-telkar",),
        product_words=("filigree",),
        colourway="saffron",
        paragraphs=(
            "<p>A pair of Telkar's earrings starts as a small cast bar of 925 silver. Meryem "
            "draws it through a steel plate of ever smaller holes until it is a wire about a "
            "quarter of a millimetre across, then twists two wires together and flattens them, "
            "so the finished thread catches the light along its length.</p>",
            "<h2>Leaf by leaf</h2>"
            "<p>The frame of each leaf is bent from a heavier wire. The fine twisted wire is "
            "coiled with tweezers and packed into the frame, coil against coil, until it holds "
            "itself. Then each piece is dusted with solder filings and heated with a small "
            "flame just long enough for the solder to run and not a moment longer; too long, "
            "and the coils collapse into a puddle. A rosette pendant has more than sixty "
            "coils.</p>",
            "<p>Meryem, Shamiram and the third founder set up Telkar in 2011, in a room of honey-"
            "coloured stone in the old city. Today the workshop trains two apprentices a year, "
            "and the women decide together which pieces to make and what to charge for them.</p>",
        ),
        quote=(
            "My father said a woman's hands were too warm for filigree. I think he just did not "
            "want the competition."
        ),
        maker_note="Meryem is one of Telkar's three founders.",
    ),
    StoryData(
        slug="eight-hundred-threads",
        title="Eight hundred threads: weaving peshtemals below Mardin",
        lead=(
            "Before Rojda throws the shuttle once, she has threaded eight hundred lengths of "
            "cotton through the heddles of her treadle loom by hand. A good day's weaving after "
            "that is a metre and a half."
        ),
        date="2026-07-30",
        author="Ortak editors",
        cooperative="telkar-silver-and-loom",
        makers=("rojda-telkar",),
        product_words=("peshtemal", "towels", "throw"),
        colourway="madder",
        paragraphs=(
            "<p>Rojda weaves in a village on the plain below Mardin, on a wooden treadle loom "
            "that was her aunt's. Setting it up takes the better part of two days: the warp is "
            "measured out on pegs along the courtyard wall, wound on to the back beam, and every "
            "thread is passed through its heddle and the reed in order. One mistake shows as a "
            "line the whole length of the cloth.</p>",
            "<h2>Stripes you can count</h2>"
            "<p>The stripes on a peshtemal are not printed. They are in the warp, thread by "
            "thread, and Rojda plans them on a strip of card before she winds a single length. "
            "The honeycomb towels are woven with a treadling that lifts the threads in a "
            "different order every four picks, so the cloth puckers into cells that dry "
            "quickly.</p>",
            "<p>Twenty-eight years in, she still weaves a sample before every new warp, and "
            "washes it twice, because cotton shrinks and a towel must come out square.</p>",
        ),
        quote=(
            "People think the weaving is the work. The weaving is the reward. The work is the "
            "two days before it."
        ),
        maker_note="Rojda brings the village weavers' cloth up to the Telkar workshop.",
    ),
    StoryData(
        slug="again-offcuts",
        title="Again: how Yeniden sews Istanbul's offcuts into bags",
        lead=(
            "Yeniden means 'again'. Elif sewed jeans for export for eleven years; now she sorts "
            "what the city's garment workshops throw away and signs what she makes from it."
        ),
        date="2026-07-08",
        author="Ortak editors, with Elif",
        cooperative="yeniden-upcycled-textiles",
        makers=("elif-yeniden",),
        product_words=("tote", "patchwork"),
        colourway="indigo",
        paragraphs=(
            "<p>Twice a week a van brings sacks of cloth from the garment workshops of "
            "Istanbul: ends of bolts, sample lengths, rolls with a flaw in the weave. In a "
            "former print shop, Elif and the other members sort it by colour and weight on long "
            "shelves. Nothing is dyed and nothing is bought new except thread and zips.</p>",
            "<h2>One of a kind, by necessity</h2>"
            "<p>Because the cloth comes in short runs, two bags of the same pattern rarely share "
            "the same fabrics. Elif lays out each tote's panels on the cutting table like a "
            "puzzle, heavy canvas for the base, something brighter for the pocket, and she "
            "double-stitches every seam that will carry weight, the way she learned on the "
            "jeans line.</p>",
        ),
        quote=(
            "I sewed jeans for export for eleven years and never knew who wore them. Now I sign "
            "what I make."
        ),
        closing=(
            "<p>The collective keeps a tally of the cloth it takes in. Last year it was a little "
            "over four tonnes that would otherwise have been burned.</p>",
        ),
        maker_note="Elif runs Yeniden's cutting table.",
    ),
    StoryData(
        slug="a-kimono-from-remnants",
        title="A kimono from the remnants: Mariam's silk jackets",
        lead=(
            "Mariam learned garment making in Herat and embroidery from her grandmother. At "
            "Yeniden she cuts kimono jackets from reclaimed silk, fitting the pattern around "
            "whatever the remnant allows."
        ),
        date="2026-06-12",
        author="Ortak editors",
        cooperative="yeniden-upcycled-textiles",
        makers=("mariam-yeniden",),
        product_words=("kimono", "scrunchies"),
        colourway="rose",
        paragraphs=(
            "<p>A kimono jacket is a generous, forgiving shape: straight panels, a collar band, "
            "sleeves cut square. That is why Mariam chose it. Reclaimed silk arrives in pieces "
            "rarely longer than a metre, and a kimono can be pieced across the back or the "
            "sleeves without looking patched.</p>",
            "<p>She French-seams every join by hand-guided machine so that no raw edge shows "
            "inside, then finishes the collar band with a line of running stitch in a contrast "
            "thread: her signature, and a nod to the embroidery she grew up with.</p>",
            "<p>What is left over after the jackets are cut goes to the next table, where the "
            "smallest pieces become scrunchies and hair ties. Very little of a silk remnant "
            "reaches the bin.</p>",
        ),
        quote=(
            "A remnant tells you what it wants to be. My job is to listen before I cut, because "
            "there is no second piece."
        ),
        maker_note="Mariam cuts and sews Yeniden's kimono jackets.",
    ),
    StoryData(
        slug="teak-blocks",
        title="Teak blocks older than the collective",
        lead=(
            "Some of the carved blocks on Chhaap's printing tables were cut before the "
            "collective existed. Savitaben, who helped found it, prints with them every day."
        ),
        date="2026-05-21",
        author="Ortak editors, with Savitaben",
        cooperative="chhaap-block-print",
        makers=("savita-chhaap",),
        product_words=("block", "tablecloth", "scarf"),
        colourway="madder",
        paragraphs=(
            "<p>Chhaap began as a savings group of home-based printers in Ahmedabad's old city, "
            "women who were paid by the piece, late, by middlemen. When they had saved enough "
            "they bought their own printing tables, and a few years later a dye yard on the edge "
            "of the city. Savitaben has printed for twenty-four years and chairs the collective's "
            "board this term.</p>",
            "<h2>Registration by eye</h2>"
            "<p>A block-printed tablecloth is printed in layers: an outline block first, then a "
            "block for each colour, each one laid exactly into the print of the one before. There "
            "are no marks to line them up with. Savitaben lowers each block by eye, strikes the "
            "back once with the heel of her hand, and lifts it clean. A tablecloth takes around "
            "nine hundred impressions.</p>",
            "<p>The dyes are indigo, madder and pomegranate rind, fixed in the yard and washed in "
            "running water. The small irregularities where one impression meets the next are how "
            "you can tell the cloth was printed by hand.</p>",
        ),
        quote=(
            "Before, we printed for someone who sold to someone who sold to you. Now the "
            "collective owns the tables, and we decide the price."
        ),
        maker_note="Savitaben chairs Chhaap's elected board.",
    ),
    StoryData(
        slug="a-thousand-small-mirrors",
        title="A thousand small mirrors: shisha work from Kutch",
        lead=(
            "Kokila learned shisha embroidery in Kutch as a girl. Each mirror on a Chhaap cushion "
            "is held by nothing but a ring of buttonhole stitches she works around it."
        ),
        date="2026-04-29",
        author="Ortak editors",
        cooperative="chhaap-block-print",
        makers=("kokila-chhaap",),
        product_words=("shisha", "mirror"),
        colourway="saffron",
        paragraphs=(
            "<p>A shisha mirror has no hole in it. To hold it to the cloth, Kokila lays two "
            "threads across it one way and two the other, making a frame, then works a dense "
            "ring of buttonhole stitches into that frame all the way round, so the cloth closes "
            "over the mirror's edge like a window frame. Done well, the mirror cannot fall out "
            "and the stitches do not catch.</p>",
            "<p>A cushion cover has a few dozen mirrors; a shoulder bag, sometimes more than a "
            "hundred, each ringed by hand. Kokila, who has thirty years of practice, works the "
            "rings by feel and can keep talking while she does it.</p>",
            "<h2>Patterns from home</h2>"
            "<p>The motifs around the mirrors, peacocks, flowers and the chain stitch borders, "
            "come from the embroidery of Kutch, where Kokila grew up. She teaches them to younger "
            "members at the collective's Saturday class.</p>",
        ),
        quote=(
            "In my village we said the mirrors keep away the evil eye. Here I say they keep "
            "away boring cushions."
        ),
        maker_note="Kokila teaches the Saturday embroidery class at Chhaap.",
    ),
    StoryData(
        slug="indigo-takes-its-time",
        title="Indigo takes its time",
        lead=(
            "In Chhaap's dye yard, Rukhsana tends the indigo vats like a kitchen: fed, stirred, "
            "and left alone when they need to be. A silk shawl goes in and out of the vat a "
            "dozen times."
        ),
        date="2026-03-19",
        author="Ortak editors, with Rukhsana",
        cooperative="chhaap-block-print",
        makers=("rukhsana-chhaap",),
        product_words=("indigo", "shawl"),
        colourway="indigo",
        paragraphs=(
            "<p>Indigo does not dissolve in water. To dye with it, Rukhsana keeps fermentation "
            "vats in the dye yard, fed with jaggery and lime, that turn the blue pigment into a "
            "soluble yellow-green. Cloth dipped into the vat comes out green and turns blue in "
            "front of you as the air reaches it.</p>",
            "<p>One dip gives a pale sky colour. The deep indigo of the shawls takes a dozen "
            "dips, with the cloth aired between each. Rushing it makes a colour that rubs off; "
            "Rukhsana would rather lose a day than a customer's trust.</p>",
        ),
        quote=(
            "The vat is alive. Some mornings it is in a good mood and some mornings it is not, "
            "and you learn to wait for it."
        ),
        maker_note="Rukhsana looks after the indigo vats in Chhaap's dye yard.",
    ),
]


FAIR_TRADE_INTRO = (
    "What fair trade means at Ortak: who sets the prices, where your money goes, and how your "
    "parcel reaches you."
)

INFO_PAGES = [
    {
        "slug": "principles",
        "title": "Our principles",
        "intro": (
            "The ten principles of fair trade, as the World Fair Trade Organization sets them "
            "out, and how we hold ourselves to them."
        ),
        "paragraphs": [
            "<p>Ortak sells only what women's cooperatives make and price themselves. We work to "
            "the ten principles of the World Fair Trade Organization (WFTO), and we show each "
            "cooperative's certification on its page only while it is valid.</p>",
            "<h2>What we commit to</h2><ol>"
            "<li><b>Opportunities for disadvantaged producers.</b> We work with cooperatives of "
            "women, many of them refugees, who are shut out of ordinary supply chains.</li>"
            "<li><b>Transparency and accountability.</b> Every product names the woman who made "
            "it (as far as she wishes to be named) and her cooperative.</li>"
            "<li><b>Fair trading practices.</b> Cooperatives are paid for stock they send us; we "
            "do not take goods on sale-or-return from producers who cannot afford to wait.</li>"
            "<li><b>Fair payment.</b> Prices are set by the cooperatives, from the time a piece "
            "takes at a local living wage (see <i>How prices are set</i>).</li>"
            "<li><b>No child labour and no forced labour.</b> Members are adults who choose their "
            "hours; several cooperatives run a crèche so mothers can work.</li>"
            "<li><b>Non-discrimination, gender equity and freedom of association.</b> The "
            "cooperatives are run by their members, who elect their boards.</li>"
            "<li><b>Good working conditions.</b> Daylight, ventilation in the dye yards, and "
            "the choice to work from home.</li>"
            "<li><b>Capacity building.</b> Training for apprentices, literacy classes, and "
            "help with photography and pricing for the shop.</li>"
            "<li><b>Promoting fair trade.</b> These pages, and the stories, are part of it.</li>"
            "<li><b>Respect for the environment.</b> Natural dyes, reclaimed cloth, and plastic-"
            "free packing.</li></ol>",
            "<h2>Consent comes first</h2><p>A maker's photo, first name and story appear only "
            "with her consent, recorded by her cooperative. She can withdraw it at any time, and "
            "the shop hides them at once. Her full name, address and nationality are never "
            "published.</p>",
        ],
    },
    {
        "slug": "how-prices-are-set",
        "title": "How prices are set",
        "intro": (
            "Each cooperative prices its members' work from the hours it takes, the materials it "
            "needs and what the cooperative itself costs to run."
        ),
        "paragraphs": [
            "<p>We do not set the price of anything we sell. Each cooperative sends us its price "
            "for each piece, worked out by its members, and we add our margin on top, openly.</p>",
            "<h2>The cooperative's sum</h2><ul>"
            "<li><b>Time.</b> The hours a piece takes, at an hourly rate the members agree each "
            "year, at or above a living wage where they live (not the legal minimum, which is "
            "often lower).</li>"
            "<li><b>Materials.</b> Linen, silver, dyes, thread, zips, and the cloth that is "
            "wasted in cutting.</li>"
            "<li><b>The cooperative's costs.</b> Rent of the workshop, the crèche, tools, "
            "training, and a reserve for slow months.</li></ul>",
            "<p>You can see the time on each product page: 'hours to make' is the cooperative's "
            "own figure. A pair of filigree earrings takes the better part of two days; a "
            "block-printed tablecloth about nine hundred impressions of a carved block.</p>",
            "<h2>When prices change</h2><p>Cooperatives review their prices once a year, or when "
            "the cost of materials moves sharply (silver, most often). A price rise at a "
            "cooperative reaches the shop within a week.</p>",
        ],
    },
    {
        "slug": "where-the-money-goes",
        "title": "Where your money goes",
        "intro": (
            "The maker's share of every sale is recorded when you buy, line by line, and paid "
            "through her cooperative."
        ),
        "paragraphs": [
            "<p>When you buy, each line of your order records the maker and the cooperative "
            "behind it at that moment, with the cooperative's share and the maker's share of the "
            "price. Those records are what we pay from, so a later change to the catalogue never "
            "changes what a maker is owed.</p>",
            "<h2>An example</h2><p>For a cross-stitch cushion cover that a cooperative prices at "
            "€30 and we sell for €48 (VAT included):</p><ul>"
            "<li>€30 goes to the cooperative, which pays the maker for her hours when the piece "
            "is finished and keeps the rest for materials and running costs;</li>"
            "<li>the VAT included in the price goes to the tax office;</li>"
            "<li>the remainder is Ortak's: card fees, photography, packing, customer service, "
            "and these pages.</li></ul>",
            "<p>Shipping charges pay for shipping and nothing else.</p>",
            "<h2>Paying the cooperatives</h2><p>Cooperatives are paid monthly, by bank transfer "
            "or, where the country allows it, through Stripe. Each payout lists the order lines "
            "it covers, so a cooperative can show every member what was sold and what she "
            "earned.</p>",
        ],
    },
    {
        "slug": "shipping-and-returns",
        "title": "Shipping and returns",
        "intro": "How your parcel reaches you, what it costs, and how to send something back.",
        "paragraphs": [
            "<h2>Delivery</h2><ul>"
            "<li><b>Standard delivery:</b> €4.90, 5–8 working days. Free for orders over €75.</li>"
            "<li><b>Express delivery:</b> €12.90, 1–3 working days, tracked.</li></ul>"
            "<p>Pieces are packed in tissue and recycled card, without plastic, and many are "
            "sent from the cooperative itself. You will get an email with tracking when your "
            "parcel leaves.</p>",
            "<h2>Returns</h2><p>If a piece is not right for you, you can send it back unused "
            "within 30 days of delivery for a full refund of its price. Write to us with your "
            "order number and we will send you a return address. We refund within five working "
            "days of receiving the return.</p>",
            "<p>The maker is paid for her work whether or not you return it: the cooperative "
            "does not carry the cost of a return.</p>",
            "<h2>Something wrong?</h2><p>If a piece arrives damaged or is not what its page "
            "described, tell us within 30 days and we will replace or refund it, and pay the "
            "return postage.</p>",
        ],
    },
    {
        "slug": "about",
        "title": "About Ortak",
        "intro": (
            "Ortak means 'shared' in Turkish. We are a small shop that sells what women's "
            "cooperatives make, and tells you who made it."
        ),
        "paragraphs": [
            "<p>Ortak started with four cooperatives: Zeytin in Gaziantep, Telkar in Mardin, "
            "Yeniden in Istanbul and Chhaap in Ahmedabad. Their members are Turkish, Syrian, "
            "Kurdish, Assyrian, Afghan, Iranian and Gujarati women; many came to the cities they "
            "work in as refugees, and many grew up there.</p>",
            "<p>What they have in common is a craft, a cooperative they run themselves, and a "
            "wish to sell their work at a price that pays for the time it takes. We give them a "
            "shop that does that, and we keep the record of every sale so that each maker can see "
            "what she earned.</p>",
            "<h2>Get in touch</h2><p>Cooperatives who would like to sell through Ortak, and "
            "customers with a question, can write to hello@ortak.example.</p>",
        ],
    },
]
