"""Generate the project's own demo pictures, deterministically, with Pillow.

Writes:

- ``templates/ks/logo.png``: the "KS" wordmark (a rounded badge in the brand's primary colour
  with white letters and an accent underline; a thin white rim keeps it legible on the dark
  title slides as well as on white content slides), transparent background, 600 px wide.
- ``deckgen/brands/default/logo.png``: a neutral mark for the built-in ``default`` brand.
- ``assets/foto-bly.jpg``: a photo-like fjord landscape at 1920x1080 (sky gradient, hazy
  ridges, water with a rippled reflection, a dark foreshore), no EXIF or other metadata.

Everything is a pure function of the constants and colours here (fixed seeds, no clock, no
randomness from the operating system), so running the script twice gives identical bytes.

Usage: ``python tools/make_assets.py [PROJECT_ROOT]`` (default: the repository this file is in).
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
BOLD_FONT = FONT_DIR / "LiberationSans-Bold.ttf"

PHOTO_SIZE = (1920, 1080)
PHOTO_SEED = 20240611


def hex_rgb(value: str) -> tuple[int, int, int]:
    """``#RRGGBB`` -> (r, g, b)."""
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def png_bytes(img: Image.Image) -> bytes:
    """PNG bytes without text chunks, timestamps or gamma info: only pixels, so reproducible."""
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def jpeg_bytes(img: Image.Image) -> bytes:
    """Baseline JPEG without EXIF/ICC (Pillow writes neither unless asked)."""
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="JPEG", quality=88, optimize=True, subsampling="4:2:0")
    return buf.getvalue()


# --------------------------------------------------------------------------- logos


