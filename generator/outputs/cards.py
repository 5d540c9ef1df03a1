"""Social cards: a 1200×630 PNG per page (``og:image``, ``twitter:image``, NewsArticle ``image``).

Drawn at build time with Pillow, offline, in Noto Sans CJK (shipped on PyPI by
``noto-cjk-sans-otc``), so Chinese titles and names render as text, not boxes. A card
shows the page title, its kind and date, and the portal's name; its file name is a hash
of exactly that, so a card is only drawn when what it shows changes: drawn cards are kept
in a cache folder (``.cache/`` by default) and copied from there on later builds.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..catalog.nodes import Article, Event, Node
from ..kinds import KINDS

WIDTH, HEIGHT = 1200, 630
CARD_ROOT = "assets/cards/"
LOGO = "assets/portal-logo.png"
LOGO_SIZE = 512
VERSION = 4  # bump when the drawing changes, so cached cards are redrawn
BACKGROUND = (48, 63, 159)  # Material's indigo 700: the site's header colour, 8.6:1 with white
FOREGROUND = (255, 255, 255)
# Cards are drawn in one channel, 0 = background to 255 = white, and written as a palette PNG: a third of
# the pixels to compress (the encoder is most of a card's time), and the text's anti-aliasing intact.
INK = 255
MUTED = 187  # 73% of the way to white: about indigo 100, 5.9:1 on the background
LEVELS = 16  # shades kept of the anti-aliasing: a third smaller files, no visible change at this size
FONT_FAMILY = "Noto Sans CJK SC"  # the collection's Simplified Chinese face, with Latin letters too
MARGIN = 80
PARALLEL_FROM = 64  # cards to draw before a process pool pays off

PAGE_LABELS = {"timeline": "Timeline"}  # pages of no kind with a word of their own on their cards


@dataclass(frozen=True, slots=True)
class Card:
    title: str
    kind: str  # "News", "Organization", … or "" (home and site pages)
    date: str  # as the page shows it: "13 April 2017", "July 2017", "2018" or ""
    site_name: str
    subtitle: str = ""  # an entity's other names, e.g. "SMBQTS · 上海市质量技术监督局"

    @property
    def digest(self) -> str:
        shown = json.dumps([VERSION, self.title, self.kind, self.date, self.site_name, self.subtitle],
                           ensure_ascii=False)
        return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:20]

    @property
    def path(self) -> str:
        """Site-relative path of the PNG."""
        return f"{CARD_ROOT}{self.digest}.png"


def card_for(kind: str, node: Node | None, title: str, site_name: str, section: str = "") -> Card:
    """The card of one page: ``kind`` is the page kind of the plan (article, listing, home, …)."""
    date = ""
    if isinstance(node, Article) and kind == "article":
        date = node.date.display()
    elif isinstance(node, Event) and kind == "event":
        date = node.date.display() + (f" – {node.end.display()}" if node.end else "")
    label = PAGE_LABELS.get(kind, section if kind == "listing" else "")
    declared = KINDS.get(kind)
    if declared is not None and declared.section:  # a kind with pages of its own (not site pages)
        label = declared.card_label or declared.label.capitalize()
    subtitle = ""
    if node is not None and kind == node.kind:
        names = (getattr(node, "short_name", None), getattr(node, "name_zh", None))
        subtitle = " · ".join(n for n in names if n)
    return Card(title, label, date, site_name, subtitle)


def write_cards(cards: Iterable[Card], site_dir: Path, cache_dir: Path, site_name: str) -> list[str]:
    """Write each distinct card (and the portal's logo) below ``site_dir``, drawing only those not cached."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    out_dir = site_dir / CARD_ROOT
    out_dir.mkdir(parents=True, exist_ok=True)
    unique = list({c.digest: c for c in cards}.values())
    todo = [c for c in unique if not (cache_dir / f"{c.digest}.png").is_file()]
    if len(todo) > PARALLEL_FROM:  # a first build of a large site: draw on every core
        with ProcessPoolExecutor() as pool:
            drawn = list(pool.map(draw, todo, chunksize=16))
    else:
        drawn = [draw(c) for c in todo]
    for card, data in zip(todo, drawn, strict=True):
        _atomic_write(cache_dir / f"{card.digest}.png", data)
    written = []
    for card in unique:
        _place(cache_dir / f"{card.digest}.png", site_dir / card.path)
        written.append(card.path)
    logo, data = site_dir / LOGO, draw_logo(site_name)
    if not logo.is_file() or logo.read_bytes() != data:  # `mkdocs serve` keeps its site folder
        logo.write_bytes(data)
        written.append(LOGO)
    return written


def _place(cached: Path, target: Path) -> None:
    """A hard link to the cached card where the file system allows it (no copying), else a copy."""
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)  # parallel builds sharing a cache never read half a file


