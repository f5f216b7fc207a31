"""Pictures for the demo shop, drawn with Pillow: goods in their colours, portraits, workshops.

Each picture is drawn at twice its size and scaled down, which gives smooth edges without
anti-aliased primitives; a deterministic `random.Random` makes the same picture every run.
The portraits are abstract on purpose: a patterned silhouette, never a face.
"""

import functools
import math
import random
from collections.abc import Callable
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageFilter

RGB = tuple[int, int, int]
SIZE = 800
SCALE = 2
JPEG_QUALITY = 82

# Colourways: the name a customer reads, and the colours the goods are drawn in
# (ground, two accents, a light thread and a dark one).
PALETTES: dict[str, list[RGB]] = {
    "pomegranate": [(158, 32, 42), (236, 178, 64), (34, 74, 92), (246, 232, 208), (70, 20, 28)],
    "indigo": [(38, 56, 112), (232, 226, 206), (196, 84, 52), (210, 220, 236), (18, 26, 58)],
    "saffron": [(226, 152, 36), (128, 36, 42), (38, 98, 88), (250, 236, 196), (92, 52, 18)],
    "olive": [(104, 112, 56), (226, 196, 120), (150, 58, 40), (240, 232, 200), (50, 54, 26)],
    "rose": [(212, 128, 136), (112, 44, 70), (240, 206, 160), (250, 232, 228), (92, 36, 52)],
    "turquoise": [(36, 142, 148), (236, 188, 92), (170, 48, 54), (222, 242, 238), (16, 64, 70)],
    "charcoal": [(58, 58, 62), (214, 170, 92), (180, 70, 60), (228, 224, 214), (24, 24, 26)],
    "sand": [(214, 190, 150), (120, 72, 48), (64, 96, 110), (246, 238, 222), (96, 70, 48)],
    "madder": [(176, 64, 44), (244, 214, 160), (40, 48, 80), (250, 240, 224), (84, 30, 22)],
    "moss": [(72, 104, 76), (232, 200, 140), (156, 72, 64), (228, 236, 220), (30, 48, 34)],
}
SILVER: list[RGB] = [(196, 200, 206), (236, 238, 242), (120, 126, 136)]
BRASS: list[RGB] = [(200, 160, 72), (242, 214, 140), (120, 90, 36)]
SKIN_TONES: list[RGB] = [
    (150, 102, 74),
    (122, 82, 58),
    (178, 128, 94),
    (98, 66, 48),
    (196, 150, 112),
]
BACKGROUNDS: list[RGB] = [(232, 222, 204), (222, 212, 196), (238, 232, 220), (214, 200, 182)]


def _lighter(colour: RGB, amount: float = 0.35) -> RGB:
    return tuple(int(c + (255 - c) * amount) for c in colour)  # type: ignore[return-value]


def _darker(colour: RGB, amount: float = 0.3) -> RGB:
    return tuple(int(c * (1 - amount)) for c in colour)  # type: ignore[return-value]


