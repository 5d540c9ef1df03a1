"""The CJK web font (issue 23): a subset of Noto Sans CJK SC holding exactly the characters the content uses,
made once per set of characters, never served from a cache file that is not WOFF2."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator.kinds import Kind
from generator.load.frontmatter import Document
from generator.load.yamlsafe import Located
from generator.outputs import webfont
from generator.pages.wording import LANGUAGE_NAMES

from ..fixture_site import FIXTURE_CONTENT, Built

LIMIT = 400_000  # bytes, for today's content (issue 23)


def _cmap(data: bytes) -> set[str]:
    return {chr(point) for point in TTFont(io.BytesIO(data)).getBestCmap()}


def _font(site: Path) -> tuple[str, bytes]:
    css = (site / webfont.STYLESHEET).read_text(encoding="utf-8")
    match = re.search(r'src: url\("([^"]+)"\) format\("woff2"\)', css)
    assert match, css
    ranges = re.search(r"unicode-range: ([^;]+);", css)
    assert ranges, css
    return ranges.group(1), (site / webfont.ROOT / match.group(1)).read_bytes()


def test_ranges_and_characters() -> None:
    assert webfont.unicode_range("上海中东丁七") == "U+4E01,U+4E03,U+4E0A,U+4E1C,U+4E2D,U+6D77"
    assert webfont.unicode_range("一丁丂七") == "U+4E00-4E03"
    assert webfont.characters(["ISO 9001", "上海市 – Shanghai, 「標準」 ＡＢ 한국"]) == set("上海市「標準」ＡＢ한국")


def test_drafts_are_left_out_and_front_matter_counts() -> None:
    def doc(path: str, front: dict[str, object], body: str) -> Document:
        return Document(Kind.ARTICLE, path, path, path, Located(front), body)

    texts = webfont.site_texts([doc("a.md", {"title": "标", "names": [{"zh": "准"}]}, "化"),
                                doc("draft.md", {"title": "秘"}, "密")], drafts=["draft.md"])
    chars = webfont.characters(texts)
    assert set("标准化") <= chars and not chars & set("秘密")
    assert set("中文") <= chars  # "Read in 中文" is the portal's wording


def test_made_once_and_a_bad_cache_file_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chars = frozenset("示例市")
    site, cache = tmp_path / "site", tmp_path / "cache"
    written = webfont.write_font(chars, site, cache)
    assert written[0] == webfont.STYLESHEET and len(written) == 2
    cached = next(cache.glob("*.woff2"))
    assert _cmap(cached.read_bytes()) == set(chars)

    def refuse(_: frozenset[str]) -> bytes:
        raise AssertionError("subset again although the cache holds it")

    monkeypatch.setattr(webfont, "subset", refuse)
    assert webfont.write_font(chars, site, cache) == []  # a cache hit (no fontTools), nothing new to write
    (site / webfont.ROOT).joinpath(Path(written[1]).name).unlink()
    assert webfont.write_font(chars, site, cache) == written[1:]  # copied from the cache
    cached.write_bytes(b"<script>alert(1)</script>")  # not what this module wrote
    monkeypatch.undo()
    webfont.write_font(chars, site, cache)
    _, served = _font(site)
    assert served.startswith(b"wOF2") and _cmap(served) == set(chars) and cached.read_bytes() == served
    assert [p.name for p in (site / webfont.ROOT).glob("*.woff2")] == [Path(written[1]).name]


def test_no_cjk_text_no_font(tmp_path: Path) -> None:
    assert webfont.write_font(frozenset(), tmp_path, tmp_path / "cache") == [webfont.STYLESHEET]
    css = (tmp_path / webfont.STYLESHEET).read_text(encoding="utf-8")
    assert "@font-face" not in css and "--md-text-font" not in css
    assert not (tmp_path / "cache").exists()


def test_the_fixture_font_holds_what_its_pages_show(fixture_site: Built) -> None:
    unicode_range, data = _font(fixture_site.site)
    assert data.startswith(b"wOF2") and len(data) < LIMIT
    glyphs = _cmap(data)
    shown: set[str] = set()
    for page in fixture_site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "assets/fonts/cjk.css" in text, f"{page} does not load the font's stylesheet"
        shown |= webfont.characters([text])
    assert shown, "the fixture content has Chinese names"
    assert shown <= glyphs, f"shown but not in the font: {''.join(sorted(shown - glyphs))}"
    covered: set[str] = set()
    for part in unicode_range.split(","):
        first, _, last = part.removeprefix("U+").partition("-")
        covered |= {chr(p) for p in range(int(first, 16), int(last or first, 16) + 1)}
    assert shown <= covered
    # Nothing more than the content's own characters (and the portal's language names).
    sources = [p.read_text(encoding="utf-8") for p in FIXTURE_CONTENT.rglob("*.md")]
    allowed = webfont.characters([*sources, *LANGUAGE_NAMES.values()])
    assert webfont.characters(["".join(glyphs)]) <= allowed
