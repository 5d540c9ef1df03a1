"""Site pages: any other content/<name>.md (the home page, About, Contribute)."""

from __future__ import annotations

from .spec import Kind, KindSpec

SPEC = KindSpec(Kind.PAGE, "", "Pages", "Page", rank=8, body="the page text", template="page.html", jsonld="",
                search=False)
