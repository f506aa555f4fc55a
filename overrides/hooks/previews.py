"""Link previews: one 1200x630 PNG per page, drawn at build time, and the values the preview
meta tags in overrides/main.html need.

The image shows the page's title, its section and the site's name, drawn with the Inter font that
ships in docs/data/fonts (SIL OFL). Nothing is downloaded. Images are cached in .cache/previews/
under a hash of everything drawn, so a rebuild only draws the pages whose text changed. Pages
never load these images; only the og:image and twitter:image tags point at them.
"""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "docs" / "data" / "fonts"
CACHE = ROOT / ".cache" / "previews"
SIZE = (1200, 630)
DESIGN_VERSION = "2"  # bump to redraw every image after changing the drawing code
BACKGROUND, FOREGROUND, MUTED = "#283593", "#ffffff", "#c5cae9"

# Images to write after the build: site-relative path -> (title, section).
PENDING: dict[str, tuple[str, str, str]] = {}


def image_path(page) -> str:
    """'assets/previews/skills/sql.png' for /skills/sql/, 'assets/previews/index.png' for /."""
    url = page.url.strip("/") or "index"
    return f"assets/previews/{url}.png"


def section_of(page, config) -> str:
    top = page.ancestors[-1] if page.ancestors else None
    return top.title if top else config["site_name"]


def on_pre_build(config):
    PENDING.clear()


def on_page_context(context, page, config, nav):
    path = image_path(page)
    title = page.meta.get("title") or page.title
    PENDING[path] = (title, section_of(page, config), page.canonical_url or "")
    page.meta["preview_image"] = config["site_url"].rstrip("/") + "/" + path
    page.meta["preview_alt"] = f"{title}: {section_of(page, config)}, {config['site_name']}"
    return context


def draw(title: str, section: str, site_name: str, address: str, target: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    try:
        bold = ImageFont.truetype(str(FONTS / "Inter-Bold.otf"), 64)
        regular = ImageFont.truetype(str(FONTS / "Inter-Regular.otf"), 34)
        small = ImageFont.truetype(str(FONTS / "Inter-Regular.otf"), 26)
    except OSError as error:
        raise PluginError(f"preview font missing in {FONTS}: {error}") from None
    image = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, 0, 24, SIZE[1]], fill="#7986cb")
    pen.text((90, 80), site_name, font=regular, fill=MUTED)
    pen.text((90, 190), section.upper(), font=regular, fill=MUTED)
    lines = textwrap.wrap(title, width=30)[:3]
    for number, line in enumerate(lines):
        pen.text((90, 250 + number * 82), line, font=bold, fill=FOREGROUND)
    pen.text((90, 540), address.split("://", 1)[-1], font=small, fill=MUTED)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "PNG", optimize=True)


def on_post_build(config):
    site_dir = Path(config["site_dir"])
    fonts = b"".join(f.read_bytes() for f in sorted(FONTS.glob("*.otf")))
    for path, (title, section, address) in PENDING.items():
        key = hashlib.sha256(
            "\0".join([DESIGN_VERSION, title, section, config["site_name"], address]).encode()
            + hashlib.sha256(fonts).digest()
        ).hexdigest()[:20]
        cached = CACHE / f"{key}.png"
        if not cached.is_file():
            draw(title, section, config["site_name"], address, cached)
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
