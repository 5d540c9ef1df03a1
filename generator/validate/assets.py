"""Images under ``content/images/``, checked as they will be published (issue 20, case 8).

MkDocs copies an image byte for byte, so what a pull request puts there reaches every reader: the
file must be the image its name says (read by Pillow, restricted to that one format, so HTML or SVG
named ``.png`` is not one), decode completely within a pixel limit (a PNG that declares 50,000 ×
50,000 pixels costs a reader's browser gigabytes), stay under a size limit, and have a name that is
the same in every URL and on every file system: ASCII letters, digits, ``-``, ``_`` and ``.``, and no
two names equal when case is ignored (Windows and macOS folders, and many hosts, do ignore it).

Results are kept in memory by (path, size, modification time), so `make serve` decodes an image once.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..diagnostics import Diagnostic, Report, Severity

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000  # 6,000 × 4,000, a camera's full frame; decoded, about 100 MB
MAX_SIDE = 16_384  # pixels wide or high: beyond it browsers and image tools start to refuse
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP", ".avif": "AVIF"}
SUFFIX_OF = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp", "AVIF": ".avif"}
SEGMENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SMALLER = "export it at a smaller size (1,600 pixels wide is plenty for a news photo)"
_checked: dict[tuple[str, int, int], list[Diagnostic]] = {}


def check_assets(content_dir: Path, assets: Iterable[str], report: Report, prefix: str,
                 names: Iterable[str] | None = None) -> None:
    """Diagnostics for the images ``assets`` (paths relative to ``content_dir``), shown under ``prefix``;
    clashing names are looked for among ``names`` (every image of the tree; default: ``assets``)."""
    assets = list(assets)
    for rel in assets:
        shown = f"{prefix}/{rel}"
        _name(rel, shown, report)
        report.extend(_content(content_dir / rel, shown))
    _clashes(assets, list(names) if names is not None else assets, prefix, report)


def _name(rel: str, shown: str, report: Report) -> None:
    bad = [part for part in rel.split("/") if not SEGMENT_RE.match(part) or part in (".", "..")]
    if bad:
        report.error(shown, 1, 1, "asset-name",
                     f"'{bad[0]}' is not a safe file name for the web (it changes in URLs, or between systems)",
                     f"rename it to '{safe_name(bad[0])}': ASCII letters, digits, '-', '_' and '.' only")


def safe_name(part: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-.") or "image"
    return cleaned.lower()


def _key(rel: str) -> str:
    return unicodedata.normalize("NFKC", rel).casefold()


def _clashes(assets: list[str], names: list[str], prefix: str, report: Report) -> None:
    by_key: dict[str, list[str]] = {}
    for rel in sorted(set(names) | set(assets)):
        by_key.setdefault(_key(rel), []).append(rel)
    for rel in assets:
        others = [o for o in by_key[_key(rel)] if o != rel]
        if others:
            report.error(f"{prefix}/{rel}", 1, 1, "asset-name-clash",
                         f"'{rel}' and '{others[0]}' differ only by case or Unicode form: on many systems and "
                         "hosts they are one file, and one image would replace the other",
                         "rename one of them")


def _content(path: Path, shown: str) -> list[Diagnostic]:
    try:
        stat = path.stat()
    except OSError as exc:
        return [_error(shown, 1, 1, "asset-unreadable", f"cannot read the file: {exc.strerror}", "check the file")]
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _checked:
        _checked[key] = _inspect(path, stat.st_size, shown)
    return _checked[key]


def _inspect(path: Path, size: int, shown: str) -> list[Diagnostic]:
    if size > MAX_BYTES:
        return [_error(shown, 1, 1, "image-too-large", f"the image is {size / 1048576:.1f} MB; the limit is "
                       f"{MAX_BYTES // 1048576} MB, since every reader downloads it",
                       "export it smaller, or as WebP or JPEG (1,600 pixels wide is plenty for a news photo)")]
    expected = FORMATS[path.suffix.lower()]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=[expected]) as image:
                width, height = image.size
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    return [_too_many(shown, width, height)]
                image.load()  # the whole image: a truncated or forged one fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return [_error(shown, 1, 1, "image-too-many-pixels", "the image declares more pixels than any browser "
                       f"should decode (the limit is {MAX_PIXELS:,} pixels)", _SMALLER)]
    except UnidentifiedImageError:
        return [_error(shown, 1, 1, "image-type", f"the file is not a {expected} image, whatever its name says: "
                       f"it is {_what(path)}", _type_hint(path, expected))]
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return [_error(shown, 1, 1, "image-corrupt", f"the {expected} image cannot be decoded ({exc})",
                       "export it again from the original")]
    return []


def _too_many(shown: str, width: int, height: int) -> Diagnostic:
    return _error(shown, 1, 1, "image-too-many-pixels", f"the image is {width:,} × {height:,} pixels; the limits are "
                  f"{MAX_PIXELS:,} pixels and {MAX_SIDE:,} on a side", _SMALLER)


def _what(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(512)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                return f"a {image.format} image"
    except Exception:  # any failure means: not an image Pillow knows
        pass
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) or b"<svg" in text:
        return "SVG (XML text, which can carry scripts)"
    if text.startswith(b"<"):
        return "HTML or other markup text"
    return "not an image Pillow can read"


def _type_hint(path: Path, expected: str) -> str:
    try:
        with Image.open(path) as image:
            actual = image.format
    except Exception:  # not an image Pillow knows
        return "put the image itself here, exported as PNG, JPEG, GIF, WebP or AVIF (SVG is not published)"
    suffix = SUFFIX_OF.get(actual or "")
    return f"rename it to '{path.stem}{suffix}'" if suffix else f"export it as {expected}"


def _error(shown: str, line: int, col: int, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(shown, line, col, Severity.ERROR, code, message, hint)