def badge_logo(
    letters: str, fill: tuple[int, int, int], ink: tuple[int, int, int],
    rule: tuple[int, int, int], width: int = 600,
) -> Image.Image:
    """A wordmark: ``letters`` in bold on a rounded badge with an underline in ``rule``.

    Drawn at 4x and downsampled so the edges are smooth without relying on the rasteriser's
    own antialiasing of shapes (which Pillow does not do for rounded rectangles).
    """
    scale = 4
    w, h = width * scale, int(width * 0.46) * scale
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    rim = 7 * scale
    radius = h // 5
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=radius, fill=(255, 255, 255, 255))
    draw.rounded_rectangle(
        (rim, rim, w - 1 - rim, h - 1 - rim), radius=radius - rim, fill=(*fill, 255)
    )
    size = int(h * 0.62)
    font = ImageFont.truetype(str(BOLD_FONT), size=size)
    left, top, right, bottom = draw.textbbox((0, 0), letters, font=font)
    if right - left > w * 0.7:  # long words: shrink to fit the badge with a margin
        size = int(size * w * 0.7 / (right - left))
        font = ImageFont.truetype(str(BOLD_FONT), size=size)
        left, top, right, bottom = draw.textbbox((0, 0), letters, font=font)
    tw, th = right - left, bottom - top
    x = (w - tw) // 2 - left
    y = int(h * 0.42) - th // 2 - top
    draw.text((x, y), letters, font=font, fill=(*ink, 255))
    bar_w, bar_h = int(tw * 0.9), int(h * 0.07)
    bar_y = y + top + th + int(h * 0.08)
    draw.rectangle(((w - bar_w) // 2, bar_y, (w + bar_w) // 2, bar_y + bar_h), fill=(*rule, 255))
    return img.resize((w // scale, h // scale), Image.Resampling.LANCZOS)


def brand_colors(brand_dir: Path) -> dict[str, str]:
    """The ``colors`` mapping of a brand.yaml (safe_load: tools run outside the package)."""
    data = yaml.safe_load((brand_dir / "brand.yaml").read_text(encoding="utf-8"))
    return dict(data["colors"])


# --------------------------------------------------------------------------- photo


def value_noise(rng: random.Random, size: tuple[int, int], cells: tuple[int, int]) -> Image.Image:
    """Smooth grey noise: a small random grid, scaled up bicubically."""
    data = bytes(rng.randrange(256) for _ in range(cells[0] * cells[1]))
    small = Image.frombytes("L", cells, data)
    return small.resize(size, Image.Resampling.BICUBIC)


def fractal_noise(rng: random.Random, size: tuple[int, int], base: int = 4) -> Image.Image:
    """Several octaves of value noise blended with halving weights (a cheap fBm)."""
    out = value_noise(rng, size, (base * 2, base + 1))
    weight = 0.5
    cells = base * 2
    for _ in range(5):
        cells *= 2
        layer = value_noise(rng, size, (cells, max(2, cells * size[1] // size[0])))
        out = Image.blend(out, layer, weight)
        weight *= 0.55
    return out


def ridge(rng: random.Random, width: int, base_y: float, amp: float, rough: float) -> list[float]:
    """A mountain profile by midpoint displacement: heights (y) for x = 0..width."""
    n = 256
    pts = [0.0] * (n + 1)
    pts[0] = base_y + rng.uniform(-amp, amp)
    pts[n] = base_y + rng.uniform(-amp, amp)
    step, scale = n, amp
    while step > 1:
        half = step // 2
        for i in range(half, n, step):
            pts[i] = (pts[i - half] + pts[i + half]) / 2 + rng.uniform(-scale, scale)
        step = half
        scale *= rough
    return [pts[min(n, x * n // width)] for x in range(width + 1)]


def gradient(size: tuple[int, int], stops: list[tuple[float, tuple[int, int, int]]]) -> Image.Image:
    """A vertical colour gradient through ``stops`` (position 0..1, colour)."""
    w, h = size
    column = Image.new("RGB", (1, h))
    px = column.load()
    for y in range(h):
        t = y / max(1, h - 1)
        for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
            if p0 <= t <= p1:
                f = (t - p0) / (p1 - p0) if p1 > p0 else 0.0
                px[0, y] = tuple(round(a + (b - a) * f) for a, b in zip(c0, c1, strict=True))
                break
    return column.resize((w, h))


def fjord_photo(seed: int = PHOTO_SEED, size: tuple[int, int] = PHOTO_SIZE) -> Image.Image:
    """A procedurally generated fjord at dusk-ish light: sky, ridges, water, shore."""
    rng = random.Random(seed)
    w, h = size
    horizon = int(h * 0.60)

    sky = gradient(
        (w, h),
        [(0.0, (58, 96, 146)), (0.35, (124, 160, 196)), (0.58, (226, 206, 176)),
         (0.60, (236, 214, 182)), (1.0, (236, 214, 182))],
    )
    clouds = fractal_noise(rng, (w, h), base=3).point(lambda v: max(0, (v - 120) * 3))
    clouds = clouds.filter(ImageFilter.GaussianBlur(6))
    fade = gradient((w, h), [(0.0, (150, 150, 150)), (0.5, (90, 90, 90)), (0.6, (0, 0, 0)),
                             (1.0, (0, 0, 0))]).convert("L")
    clouds = ImageChops.multiply(clouds, fade)
    scene = Image.composite(Image.new("RGB", (w, h), (246, 240, 232)), sky, clouds)

    # Ridges from far to near: lighter and bluer far away (aerial perspective).
    layers = [
        (horizon - 150, 80, 0.56, (118, 138, 164)),
        (horizon - 90, 95, 0.58, (84, 104, 124)),
        (horizon - 30, 70, 0.55, (48, 66, 72)),
    ]
    texture = fractal_noise(rng, (w, h), base=8)
    for base_y, amp, rough, colour in layers:
        ys = ridge(rng, w, base_y, amp, rough)
        mask = Image.new("L", (w, h), 0)
        ImageDraw.Draw(mask).polygon(
            [(0, h)] + [(x, ys[x]) for x in range(0, w + 1, 2)] + [(w, h)], fill=255
        )
        mask = mask.filter(ImageFilter.GaussianBlur(1.2))
        shade = Image.new("RGB", (w, h), colour)
        # Texture darkens and lightens the ridge a little: rock, forest and snow patches.
        shade = Image.blend(shade, Image.merge("RGB", (texture,) * 3), 0.12)
        scene = Image.composite(shade, scene, mask)

    # Water: the scene above the horizon mirrored, darkened, with horizontal ripples.
    above = scene.crop((0, 0, w, horizon))
    mirror = above.transpose(Image.Transpose.FLIP_TOP_BOTTOM).resize((w, h - horizon))
    mirror = mirror.filter(ImageFilter.BoxBlur(3))
    ripples = value_noise(rng, (w, h - horizon), (12, 160)).filter(ImageFilter.GaussianBlur(1))
    offset = ImageChops.offset(mirror, 6, 0)
    mirror = Image.composite(offset, mirror, ripples)
    water_tint = Image.new("RGB", mirror.size, (30, 58, 80))
    water = Image.blend(mirror, water_tint, 0.38)
    glints = ripples.point(lambda v: 255 if v > 214 else 0).filter(ImageFilter.GaussianBlur(1))
    water = Image.composite(Image.new("RGB", water.size, (232, 222, 204)), water,
                            glints.point(lambda v: v // 3))
    scene.paste(water, (0, horizon))

    # Foreshore: a dark, textured bank across the bottom-left, so the photo has a foreground.
    shore = ridge(rng, w, h * 0.93, 60, 0.6)
    tilt = [shore[x] - 140 * (1 - x / w) ** 2 for x in range(w + 1)]
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).polygon(
        [(0, h)] + [(x, tilt[x]) for x in range(0, w + 1, 2)] + [(w, h)], fill=255
    )
    mask = mask.filter(ImageFilter.GaussianBlur(1.5))
    bank = Image.blend(Image.new("RGB", (w, h), (34, 44, 30)),
                       Image.merge("RGB", (texture,) * 3), 0.18)
    scene = Image.composite(bank, scene, mask)
    scene = spruces(rng, scene, tilt)

    # Film grain: fine noise, then a faint vignette, for a photographic look.
    grain = value_noise(rng, (w, h), (w // 2, h // 2))
    scene = Image.blend(scene, Image.merge("RGB", (grain,) * 3), 0.05)
    vignette = Image.new("L", (w, h), 0)
    ImageDraw.Draw(vignette).ellipse((-w * 0.25, -h * 0.35, w * 1.25, h * 1.35), fill=255)
    vignette = vignette.filter(ImageFilter.GaussianBlur(160))
    return Image.composite(scene, Image.blend(scene, Image.new("RGB", (w, h)), 0.35), vignette)


def spruces(rng: random.Random, scene: Image.Image, ground: list[float]) -> Image.Image:
    """Dark spruce silhouettes standing on the foreshore, denser towards the left edge."""
    w, h = scene.size
    scale = 4  # drawn larger and downsampled: smooth edges
    layer = Image.new("L", (w * scale, h * scale), 0)
    draw = ImageDraw.Draw(layer)
    x = 0.0
    while x < w:
        height = rng.uniform(60, 190) * (1.25 - 0.8 * x / w)
        if height > 55 and rng.random() < 0.85 - 0.6 * x / w:
            base = ground[min(w, int(x))] + 6
            half = height * 0.22
            tiers = 6
            for t in range(tiers):
                top = base - height + t * height / tiers * 0.9
                spread = half * (t + 1) / tiers
                draw.polygon(
                    [((x - spread) * scale, (top + height / tiers * 1.4) * scale),
                     (x * scale, top * scale),
                     ((x + spread) * scale, (top + height / tiers * 1.4) * scale)],
                    fill=255,
                )
            draw.rectangle(((x - 2) * scale, (base - height * 0.15) * scale,
                            (x + 2) * scale, (base + 4) * scale), fill=255)
        x += rng.uniform(14, 46) * (1 + 1.5 * x / w)
    mask = layer.resize((w, h), Image.Resampling.BOX).filter(ImageFilter.GaussianBlur(0.8))
    return Image.composite(Image.new("RGB", (w, h), (20, 30, 22)), scene, mask)


# --------------------------------------------------------------------------- main


def write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (creating folders); leave an identical file untouched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def build(root: Path) -> dict[Path, bytes]:
    """Every generated picture, keyed by its path under ``root``."""
    ks = brand_colors(root / "templates" / "ks")
    default = brand_colors(root / "deckgen" / "brands" / "default")
    return {
        root / "templates/ks/logo.png": png_bytes(
            badge_logo("KS", hex_rgb(ks["primary"]), hex_rgb(ks["on_primary"]),
                       hex_rgb(ks["accent"]))
        ),
        root / "deckgen/brands/default/logo.png": png_bytes(
            badge_logo("DECK", hex_rgb(default["primary"]), hex_rgb(default["on_primary"]),
                       hex_rgb(default["accent"]))
        ),
        root / "assets/foto-bly.jpg": jpeg_bytes(fjord_photo()),
    }


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    for path, data in build(root).items():
        write_if_changed(path, data)
        print(f"wrote {path.relative_to(root)} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
