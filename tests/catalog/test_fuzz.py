"""Arbitrary front matter and bodies through load → validate → catalog → body checks: never an exception.

Every outcome is either a clean catalog that holds every valid document, or diagnostics that
name a real file with a real line and column.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalog import build as catalog_mod
from generator.diagnostics import Report
from generator.kinds import Kind
from generator.load.documents import Tree
from generator.load.frontmatter import decode, split
from generator.validate import bodies
from generator.validate.entries import validate
from generator.validate.models import MODELS

# CI (and `make test`) runs all 2,000; PORTAL_FUZZ=dev (`make test-fast`) runs 200 while editing.
EXAMPLES = 200 if os.environ.get("PORTAL_FUZZ") == "dev" else 2000

FIELDS = sorted({name for model in MODELS.values() for name in (f.alias or n for n, f in model.model_fields.items())}
                | {"caption", "credit", "file", "organization", "from", "to", "url"})
IDS = ["iso", "acme", "town", "jo", "fair-2020", "quality", "index", "Bad Id", ""]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
    st.sampled_from(["2020-01-02", "2020-13-45", "2020", "2020-02", "https://example.org", "javascript:x",
                     "CN", "company", "conference", "city", "images/x.png", "../../etc/passwd", *IDS]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6),
                                                                 inner, max_size=4),
    max_leaves=8,
)
YAML_BITS = ["&a ", "*a", "!!python/object:os.system ", "!tag ", "<<: ", "---", "...", ": ", "- ", "{", "}", "[",
             "]", "'", '"', "\t", "#", "\n", "  ", "|", ">", "%YAML 1.1\n", "? ", ",", "\\", "\x00", "\ufeff"]
FRONT = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=8).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False)),
    st.lists(st.sampled_from(YAML_BITS) | st.sampled_from(FIELDS) | st.text(max_size=6), max_size=20).map("".join),
)
MD_BITS = ["<script>", "</script>", "<div>", "</div>", "<sub>", "<img src=x onerror=y>", "<a href='javascript:x'>",
           "[a](", ")", "](../../organizations/iso.md)", "](x.md#h)", "](/etc)", "](../../../x)", "`", "```", "~~~",
           "    ", "\n", "\n\n", "![i](data:x)", "{target=_blank}", "{: onclick=x }", "[^1]", "[^1]: ", "*[ISO]: ",
           "| a | b |\n|--|--|\n", "&#58;", "&", "<!--", "-->", "<?x", "<!x", "[r]: ", "[r]", "<http://x>",
           "<me@x.org>", "# ", "> ", "- ", "1. ", "\t", "<", ">", "\\", "<javascript:x>", "\x02", "\x03", "\r"]
BODY = st.lists(st.sampled_from(MD_BITS) | st.text(max_size=10), max_size=20).map("".join)
KINDS = [
    (Kind.ARTICLE, "2020/story", "news/2020/story.md"),
    (Kind.ARTICLE, "2020/other", "news/2020/other.md"),
    (Kind.ORGANIZATION, "iso", "organizations/iso.md"),
    (Kind.PERSON, "jo", "people/jo.md"),
    (Kind.PLACE, "town", "places/town.md"),
    (Kind.EVENT, "fair-2020", "events/fair-2020.md"),
    (Kind.PAGE, "about", "about.md"),
    (Kind.TOPICS, "topics", "topics.yml"),
]
FILE = st.one_of(
    st.tuples(FRONT, BODY).map(lambda fb: f"---\n{fb[0]}\n---\n{fb[1]}".encode()),
    st.binary(max_size=80).map(lambda b: b"---\n" + b + b"\n---\n"),
    st.tuples(FRONT, BODY).map(lambda fb: f"\ufeff---\r\n{fb[0]}\r\n---\r\n{fb[1]}".encode()),
)

# topics.yml is YAML without fences; every other file is front matter and a body.
ONE_FILE = st.sampled_from(KINDS).flatmap(
    lambda k: st.tuples(st.just(k), FRONT.map(str.encode) if k[0] is Kind.TOPICS else FILE))


@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ONE_FILE, min_size=1, max_size=3))
def test_any_input_gives_a_catalog_or_diagnostics(files: list[tuple[tuple[Kind, str, str], bytes]]) -> None:
    report = Report()
    tree = Tree(Path("content"), assets=["images/x.png"])
    paths = set()
    for (kind, ident, rel), data in files:
        shown = f"content/{rel}"
        paths.add(shown)
        text = decode(data, shown, report)
        if text is None:
            continue
        doc = split(kind, ident, shown, rel, text, report, fenced=kind is not Kind.TOPICS)
        if doc is not None:
            tree.documents.append(doc)
            if kind not in (Kind.ARTICLE, Kind.PAGE, Kind.TOPICS):
                tree.ids.setdefault(kind.value, set()).add(ident)
    valid = validate(tree, report)
    catalog = catalog_mod.build(valid)
    bodies.check(tree.documents, bodies.Targets.of(valid, tree.documents, tree.assets), report)

    for d in report.items:
        assert d.path in paths and d.line >= 1 and d.col >= 1 and d.message, d
    if not report.has_errors:  # a clean run loses nothing: every valid document is in the catalog
        assert len(catalog.articles) + len(catalog.drafts) == len(valid.articles)
        for table, kind in ((catalog.organizations, Kind.ORGANIZATION), (catalog.people, Kind.PERSON),
                            (catalog.places, Kind.PLACE), (catalog.events, Kind.EVENT), (catalog.pages, Kind.PAGE)):
            assert set(table) == set(valid.table(kind))
        assert set(catalog.topics) == set(valid.topics)
