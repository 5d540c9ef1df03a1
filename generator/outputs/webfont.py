"""The web font for Chinese (and Japanese and Korean) text, so that no reader sees boxes.

Many machines have no CJK system font (this project's Debian image among them), and Material's own font
stack names none. The build subsets Noto Sans CJK SC, the face the social cards already draw with
(``noto-cjk-sans-otc``, SIL Open Font License 1.1, whose notices stay in the font's name table), to exactly
the characters the published content and the portal's own wording use, and writes it as WOFF2 with an
``@font-face`` whose ``unicode-range`` lists those characters: a browser downloads the font only for a page
that shows one of them, and uses it for nothing else. A subset is made once per set of characters and kept
in the cache folder (``.cache/portal/fonts/``); the stylesheet is written fresh on every build from the
characters themselves, and a cached file that is not WOFF2 is made again, never served.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from ..load.frontmatter import Document
from ..pages.wording import LANGUAGE_NAMES

FAMILY = "Portal CJK"
FACE = "Noto Sans CJK SC"  # the collection's Simplified Chinese face; it has the Japanese and Hangul sets too
ROOT = "assets/fonts/"
STYLESHEET = ROOT + "cjk.css"
FONT_PREFIX = "noto-sans-cjk-sc-"  # then the subset's key, ".woff2"
VERSION = 1  # bump when the subsetting changes, so cached fonts are made again
WOFF2_MAGIC = b"wOF2"
# What the font is for: CJK radicals, punctuation, kana, ideographs (with extensions), Hangul, compatibility
# ideographs and forms, full-width forms. Latin, Cyrillic, Arabic … stay with the theme's fonts.
CJK = re.compile(
    "[\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U00020000-\U0003134f]"
)


def characters(texts: Iterable[str]) -> frozenset[str]:
    """The CJK characters in ``texts``."""
    found: set[str] = set()
    for text in texts:
        if not text.isascii():  # most files: no scan at all
            found.update(CJK.findall(text))
    return frozenset(found)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def site_texts(documents: Iterable[Document], drafts: Iterable[str] = ()) -> Iterator[str]:
    """Every text a page can show: each published file's front matter values and body, and the portal's own
    wording that is not English (the names of languages in "Read in …")."""
    left_out = set(drafts)
    for doc in documents:
        if doc.path in left_out:
            continue
        yield from _strings(doc.front.data)
        yield doc.body
    yield from LANGUAGE_NAMES.values()


def unicode_range(chars: Iterable[str]) -> str:
    """``U+4E0A,U+4E1C-4E1D``: the code points, consecutive ones as ranges."""
    points = sorted({ord(c) for c in chars})
    parts: list[str] = []
    start = prev = -2
    for point in [*points, -1]:
        if point == prev + 1:
            prev = point
            continue
        if start >= 0:
            parts.append(f"U+{start:X}" if start == prev else f"U+{start:X}-{prev:X}")
        start = prev = point
    return ",".join(parts)


def _key(chars: frozenset[str]) -> str:
    versions = [metadata.version(name) for name in ("noto-cjk-sans-otc", "fonttools")]
    shown = json.dumps([VERSION, versions, "".join(sorted(chars))], ensure_ascii=False)
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:20]


def subset(chars: frozenset[str]) -> bytes:
    """The face reduced to ``chars`` (those it has), as WOFF2."""
    from fontTools import subset as fts
    from fontTools.ttLib import TTFont
    from noto_cjk_sans_otc import FONT_PATH

    for number in range(16):  # the collection's faces: JP, KR, SC, TC, HK, then the mono ones
        face = TTFont(str(FONT_PATH), fontNumber=number, lazy=True)
        if face["name"].getDebugName(1) == FACE:
            break
    else:  # pragma: no cover - a broken font package
        raise RuntimeError(f"{FACE} is not in {FONT_PATH}")
    face = TTFont(str(FONT_PATH), fontNumber=number)
    options = fts.Options()
    options.flavor = "woff2"
    options.name_IDs = ["*"]  # copyright, licence and its URL travel with the font (OFL-1.1)
    options.name_languages = ["*"]
    subsetter = fts.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(face)
    out = io.BytesIO()
    face.flavor = "woff2"
    face.save(out)
    return out.getvalue()


def stylesheet(chars: frozenset[str], font_name: str | None) -> str:
    """The CSS the theme links on every page: the face and its ``unicode-range``, or only a comment."""
    head = ("/* Written by the portal build (generator/outputs/webfont.py): Noto Sans CJK SC, SIL Open Font "
            f"License 1.1, subset to the {len(chars)} CJK characters the content uses. */\n")
    if not chars or font_name is None:
        return head
    return (head + "@font-face {\n"
            f'  font-family: "{FAMILY}";\n'
            f'  src: url("{font_name}") format("woff2");\n'
            "  font-display: swap;\n"
            f"  unicode-range: {unicode_range(chars)};\n"
            "}\n"
            # Material's font stacks start with these (var(--md-text-font, _), …); only CJK text uses the face.
            f'body {{ --md-text-font: "{FAMILY}"; --md-code-font: "{FAMILY}"; }}\n')


def _write(path: Path, data: bytes) -> bool:
    """Write unless ``path`` already holds ``data`` (a preview build rewrites only what changed)."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.write_bytes(data)
    return True


def write_font(chars: frozenset[str], site_dir: Path, cache_dir: Path) -> list[str]:
    """Write the stylesheet and (when the content has CJK text) its font below ``site_dir``; the paths
    written, leaving out files that already held the same bytes."""
    folder = site_dir / ROOT
    folder.mkdir(parents=True, exist_ok=True)
    font_name = None
    written = []
    if chars:
        key = _key(chars)
        font_name = f"{FONT_PREFIX}{key}.woff2"
        cached = cache_dir / f"{key}.woff2"
        data = cached.read_bytes() if cached.is_file() else b""
        if not data.startswith(WOFF2_MAGIC):  # missing, or not what this module wrote
            data = subset(chars)
            cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(cached)  # parallel builds sharing a cache never read half a file
        if _write(folder / font_name, data):
            written.append(ROOT + font_name)
    for old in folder.glob("*.woff2"):  # a preview build's earlier subsets
        if old.name != font_name:
            old.unlink()
    if _write(site_dir / STYLESHEET, stylesheet(chars, font_name).encode("utf-8")):
        written.insert(0, STYLESHEET)
    return written