@cache
def font(size: int):  # type: ignore[no-untyped-def]  # PIL.ImageFont.FreeTypeFont
    from noto_cjk_sans_otc import FONT_PATH
    from PIL import ImageFont

    path = str(FONT_PATH)
    for index in range(16):  # the collection's faces: JP, KR, SC, TC, HK, then the mono ones
        face = ImageFont.truetype(path, size, index=index)
        if face.getname()[0] == FONT_FAMILY:
            return face
    raise RuntimeError(f"{FONT_FAMILY} is not in {path}")  # pragma: no cover - a broken font package


def _tokens(text: str) -> list[str]:
    """Units a line may break between: words of Latin text (with their space), single CJK characters."""
    out: list[str] = []
    word = ""
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in ("W", "F")
        if wide or ch == " ":
            if word:
                out.append(word)
                word = ""
            if wide:
                out.append(ch)
            elif out:
                out[-1] += " "
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap(text: str, size: int, width: int, max_lines: int) -> list[str]:
    """Greedy line breaking to ``width`` pixels; an ellipsis ends the last line if the text is longer."""
    face = font(size)
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if line and face.getlength((line + token).rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        while face.getlength(token.rstrip()) > width:  # a single word wider than the line: cut it
            cut = len(token) - 1
            while cut > 1 and face.getlength(token[:cut]) > width:
                cut -= 1
            lines.append(token[:cut])
            token = token[cut:]
        line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())  # at least one line, if only an empty one
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and face.getlength(last + "…") > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


def draw(card: Card) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    top = " · ".join(p for p in (card.kind, card.date) if p)
    if top:
        pen.text((MARGIN, MARGIN), top, font=font(34), fill=MUTED)
    reserve = 1 if card.subtitle else 0  # a line's room for the subtitle
    for size, max_lines in ((68, 3), (56, 4), (48, 5)):  # the largest size that fits the title
        lines = wrap(card.title, size, width, max_lines - reserve)
        if not lines[-1].endswith("…") or size == 48:
            break
    y = MARGIN + 80
    for line in lines:
        pen.text((MARGIN, y), line, font=font(size), fill=INK)
        y += int(size * 1.3)
    if card.subtitle:
        pen.text((MARGIN, y + 10), wrap(card.subtitle, 40, width, 1)[0], font=font(40), fill=MUTED)
    pen.rectangle((MARGIN, HEIGHT - MARGIN - 62, MARGIN + 120, HEIGHT - MARGIN - 56), fill=MUTED)
    pen.text((MARGIN, HEIGHT - MARGIN - 40), card.site_name, font=font(34), fill=INK)
    return _png(image)


@cache
def draw_logo(site_name: str) -> bytes:
    """The portal's square logo for the publisher's structured data: its initials on the site's colour."""
    from PIL import Image, ImageDraw

    initials = "".join(word[0] for word in site_name.split()[:3]).upper() or "·"
    image = Image.new("L", (LOGO_SIZE, LOGO_SIZE), 0)
    pen = ImageDraw.Draw(image)
    pen.text((LOGO_SIZE // 2, LOGO_SIZE // 2), initials, font=font(180), fill=INK, anchor="mm")
    return _png(image)


def _palette() -> list[int]:
    """Level i of the drawing → the colour i/255 of the way from the background to white."""
    return [round(b + (f - b) * i / 255) for i in range(256) for b, f in zip(BACKGROUND, FOREGROUND, strict=True)]


def _png(image: object) -> bytes:
    from PIL import Image

    levels: Image.Image = image  # type: ignore[assignment]
    step = 255 / (LEVELS - 1)
    levels = levels.point([round(round(v / step) * step) for v in range(256)])
    indexed = Image.frombytes("P", levels.size, levels.tobytes())
    indexed.putpalette(_palette())
    buffer = io.BytesIO()
    indexed.save(buffer, format="PNG")  # no metadata: same card, same bytes
    return buffer.getvalue()
