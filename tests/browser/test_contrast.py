"""Issue 5: the portal's own components stay readable in both palettes (WCAG AA: 4.5:1 for body text).

On the fixture site, whose pages hold every component listed here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from generator.catalog.graph import Catalog

from .. import fixture_site as fx
from .support import Reader

pytestmark = pytest.mark.browser

# Every one of these is on the fixture pages checked below (and must be found there).
REQUIRED = [".portal-chip", ".portal-kind", ".portal-card__meta", ".portal-byline", ".portal-counts",
            ".portal-breadcrumbs", ".portal-zh", ".portal-chip__extra", ".portal-event__place",
            ".portal-timeline__month", ".portal-note", ".portal-filters", ".portal-prevnext", ".portal-pagination",
            ".portal-credit", ".portal-standard", ".portal-unattributed", ".portal-short"]

# For every element carrying text inside the matched components: the WCAG contrast of its colour against
# the backgrounds below it, semi-transparent colours composited the way the browser paints them.
CONTRAST = """(selectors) => {
  const rgba = (value) => {
    const p = value.match(/[\\d.]+/g).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const out = [];
  for (const selector of selectors)
    for (const root of document.querySelectorAll(selector))
      for (const el of [root, ...root.querySelectorAll("*")]) {
        const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join("").trim();
        if (!text || !el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
        const bg = background(el);
        const fg = over(rgba(getComputedStyle(el).color), bg);
        const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
        out.push({selector, text: text.slice(0, 40), ratio: (hi + 0.05) / (lo + 0.05),
                  fg: fg.map(Math.round).join(","), bg: bg.map(Math.round).join(",")});
      }
  return out;
}"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_components_have_sufficient_contrast(fixture_open_reader: Callable[..., Reader], fixture_catalog: Catalog,
                                             scheme: str) -> None:
    # Material picks the palette whose media query matches the reader's system preference.
    reader = fixture_open_reader(color_scheme=scheme)
    article = fixture_catalog.articles[fx.IMAGES_ID]
    measured = []
    for url in ["", article.url, "timeline/", "organizations/", f"organizations/{fx.ORG_ID}/",
                f"people/{fx.PERSON_ID}/", "news/page/2/", fixture_catalog.articles[fx.YEAR_ONLY_ID].url]:
        page = reader.goto(url)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        measured += page.evaluate(CONTRAST, REQUIRED)
    assert {m["selector"] for m in measured} >= set(REQUIRED), "a component was not found on the pages checked"
    low = [m for m in measured if m["ratio"] < 4.5]
    assert low == []
