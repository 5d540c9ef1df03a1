"""Chinese everywhere (issue 23): on a machine with no CJK system font, Chinese names render in the site's own
subset font, not as boxes, judged by the pixels Chromium paints; pages without CJK text never fetch it."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page, Playwright

from generator.outputs import webfont

from ..fixture_site import ORG_ID, Built
from .conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

NAME_ZH = "示例市质量局"  # the fixture organization's Chinese name


def _latin_only(folder: Path) -> int:
    """Links the host's fonts that have no Chinese character into ``folder``; how many."""
    count = 0
    for root in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            if path.suffix.lower() not in (".ttf", ".otf", ".ttc", ".otc"):
                continue
            try:
                face = TTFont(path, fontNumber=0, lazy=True)
                han = any(0x4E00 <= point <= 0x9FFF for point in face.getBestCmap() or {})
            except Exception:  # not a font fontTools reads: leave it out
                continue
            if not han:
                (folder / f"{count}-{path.name}").symlink_to(path)
                count += 1
    return count


@pytest.fixture(scope="module")
def fontless(playwright_session: Playwright, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Chromium on a machine with no CJK system font, whatever the host has: fontconfig sees only the host's
    fonts without Chinese characters."""
    folder = tmp_path_factory.mktemp("no-cjk-fonts")
    (folder / "fonts").mkdir()
    assert _latin_only(folder / "fonts"), "no system font at all: Chromium cannot lay out text"
    config = folder / "fonts.conf"
    config.write_text(f"<?xml version='1.0'?>\n<fontconfig><dir>{folder / 'fonts'}</dir>"
                      f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    browser = playwright_session.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                                 env={**os.environ, "FONTCONFIG_FILE": str(config)})
    yield browser
    browser.close()


def _glyphs(page: Page, chars: str) -> list[Image.Image]:
    """Each character drawn alone, large, as Chromium paints it."""
    page.evaluate("""chars => {
        const box = document.createElement("p");
        box.id = "glyph-test";
        for (const c of chars) {
            const span = document.createElement("span");
            span.textContent = c;
            span.style.cssText = "display:inline-block;font-size:48px;line-height:64px;width:64px;text-align:center";
            box.append(span);
        }
        document.querySelector(".md-content__inner").prepend(box);
    }""", chars)
    page.evaluate("document.fonts.ready")
    return [Image.open(io.BytesIO(span.screenshot())).convert("L")
            for span in page.locator("#glyph-test span").all()]


def _differ(a: Image.Image, b: Image.Image) -> int:
    """How many pixels differ."""
    return ImageChops.difference(a, b).point(lambda v: 255 if v > 32 else 0).histogram()[255]


def test_chinese_renders_as_glyphs_without_a_system_font(fontless: Browser, fixture_site_url: str) -> None:
    url = f"{fixture_site_url}organizations/{ORG_ID}/"
    fetched: list[str] = []
    context = fontless.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("request", lambda r: fetched.append(r.url) if r.url.endswith(".woff2") else None)
    page.goto(url)
    assert NAME_ZH in page.inner_text("body")
    drawn = _glyphs(page, NAME_ZH[:3])
    assert any(webfont.FONT_PREFIX in u for u in fetched), fetched
    assert page.evaluate(f"document.fonts.check('16px \"{webfont.FAMILY}\"', {NAME_ZH[0]!r})")
    context.close()

    # The control: the same machine with the font's download refused paints boxes, all alike.
    context = fontless.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*.woff2", lambda route: route.abort())
    page = context.new_page()
    page.goto(url)
    boxes = _glyphs(page, NAME_ZH[:3])
    context.close()
    assert _differ(boxes[0], boxes[1]) == 0 and _differ(boxes[1], boxes[2]) == 0, \
        "this Chromium has a CJK font of its own, so the test proves nothing"
    # With the site's font, three different characters are three different pictures, none of them a box.
    assert _differ(drawn[0], drawn[1]) > 50 and _differ(drawn[1], drawn[2]) > 50 and _differ(drawn[0], drawn[2]) > 50
    assert all(_differ(glyph, boxes[0]) > 50 for glyph in drawn)


def test_pages_without_cjk_text_do_not_fetch_the_font(browser: Browser, fixture_plain_site: Built,
                                                      fixture_site_url: str) -> None:
    plain = next(p for p in sorted(fixture_plain_site.site.rglob("index.html"))
                 if not webfont.characters([p.read_text(encoding="utf-8")]) and "404" not in p.parts)
    fetched: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(fixture_site_url + plain.parent.relative_to(fixture_plain_site.site).as_posix() + "/")
    page.wait_for_load_state("networkidle")
    context.close()
    assert any(u.endswith(webfont.STYLESHEET) for u in fetched), "the stylesheet is on every page"
    assert not [u for u in fetched if u.endswith(".woff2")], f"{plain} has no CJK text but fetched the font"
