"""The body check's memo (`mkdocs serve` checks every body on every save) gives exactly the findings a fresh
check gives: proven on random sequences of bodies and link targets, not on a few hand-picked cases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics import Report
from generator.kinds import Kind
from generator.load.frontmatter import split
from generator.validate import bodies, body_pool
from generator.validate.body_memo import MEMO
from generator.validate.targets import Targets

PAGES = ("news/2020/a.md", "news/2020/b.md", "organizations/iso.md", "about.md")
SNIPPETS = (  # links to pages that may or may not exist, anchors, raw HTML, plain text
    "Plain words.", "See [A](a.md).", "See [B](b.md#details).", "[ISO](../../organizations/iso.md)",
    "[About](../../about.md#team)", "## Details", "<b>bold</b>", "<script>x()</script>", "[x](javascript:y)",
    "{: #team }", "![photo](../../images/p.png)",
)


def _doc(rel: str, body: str) -> object:
    text = f"---\ntitle: T\n---\n{body}\n"
    return split(Kind.ARTICLE, rel[len("news/"):-len(".md")], f"content/{rel}", rel, text, Report())


def _check(docs: list[object], pages: frozenset[str]) -> list[tuple[str, int, int, str, str]]:
    report = Report()
    bodies.check(docs, Targets(pages, frozenset(), frozenset({"images/p.png"})), report)  # type: ignore[arg-type]
    return [(d.path, d.line, d.col, d.code, d.message) for d in report.items]


def _fresh(docs: list[object], pages: frozenset[str]) -> list[tuple[str, int, int, str, str]]:
    MEMO.clear()  # forget every answer
    return _check(docs, pages)


edits = st.lists(st.tuples(st.sampled_from(PAGES[:2]), st.lists(st.sampled_from(SNIPPETS), max_size=4),
                           st.frozensets(st.sampled_from(PAGES))), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_the_memo_gives_what_a_fresh_check_gives(sequence: list[tuple[str, list[str], frozenset[str]]]) -> None:
    texts = {"news/2020/a.md": "Plain words.", "news/2020/b.md": "## Details\n\nText."}
    for rel, snippets, pages in sequence:  # edit one body, and maybe which pages exist; check after each save
        texts[rel] = "\n\n".join(snippets)
        docs = [_doc(r, t) for r, t in sorted(texts.items())]
        warm = _check(docs, pages)
        assert warm == _fresh(docs, pages), (rel, snippets, sorted(pages))


def test_an_unchanged_body_is_not_rendered_again(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = frozenset(PAGES)
    docs = [_doc("news/2020/a.md", "See [B](b.md#details) and [gone](c.md)."), _doc("news/2020/b.md", "## Details")]
    first = _fresh(docs, pages)
    assert [d[3] for d in first] == ["broken-link"]  # c.md
    rendered: list[str] = []
    real = body_pool.run

    def counted(jobs: list[tuple[object, tuple[str, str, str, object], float]], *args: object) -> object:
        rendered.extend(item[2] for _, item, _ in jobs)  # ("body", text, address, moved)
        return real(jobs, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(body_pool, "run", counted)
    assert _check(docs, pages) == first and rendered == []
    edited = [docs[0], _doc("news/2020/b.md", "## Other")]  # b's anchor went: a's link to it is now broken
    assert sorted(d[3] for d in _check(edited, pages)) == ["broken-anchor", "broken-link"]
    assert rendered == ["news/2020/b.md"]
    assert [d[3] for d in _check(edited, pages | {"news/2020/c.md"})] == ["broken-anchor"]  # c.md now exists
    assert rendered == ["news/2020/b.md", "news/2020/a.md", "news/2020/b.md"]  # other targets: checked afresh


def test_a_body_that_ran_out_of_time_is_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [_doc("news/2020/a.md", "Words.")]
    _fresh([], frozenset(PAGES))
    calls: list[str] = []

    def out_of_time(jobs: list[tuple[object, object, float]], *args: object) -> object:
        calls.append("timeout")
        return [(job, ("timeout", None)) for job, _, _ in jobs]  # every body late, as a slow worker answers

    monkeypatch.setattr(body_pool, "run", out_of_time)
    assert [d[3] for d in _check(docs, frozenset(PAGES))] == ["too-slow"]
    assert [d[3] for d in _check(docs, frozenset(PAGES))] == ["too-slow"] and calls == ["timeout", "timeout"]
    assert len(MEMO) == 0
    monkeypatch.undo()
    assert _check(docs, frozenset(PAGES)) == [] and len(MEMO) == 1