@functools.cache
def _grain(size: tuple[int, int], sigma: int, floor: int) -> Image.Image:
    """Noise to multiply a colour with; drawn once per size, as noise is the slowest step."""
    return (
        Image.effect_noise(size, sigma)
        .point(lambda v: floor + v * (255 - floor) // 255)
        .convert("RGB")
    )


def _fabric(size: tuple[int, int], colour: RGB, rng: random.Random, weave: int = 6) -> Image.Image:
    """A flat colour with grain and a faint weave, so it reads as cloth rather than paint."""
    image = Image.new("RGB", size, colour)
    image = Image.blend(image, ImageChops.multiply(image, _grain(size, 14, 190)), 0.5)
    draw = ImageDraw.Draw(image)
    shade = _darker(colour, 0.06)
    for x in range(0, size[0], weave):
        draw.line([(x, 0), (x, size[1])], fill=shade, width=1)
    for y in range(0, size[1], weave * 2):
        draw.line([(0, y), (size[0], y)], fill=_lighter(colour, 0.04), width=1)
    return image


def _wood(size: tuple[int, int], rng: random.Random) -> Image.Image:
    base = rng.choice([(150, 104, 70), (128, 88, 60), (176, 130, 90)])
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    y = 0
    while y < size[1]:
        height = rng.randint(6, 22)
        draw.rectangle([0, y, size[0], y + height], fill=_darker(base, rng.uniform(0, 0.12)))
        y += height
    return Image.blend(image, ImageChops.multiply(image, _grain(size, 20, 200)), 0.6)


def _soft(mask: Image.Image, radius: int) -> Image.Image:
    """A Gaussian blur done at a quarter of the size: a soft shadow needs no detail."""
    small = mask.resize((mask.width // 4, mask.height // 4), Image.Resampling.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(max(1, radius // 4)))
    return small.resize(mask.size, Image.Resampling.BILINEAR)


def _shadow(canvas: Image.Image, mask: Image.Image, offset: int, blur: int, strength: int = 90):
    shadow = Image.new("L", canvas.size, 0)
    shadow.paste(mask, (offset, offset), mask)
    shadow = _soft(shadow, blur).point(lambda v: v * strength // 255)
    canvas.paste((40, 30, 24), (0, 0), shadow)


def _paste_shape(canvas: Image.Image, layer: Image.Image, mask: Image.Image, shadow: int = 24):
    _shadow(canvas, mask, shadow, shadow)
    canvas.paste(layer, (0, 0), mask)


# Motifs, stitched or printed onto a ground. Each draws around a centre within radius r.


def _cross_stitch_diamond(draw: ImageDraw.ImageDraw, cx, cy, r, colour, accent, stitch=None):
    stitch = stitch or max(4, r // 5)
    steps = r // stitch
    for i in range(-steps, steps + 1):
        for j in range(-steps, steps + 1):
            distance = abs(i) + abs(j)
            if distance > steps or (distance not in (steps, steps - 2) and distance > 1):
                continue
            x, y = cx + i * stitch, cy + j * stitch
            fill = accent if distance <= 1 else colour
            half = stitch // 2 - 1
            draw.line(
                [(x - half, y - half), (x + half, y + half)], fill=fill, width=max(2, stitch // 4)
            )
            draw.line(
                [(x - half, y + half), (x + half, y - half)], fill=fill, width=max(2, stitch // 4)
            )


def _star(draw: ImageDraw.ImageDraw, cx, cy, r, colour, accent, **_):
    for angle in (0, 45):
        points = [
            (
                cx + r * math.cos(math.radians(angle + 90 * k)),
                cy + r * math.sin(math.radians(angle + 90 * k)),
            )
            for k in range(4)
        ]
        draw.polygon(points, fill=colour)
    draw.ellipse([cx - r * 0.35, cy - r * 0.35, cx + r * 0.35, cy + r * 0.35], fill=accent)


def _flower(draw: ImageDraw.ImageDraw, cx, cy, r, colour, accent, **_):
    for k in range(8):
        angle = math.radians(45 * k)
        px, py = cx + r * 0.55 * math.cos(angle), cy + r * 0.55 * math.sin(angle)
        draw.ellipse([px - r * 0.32, py - r * 0.32, px + r * 0.32, py + r * 0.32], fill=colour)
    draw.ellipse([cx - r * 0.3, cy - r * 0.3, cx + r * 0.3, cy + r * 0.3], fill=accent)


def _paisley_outline(cx, cy, r) -> list[tuple[float, float]]:
    """A teardrop whose tip bends over: a round body and a tail drawn as two quadratic curves."""
    body_y, body_r = cy + r * 0.3, r * 0.6
    points = [
        (cx + body_r * math.cos(math.radians(a)), body_y + body_r * math.sin(math.radians(a)))
        for a in range(0, 181, 12)
    ]
    tip = (cx + r * 0.55, cy - r)

    def curve(start, control, end):
        return [
            (
                (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t**2 * end[0],
                (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t**2 * end[1],
            )
            for t in (k / 10 for k in range(1, 11))
        ]

    points += curve(points[-1], (cx - r * 0.75, cy - r * 0.55), tip)
    points += curve(tip, (cx + r * 0.1, cy - r * 0.3), points[0])
    return points


def _paisley(draw: ImageDraw.ImageDraw, cx, cy, r, colour, accent, **_):
    draw.polygon(_paisley_outline(cx, cy, r), fill=colour)
    inner = [
        (cx + (x - cx) * 0.6, cy + r * 0.12 + (y - cy) * 0.6)
        for x, y in _paisley_outline(cx, cy, r)
    ]
    draw.polygon(inner, fill=_lighter(colour, 0.6))
    draw.ellipse([cx - r * 0.16, cy + r * 0.2, cx + r * 0.16, cy + r * 0.52], fill=accent)
    for a in range(200, 341, 35):
        px = cx + r * 0.82 * math.cos(math.radians(a - 180))
        py = cy + r * 0.3 + r * 0.82 * math.sin(math.radians(a - 180))
        draw.ellipse([px - r * 0.07, py - r * 0.07, px + r * 0.07, py + r * 0.07], fill=colour)


def _mirror(draw: ImageDraw.ImageDraw, cx, cy, r, colour, accent, **_):
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
    for k in range(12):
        angle = math.radians(30 * k)
        px, py = cx + r * 0.8 * math.cos(angle), cy + r * 0.8 * math.sin(angle)
        draw.line(
            [(cx + r * 0.5 * math.cos(angle), cy + r * 0.5 * math.sin(angle)), (px, py)],
            fill=accent,
            width=max(2, int(r * 0.08)),
        )
    draw.ellipse(
        [cx - r * 0.5, cy - r * 0.5, cx + r * 0.5, cy + r * 0.5],
        fill=SILVER[1],
        outline=SILVER[2],
        width=max(2, int(r * 0.06)),
    )


MOTIFS: dict[str, Callable] = {
    "cross-stitch": _cross_stitch_diamond,
    "star": _star,
    "flower": _flower,
    "paisley": _paisley,
    "mirror": _mirror,
}


def _tile(draw, box, motif: str, spacing: int, radius: int, colours, offset_rows: bool = True):
    left, top, right, bottom = box
    for row, y in enumerate(range(int(top) + spacing // 2, int(bottom), spacing)):
        shift = spacing // 2 if offset_rows and row % 2 else 0
        for column, x in enumerate(range(int(left) + spacing // 2 + shift, int(right), spacing)):
            colour = colours[(row + column) % len(colours)]
            MOTIFS[motif](draw, x, y, radius, colour, colours[-1])


def _stripes(draw, box, colours, widths, vertical=False):
    left, top, right, bottom = box
    position = left if vertical else top
    end = right if vertical else bottom
    index = 0
    while position < end:
        width = widths[index % len(widths)]
        colour = colours[index % len(colours)]
        if vertical:
            draw.rectangle([position, top, min(position + width, end), bottom], fill=colour)
        else:
            draw.rectangle([left, position, right, min(position + width, end)], fill=colour)
        position += width
        index += 1


def _fringe(draw, x0, x1, y, length, colour, step=8, down=True):
    for x in range(int(x0), int(x1), step):
        draw.line([(x, y), (x + 2, y + (length if down else -length))], fill=colour, width=3)


def _bead(draw, cx, cy, r, colour):
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_darker(colour, 0.25))
    draw.ellipse([cx - r * 0.92, cy - r * 0.95, cx + r * 0.85, cy + r * 0.8], fill=colour)
    draw.ellipse(
        [cx - r * 0.55, cy - r * 0.6, cx - r * 0.1, cy - r * 0.2], fill=_lighter(colour, 0.6)
    )


def _filigree_disc(draw, cx, cy, r, metal):
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=metal[2], width=max(3, r // 10))
    draw.ellipse(
        [cx - r * 0.94, cy - r * 0.94, cx + r * 0.94, cy + r * 0.94],
        outline=metal[0],
        width=max(3, r // 12),
    )
    for k in range(10):
        angle = math.radians(36 * k)
        px, py = cx + r * 0.58 * math.cos(angle), cy + r * 0.58 * math.sin(angle)
        pr = r * 0.3
        draw.ellipse([px - pr, py - pr, px + pr, py + pr], outline=metal[1], width=max(2, r // 18))
    draw.ellipse(
        [cx - r * 0.22, cy - r * 0.22, cx + r * 0.22, cy + r * 0.22],
        fill=metal[1],
        outline=metal[2],
        width=2,
    )


# Goods. Each draws on a canvas `size` wide and returns it.


def _necklace(size, colours, rng):
    canvas = _fabric((size, size), rng.choice(BACKGROUNDS), rng, weave=10)
    draw = ImageDraw.Draw(canvas)
    metal = SILVER if rng.random() < 0.5 else BRASS
    left, right, top, sag = size * 0.16, size * 0.84, size * 0.12, size * 0.62
    beads = []
    t = 0.0
    while t <= 1.0:
        x = left + (right - left) * t
        y = top + sag * (1 - (2 * t - 1) ** 2)
        beads.append((x, y))
        t += 0.022
    draw.line(beads, fill=metal[2], width=4)
    pattern = [colours[0], colours[1], colours[0], colours[2], colours[3]]
    for index, (x, y) in enumerate(beads):
        radius = size * (0.022 if index % 2 else 0.016)
        _bead(draw, x, y, radius, pattern[index % len(pattern)])
    cx, cy = size / 2, top + sag + size * 0.1
    draw.line([(cx, top + sag), (cx, cy - size * 0.06)], fill=metal[2], width=5)
    _filigree_disc(draw, cx, cy, int(size * 0.08), metal)
    return canvas


def _earrings(size, colours, rng):
    canvas = _fabric((size, size), rng.choice(BACKGROUNDS), rng, weave=10)
    draw = ImageDraw.Draw(canvas)
    metal = SILVER if rng.random() < 0.7 else BRASS
    for cx in (size * 0.32, size * 0.68):
        top = size * 0.18
        draw.arc(
            [cx - size * 0.05, top - size * 0.06, cx + size * 0.05, top + size * 0.04],
            180,
            360,
            fill=metal[2],
            width=6,
        )
        draw.line(
            [(cx + size * 0.05, top - size * 0.01), (cx, top + size * 0.12)], fill=metal[2], width=5
        )
        _filigree_disc(draw, cx, top + size * 0.24, int(size * 0.11), metal)
        for k, colour in enumerate((colours[0], colours[1], colours[0])):
            _bead(draw, cx, top + size * (0.4 + 0.06 * k), size * 0.026, colour)
        _bead(draw, cx, top + size * 0.6, size * 0.04, colours[2])
    return canvas


def _bracelet(size, colours, rng):
    canvas = _fabric((size, size), rng.choice(BACKGROUNDS), rng, weave=10)
    draw = ImageDraw.Draw(canvas)
    cx, cy, rx, ry = size / 2, size / 2, size * 0.32, size * 0.22
    if rng.random() < 0.5:
        count = 34
        for k in range(count):
            angle = 2 * math.pi * k / count
            _bead(
                draw,
                cx + rx * math.cos(angle),
                cy + ry * math.sin(angle),
                size * 0.03,
                colours[k % 3],
            )
    else:
        metal = SILVER if rng.random() < 0.6 else BRASS
        for inset, colour in ((0, metal[2]), (10, metal[0]), (24, metal[1])):
            draw.ellipse(
                [cx - rx + inset, cy - ry + inset, cx + rx - inset, cy + ry - inset],
                outline=colour,
                width=max(4, size // 30 - inset // 2),
            )
        for k in range(24):
            angle = 2 * math.pi * k / 24
            x, y = cx + (rx - 12) * math.cos(angle), cy + (ry - 12) * math.sin(angle)
            draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=metal[2])
        _bead(draw, cx, cy + ry - 8, size * 0.035, colours[0])
    return canvas


def _ring(size, colours, rng):
    canvas = _fabric((size, size), rng.choice(BACKGROUNDS), rng, weave=10)
    draw = ImageDraw.Draw(canvas)
    metal = SILVER if rng.random() < 0.7 else BRASS
    for cx, cy, r in (
        (size * 0.38, size * 0.55, size * 0.17),
        (size * 0.66, size * 0.42, size * 0.13),
    ):
        draw.ellipse(
            [cx - r, cy - r * 0.55, cx + r, cy + r * 0.55], outline=metal[2], width=int(r * 0.22)
        )
        draw.ellipse(
            [cx - r + 6, cy - r * 0.55 + 6, cx + r - 6, cy + r * 0.55 - 6],
            outline=metal[1],
            width=int(r * 0.08),
        )
        _filigree_disc(draw, cx, cy - r * 0.55, int(r * 0.45), metal)
        _bead(draw, cx, cy - r * 0.55, r * 0.16, colours[0])
    return canvas


def _cushion(size, colours, rng, motif=None):
    canvas = _fabric((size, size), rng.choice(BACKGROUNDS), rng, weave=12)
    layer = _fabric((size, size), colours[0], rng)
    draw = ImageDraw.Draw(layer)
    margin = size * 0.14
    box = [margin, margin, size - margin, size - margin]
    inner = margin + size * 0.07
    draw.rectangle([inner, inner, size - inner, size - inner], outline=colours[1], width=size // 80)
    motif = motif or rng.choice(["cross-stitch", "star", "flower", "mirror"])
    spacing = int((size - 2 * inner) / 3)
    _tile(
        draw,
        [inner, inner, size - inner, size - inner],
        motif,
        spacing,
        int(spacing * 0.33),
        [colours[1], colours[2], colours[3]],
        offset_rows=False,
    )
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle(box, radius=int(size * 0.08), fill=255)
    # Puffiness: a soft light centre, darker edges.
    shade = Image.new("L", (size, size), 0)
    ImageDraw.Draw(shade).rounded_rectangle(
        box, radius=int(size * 0.08), outline=255, width=int(size * 0.05)
    )
    shade = _soft(shade, size // 30)
    layer.paste((0, 0, 0), (0, 0), shade.point(lambda v: v * 70 // 255))
    _paste_shape(canvas, layer, mask, shadow=size // 40)
    return canvas


def _table_linen(size, colours, rng, motif=None):
    canvas = _wood((size, size), rng)
    layer = _fabric((size, size), colours[3], rng)
    draw = ImageDraw.Draw(layer)
    left, right = size * 0.22, size * 0.78
    top, bottom = size * 0.04, size * 0.96
    for edge in (left + size * 0.04, right - size * 0.07):
        draw.rectangle([edge, top, edge + size * 0.03, bottom], fill=colours[0])
    _tile(
        draw,
        [left + size * 0.09, top, right - size * 0.09, bottom],
        motif or rng.choice(["flower", "paisley", "star"]),
        int(size * 0.12),
        int(size * 0.04),
        [colours[0], colours[2]],
    )
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rectangle([left, top, right, bottom], fill=255)
    _paste_shape(canvas, layer, mask, shadow=size // 60)
    _fringe(ImageDraw.Draw(canvas), left, right, bottom, size * 0.03, colours[3])
    return canvas


def _towel(size, colours, rng):
    canvas = _fabric((size, size), rng.choice(BACKGROUNDS), rng, weave=12)
    draw = ImageDraw.Draw(canvas)
    stack = [(size * 0.58, colours[2]), (size * 0.4, colours[1]), (size * 0.2, colours[0])]
    for index, (top, colour) in enumerate(stack):
        left, right, height = size * 0.14 + index * 8, size * 0.86 - index * 8, size * 0.2
        layer = _fabric((size, size), colours[3], rng)
        layer_draw = ImageDraw.Draw(layer)
        _stripes(
            layer_draw,
            [left, top, right, top + height],
            [colour, colours[3], colour, colours[4]],
            [int(size * 0.035), int(size * 0.02), int(size * 0.01), int(size * 0.02)],
        )
        mask = Image.new("L", (size, size), 0)
        ImageDraw.Draw(mask).rounded_rectangle(
            [left, top, right, top + height], radius=18, fill=255
        )
        _paste_shape(canvas, layer, mask, shadow=size // 80)
    _fringe(draw, size * 0.18, size * 0.82, size * 0.78, size * 0.06, colours[3], step=10)
    return canvas


def _throw(size, colours, rng):
    canvas = _fabric((size, size), rng.choice(BACKGROUNDS), rng, weave=12)
    layer = _fabric((size, size), colours[0], rng, weave=8)
    draw = ImageDraw.Draw(layer)
    box = [size * 0.1, size * 0.16, size * 0.9, size * 0.84]
    band_top = size * 0.38
    _stripes(draw, [box[0], size * 0.2, box[2], size * 0.3], [colours[4], colours[1]], [10, 18])
    draw.rectangle([box[0], band_top, box[2], band_top + size * 0.2], fill=colours[3])
    step = size * 0.1
    x = box[0]
    while x < box[2]:
        draw.polygon(
            [
                (x, band_top + size * 0.1),
                (x + step / 2, band_top + size * 0.02),
                (x + step, band_top + size * 0.1),
                (x + step / 2, band_top + size * 0.18),
            ],
            fill=colours[2],
        )
        draw.polygon(
            [
                (x + step * 0.3, band_top + size * 0.1),
                (x + step / 2, band_top + size * 0.06),
                (x + step * 0.7, band_top + size * 0.1),
                (x + step / 2, band_top + size * 0.14),
            ],
            fill=colours[1],
        )
        x += step
    _stripes(draw, [box[0], size * 0.64, box[2], size * 0.74], [colours[1], colours[4]], [18, 10])
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle(box, radius=14, fill=255)
    # Folds: two soft shadows across the cloth.
    folds = Image.new("L", (size, size), 0)
    fold_draw = ImageDraw.Draw(folds)
    for y in (size * 0.36, size * 0.62):
        fold_draw.rectangle([box[0], y, box[2], y + 6], fill=120)
    layer.paste((0, 0, 0), (0, 0), _soft(folds, 8))
    _paste_shape(canvas, layer, mask, shadow=size // 50)
    _fringe(ImageDraw.Draw(canvas), box[0] + 10, box[2] - 10, box[3], size * 0.04, colours[0])
    return canvas


def _scarf(size, colours, rng, motif=None):
    canvas = _fabric((size, size), colours[3], rng, weave=6)
    draw = ImageDraw.Draw(canvas)
    motif = motif or rng.choice(["paisley", "flower", "star"])
    _tile(
        draw,
        [size * 0.08, size * 0.08, size * 0.92, size * 0.92],
        motif,
        int(size * 0.14),
        int(size * 0.045),
        [colours[0], colours[2]],
    )
    border = size * 0.06
    for inset, colour in ((0, colours[0]), (border * 0.7, colours[1])):
        draw.rectangle(
            [inset, inset, size - inset, size - inset], outline=colour, width=int(border * 0.6)
        )
    # Soft diagonal folds, as if the scarf lay draped.
    folds = Image.new("L", (size, size), 0)
    fold_draw = ImageDraw.Draw(folds)
    for k in range(-2, 4):
        offset = k * size * 0.3
        fold_draw.line([(offset, size), (offset + size, 0)], fill=90, width=size // 25)
    canvas.paste((255, 255, 255), (0, 0), _soft(folds, size // 20))
    return canvas


def _garment(size, colours, rng, kimono: bool):
    canvas = _fabric((size, size), rng.choice(BACKGROUNDS), rng, weave=12)
    layer = _fabric((size, size), colours[0], rng)
    draw = ImageDraw.Draw(layer)
    s = size
    if kimono:
        outline = [
            (0.3, 0.14),
            (0.7, 0.14),
            (0.95, 0.22),
            (0.95, 0.5),
            (0.72, 0.5),
            (0.72, 0.9),
            (0.28, 0.9),
            (0.28, 0.5),
            (0.05, 0.5),
            (0.05, 0.22),
        ]
        # Patchwork: blocks of the colourway in bands.
        for index, y in enumerate(range(int(s * 0.14), int(s * 0.9), int(s * 0.12))):
            for column, x in enumerate(range(0, s, int(s * 0.16))):
                colour = colours[(index + column) % 4]
                draw.rectangle([x, y, x + s * 0.16, y + s * 0.12], fill=colour)
                if (index + column) % 3 == 0:
                    _stripes(
                        draw,
                        [x, y, x + s * 0.16, y + s * 0.12],
                        [colour, colours[4]],
                        [8, 4],
                        vertical=True,
                    )
        draw.line([(s * 0.5, s * 0.16), (s * 0.5, s * 0.9)], fill=colours[4], width=6)
        draw.line(
            [(s * 0.42, s * 0.14), (s * 0.5, s * 0.3), (s * 0.58, s * 0.14)],
            fill=colours[4],
            width=8,
        )
    else:
        outline = [
            (0.38, 0.1),
            (0.62, 0.1),
            (0.8, 0.16),
            (0.9, 0.38),
            (0.78, 0.42),
            (0.72, 0.32),
            (0.8, 0.92),
            (0.2, 0.92),
            (0.28, 0.32),
            (0.22, 0.42),
            (0.1, 0.38),
            (0.2, 0.16),
        ]
        draw.rectangle([s * 0.38, s * 0.12, s * 0.62, s * 0.34], fill=colours[3])
        _tile(
            draw,
            [s * 0.38, s * 0.12, s * 0.62, s * 0.34],
            "cross-stitch",
            int(s * 0.08),
            int(s * 0.035),
            [colours[1], colours[2]],
            offset_rows=False,
        )
        _stripes(
            draw, [0, s * 0.84, s, s * 0.92], [colours[1], colours[3], colours[2]], [10, 6, 10]
        )
        draw.ellipse([s * 0.44, s * 0.06, s * 0.56, s * 0.16], fill=colours[0])
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).polygon([(x * s, y * s) for x, y in outline], fill=255)
    if not kimono:
        ImageDraw.Draw(mask).ellipse([s * 0.44, s * 0.06, s * 0.56, s * 0.15], fill=0)
    _paste_shape(canvas, layer, mask, shadow=size // 60)
    return canvas


def _dress(size, colours, rng):
    return _garment(size, colours, rng, kimono=False)


def _kimono(size, colours, rng):
    return _garment(size, colours, rng, kimono=True)


def _bag(size, colours, rng, motif=None):
    canvas = _fabric((size, size), rng.choice(BACKGROUNDS), rng, weave=12)
    draw = ImageDraw.Draw(canvas)
    s = size
    for x in (0.34, 0.58):
        draw.arc(
            [s * x, s * 0.1, s * (x + 0.1), s * 0.46],
            180,
            360,
            fill=colours[4],
            width=int(s * 0.025),
        )
    layer = _fabric((size, size), colours[0], rng)
    layer_draw = ImageDraw.Draw(layer)
    body = [(s * 0.2, s * 0.3), (s * 0.8, s * 0.3), (s * 0.84, s * 0.88), (s * 0.16, s * 0.88)]
    style = (
        motif
        if motif in ("stripes", "patchwork")
        else "motifs"
        if motif
        else rng.choice(["stripes", "motifs", "patchwork"])
    )
    if style == "stripes":
        _stripes(
            layer_draw,
            [0, s * 0.3, s, s * 0.9],
            [colours[0], colours[3], colours[1], colours[3]],
            [int(s * 0.06), 10, int(s * 0.03), 10],
        )
    elif style == "motifs":
        _tile(
            layer_draw,
            [s * 0.2, s * 0.34, s * 0.84, s * 0.88],
            motif if motif in MOTIFS else rng.choice(["mirror", "flower"]),
            int(s * 0.16),
            int(s * 0.05),
            [colours[1], colours[2]],
        )
    else:
        for index, y in enumerate(range(int(s * 0.3), int(s * 0.9), int(s * 0.15))):
            for column, x in enumerate(range(int(s * 0.16), int(s * 0.84), int(s * 0.17))):
                layer_draw.rectangle(
                    [x, y, x + s * 0.17, y + s * 0.15], fill=colours[(index * 2 + column) % 4]
                )
    layer_draw.rectangle([s * 0.16, s * 0.3, s * 0.84, s * 0.35], fill=colours[4])
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).polygon(body, fill=255)
    _paste_shape(canvas, layer, mask, shadow=size // 50)
    return canvas


def _pouch(size, colours, rng, motif=None):
    canvas = _fabric((size, size), rng.choice(BACKGROUNDS), rng, weave=12)
    s = size
    layer = _fabric((size, size), colours[0], rng)
    draw = ImageDraw.Draw(layer)
    box = [s * 0.14, s * 0.28, s * 0.86, s * 0.76]
    _tile(
        draw,
        [box[0], box[1] + s * 0.06, box[2], box[3]],
        motif or rng.choice(["mirror", "cross-stitch", "star"]),
        int(s * 0.14),
        int(s * 0.045),
        [colours[1], colours[2]],
    )
    draw.rectangle([box[0], box[1], box[2], box[1] + s * 0.05], fill=colours[4])
    for x in range(int(box[0] + 10), int(box[2] - 10), 14):
        draw.rectangle([x, box[1] + s * 0.018, x + 7, box[1] + s * 0.032], fill=SILVER[0])
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle(box, radius=int(s * 0.05), fill=255)
    _paste_shape(canvas, layer, mask, shadow=size // 60)
    draw = ImageDraw.Draw(canvas)
    tx, ty = box[2] - s * 0.02, box[1] + s * 0.025
    draw.line([(tx, ty), (tx + s * 0.04, ty + s * 0.08)], fill=colours[1], width=6)
    for k in range(9):
        draw.line(
            [(tx + s * 0.04, ty + s * 0.08), (tx + s * 0.02 + k * 4, ty + s * 0.2)],
            fill=colours[1],
            width=4,
        )
    return canvas


def _hair(size, colours, rng):
    background = rng.choice(BACKGROUNDS)
    canvas = _fabric((size, size), background, rng, weave=12)
    draw = ImageDraw.Draw(canvas)
    placements = [(0.32, 0.34, 0.19), (0.68, 0.38, 0.16), (0.48, 0.7, 0.18)]
    for index, (x, y, r) in enumerate(placements):
        cx, cy, radius = x * size, y * size, r * size
        colour = colours[index % 3]
        draw.ellipse(
            [cx - radius - 8 + 12, cy - radius + 12, cx + radius + 12, cy + radius + 12],
            fill=_darker(background, 0.12),
        )
        for k in range(28):
            angle = 2 * math.pi * k / 28
            px, py = cx + radius * 0.7 * math.cos(angle), cy + radius * 0.7 * math.sin(angle)
            fill = colour if k % 2 else _lighter(colour, 0.15)
            draw.ellipse(
                [px - radius * 0.32, py - radius * 0.32, px + radius * 0.32, py + radius * 0.32],
                fill=fill,
            )
        draw.ellipse(
            [cx - radius * 0.38, cy - radius * 0.38, cx + radius * 0.38, cy + radius * 0.38],
            fill=background,
        )
        if index == 1:
            _tile(
                draw,
                [cx - radius, cy - radius, cx + radius, cy + radius],
                "flower",
                int(radius * 0.5),
                int(radius * 0.08),
                [colours[3]],
            )
    return canvas


GOODS: dict[str, Callable[[int, list[RGB], random.Random], Image.Image]] = {
    "necklace": _necklace,
    "earrings": _earrings,
    "bracelet": _bracelet,
    "ring": _ring,
    "cushion": _cushion,
    "table-linen": _table_linen,
    "towel": _towel,
    "throw": _throw,
    "scarf": _scarf,
    "dress": _dress,
    "kimono": _kimono,
    "bag": _bag,
    "pouch": _pouch,
    "hair": _hair,
}


# Where a close-up looks: the embroidered yoke of a dress, the pendant of a necklace.
CLOSE_UP_FOCUS = {
    "dress": (0.5, 0.25),
    "necklace": (0.5, 0.72),
    "earrings": (0.3, 0.45),
    "pouch": (0.45, 0.5),
    "bag": (0.5, 0.6),
}


def _jpeg(image: Image.Image, quality: int = JPEG_QUALITY) -> bytes:
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def draw_product_views(kind: str, colourway: str, seed: int, count: int = 2) -> list[bytes]:
    """One to three JPEG views of a piece: the whole piece, a close-up, another setting.

    `kind` names the goods, optionally with its pattern: "cushion:mirror", "bag:stripes".
    """
    rng = random.Random(seed)
    colours = PALETTES[colourway]
    kind, _, motif = kind.partition(":")
    draw = GOODS[kind]
    if motif:
        draw = functools.partial(draw, motif=motif)
    big = draw(SIZE * SCALE, colours, rng)
    views = [big.resize((SIZE, SIZE), Image.Resampling.LANCZOS)]
    if count >= 2:
        # Part of the drawing at its full resolution: a close-up of the work.
        focus_x, focus_y = CLOSE_UP_FOCUS.get(kind, (0.5, 0.5))
        left = min(max(int(focus_x * SIZE * SCALE) - SIZE // 2, 0), SIZE * SCALE - SIZE)
        top = min(max(int(focus_y * SIZE * SCALE) - SIZE // 2, 0), SIZE * SCALE - SIZE)
        views.append(big.crop((left, top, left + SIZE, top + SIZE)))
    if count >= 3:
        other = draw(SIZE * SCALE, colours, random.Random(seed + 1))
        views.append(
            other.transpose(Image.Transpose.FLIP_LEFT_RIGHT).resize(
                (SIZE, SIZE), Image.Resampling.LANCZOS
            )
        )
    return [_jpeg(view) for view in views]


def draw_portrait(colourway: str, seed: int, size: int = 600) -> bytes:
    """An abstract, dignified portrait: a patterned silhouette against her colours, no face."""
    rng = random.Random(seed)
    colours = PALETTES[colourway]
    s = size * SCALE
    canvas = Image.new("RGB", (s, s), _lighter(colours[1], 0.55))
    draw = ImageDraw.Draw(canvas)
    _tile(
        draw,
        [0, 0, s, s],
        rng.choice(["star", "flower", "cross-stitch"]),
        s // 6,
        s // 22,
        [_lighter(colours[1], 0.35), _lighter(colours[2], 0.55)],
    )
    glow = Image.new("L", (s, s), 0)
    ImageDraw.Draw(glow).ellipse([s * 0.12, s * 0.08, s * 0.88, s * 0.84], fill=200)
    canvas.paste(_lighter(colours[1], 0.7), (0, 0), glow.filter(ImageFilter.GaussianBlur(s // 12)))
    figure = _darker(colours[0], 0.15)
    skin = rng.choice(SKIN_TONES)
    scarf = colours[rng.choice([0, 2, 4])]
    # Shoulders and garment.
    draw.ellipse([s * 0.14, s * 0.66, s * 0.86, s * 1.3], fill=figure)
    draw.polygon(
        [(s * 0.42, s * 0.56), (s * 0.58, s * 0.56), (s * 0.62, s * 0.7), (s * 0.38, s * 0.7)],
        fill=_darker(skin, 0.1),
    )
    # Head, and a headscarf or hair framing it.
    if rng.random() < 0.65:
        draw.ellipse([s * 0.33, s * 0.2, s * 0.67, s * 0.62], fill=scarf)
        draw.polygon(
            [(s * 0.33, s * 0.44), (s * 0.67, s * 0.44), (s * 0.74, s * 0.8), (s * 0.26, s * 0.8)],
            fill=scarf,
        )
        draw.ellipse([s * 0.39, s * 0.28, s * 0.61, s * 0.56], fill=skin)
    else:
        draw.ellipse([s * 0.34, s * 0.2, s * 0.66, s * 0.58], fill=colours[4])
        draw.ellipse([s * 0.38, s * 0.26, s * 0.62, s * 0.58], fill=skin)
        draw.ellipse([s * 0.44, s * 0.14, s * 0.6, s * 0.3], fill=colours[4])
    # An embroidered collar: the pattern she is known for.
    _tile(
        draw,
        [s * 0.22, s * 0.76, s * 0.78, s * 0.96],
        "cross-stitch",
        s // 12,
        s // 36,
        [colours[1], colours[3]],
        offset_rows=False,
    )
    image = canvas.resize((size, size), Image.Resampling.LANCZOS)
    return _jpeg(image)


def draw_workshop(colourway: str, seed: int, width: int = 1200, height: int = 800) -> bytes:
    """A cooperative's workshop, abstracted: an arched window, hanging cloth, yarn, a table."""
    rng = random.Random(seed)
    colours = PALETTES[colourway]
    w, h = width, height
    wall = _lighter(colours[1], 0.5)
    canvas = _fabric((w, h), wall, rng, weave=16)
    draw = ImageDraw.Draw(canvas)
    # An arched window with daylight.
    wx, wy, ww, wh = w * 0.07, h * 0.12, w * 0.22, h * 0.5
    draw.rectangle([wx, wy + ww / 2, wx + ww, wy + wh], fill=(236, 244, 248))
    draw.pieslice([wx, wy, wx + ww, wy + ww], 180, 360, fill=(236, 244, 248))
    draw.line([(wx + ww / 2, wy), (wx + ww / 2, wy + wh)], fill=_darker(wall, 0.3), width=8)
    # Cloth hanging from a rail, each length in the cooperative's colours and patterns.
    draw.line([(w * 0.34, h * 0.1), (w * 0.96, h * 0.1)], fill=colours[4], width=10)
    x = w * 0.36
    motifs = ["cross-stitch", "flower", "paisley", "star", "mirror"]
    while x < w * 0.93:
        width_ = rng.uniform(w * 0.07, w * 0.11)
        colour = rng.choice(colours[:3])
        length = rng.uniform(h * 0.35, h * 0.5)
        draw.rectangle([x, h * 0.1, x + width_, h * 0.1 + length], fill=colour)
        _tile(
            draw,
            [x, h * 0.12, x + width_, h * 0.1 + length],
            rng.choice(motifs),
            int(width_ / 2),
            int(width_ / 8),
            [colours[3], rng.choice(colours[:3])],
            offset_rows=False,
        )
        _fringe(draw, x, x + width_, h * 0.1 + length, 18, colour, step=7)
        x += width_ + rng.uniform(6, 20)
    # A table with yarn and folded cloth.
    draw.rectangle([0, h * 0.7, w, h], fill=(138, 96, 64))
    draw.rectangle([0, h * 0.7, w, h * 0.72], fill=(110, 74, 48))
    for k in range(7):
        cx = w * (0.1 + 0.08 * k)
        r = rng.uniform(28, 40)
        colour = rng.choice(colours[:4])
        draw.ellipse([cx - r, h * 0.7 - r * 1.6, cx + r, h * 0.7], fill=colour)
        for line in range(4):
            y = h * 0.7 - r * (0.3 + 0.3 * line)
            draw.arc(
                [cx - r, y - r * 0.4, cx + r, y + r * 0.4],
                200,
                340,
                fill=_darker(colour, 0.2),
                width=3,
            )
    for k, colour in enumerate(colours[:4]):
        top = h * 0.78 + k * 0
        draw.rectangle(
            [w * 0.68, top - k * 26, w * 0.93, top - k * 26 + 24],
            fill=colour,
            outline=_darker(colour, 0.2),
            width=2,
        )
    return _jpeg(canvas)
