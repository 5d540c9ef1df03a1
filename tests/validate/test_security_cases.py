"""Issue 14's ten hostile inputs: each is a diagnostic at its file, line and column, never a crash.

Every test runs `portal check`'s pipeline (or the loader) on a small tree written for it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from generator import sanitize
from generator.diagnostics import Diagnostic, Report
from generator.load import yamldepth, yamlsafe
from generator.load.documents import load_tree
from generator.pipeline import build_catalog
from generator.validate import bodies, budget, link_hints

from ..helpers import mkdocs_build, write_config, write_tree
from .test_bodies import ARTICLE, ARTICLE_PATH, BODY_LINE  # the same one-article fixture

ISO = "---\nname: ISO\n---\nThe ISO.\n"


def check(tmp_path: Path, files: dict[str, str]) -> list[Diagnostic]:
    content = write_tree(tmp_path / "content", {"organizations/iso.md": ISO, **files})
    return build_catalog(content).report.errors


def article_errors(tmp_path: Path, body: str) -> list[tuple[str, int, int]]:
    errors = check(tmp_path, {ARTICLE_PATH: ARTICLE + body})
    assert all(e.path.endswith(ARTICLE_PATH) for e in errors), errors
    return [(e.code, e.line, e.col) for e in errors]


# -- 1-5: bodies ------------------------------------------------------------------------------

HOSTILE_BODIES = [
    # case 1: browsers close "<!-->" at once, so the image and its handler are live markup
    ('<!--><img src=x onerror="alert(1)">-->', "unsafe-html", 6),
    ("Inline x <!---><img src=x onerror=alert(1)>-->", "unsafe-html", 16),
    # case 2: an id that would break out of the table of contents' href
    ("## Hi {: id='x\" autofocus onfocus=\"alert(1)' }", "unsafe-html", 14),
    # case 3: style through an attribute list
    ('A paragraph.\n{: style="position:fixed;inset:0;background:url(https://evil.example/x.png)" }',
     "unsafe-html", 4),
    # case 4: a bare attribute crashed the check (None has no replace)
    ("A paragraph.\n{: hidden }", "unsafe-html", 4),
    # case 5: an unclosed link swallows every later paragraph
    ('Read <a href="https://evil.example/phish">this\n\nNext paragraph.\n\n## Heading', "unsafe-html", 6),
]


@pytest.mark.parametrize(("body", "code", "col"), HOSTILE_BODIES, ids=[b[0][:30] for b in HOSTILE_BODIES])
def test_hostile_bodies_are_errors_at_their_place(tmp_path: Path, body: str, code: str, col: int) -> None:
    line = BODY_LINE + 2 + (1 if "{: " in body and body.startswith("A paragraph") else 0)
    errors = article_errors(tmp_path, body + "\n")
    assert errors[0] == (code, line, col) and {e[0] for e in errors} == {code}


@pytest.mark.parametrize("body", [b[0] for b in HOSTILE_BODIES], ids=[b[0][:30] for b in HOSTILE_BODIES])
def test_the_sanitized_html_of_hostile_bodies_is_inert(body: str) -> None:
    import html5lib

    from generator import markdown as mdconfig

    html = sanitize.clean(mdconfig.new_markdown().convert(body))
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    for el in tree.iter():
        if isinstance(el.tag, str):
            assert el.tag not in ("script", "style", "iframe")
            assert not [a for a in el.attrib if a.startswith("on") or a in ("style", "hidden", "autofocus")]
            assert all(sanitize.NAME_RE.match(el.attrib[a]) for a in ("id",) if a in el.attrib)
    # Sanitized bodies are balanced: nothing in them reaches the page around them (no open link).
    page = html5lib.parseFragment(f"<article>{html}</article><p id='after'>After</p>", treebuilder="etree",
                                  namespaceHTMLElements=False)
    after = next(el for el in page.iter() if el.get("id") == "after")
    assert after in list(page) and not list(after)


def test_legit_markup_passes_the_check_and_the_sanitizer_unchanged(tmp_path: Path) -> None:
    body = ("Text[^1] with [ISO](../../organizations/iso.md){target=_blank .chip #iso-link}, "
            "<abbr title=\"International Organization for Standardization\">ISO</abbr>, H<sub>2</sub>O.\n\n"
            "## Results {#results}\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
            "Term\n:   Definition\n\n*[ISO]: International Organization for Standardization\n\n[^1]: The note.\n")
    assert article_errors(tmp_path, body) == []
    from generator import markdown as mdconfig

    html = mdconfig.new_markdown().convert(body)
    assert bodies.sanitizer_findings(html) == []
    assert 'align="right"' in html and 'id="fn-1"' in html and 'class="headerlink"' in html


# -- 6: control characters ------------------------------------------------------------------------


def test_control_characters_in_values_and_bodies_are_errors(tmp_path: Path) -> None:
    front = ARTICLE.replace("title: Hello", 'title: "Ctl\\x0bchar\\x1b"').replace(
        "A short summary.", '"Null \\0 and \\uFFFE"')
    errors = check(tmp_path, {ARTICLE_PATH: front + "Text with a \x07bell.\n"})
    found = sorted((e.code, e.line, e.col) for e in errors)
    assert found == [("control-character", 2, 8), ("control-character", 4, 10),
                     ("control-character", BODY_LINE + 2, 13)]
    assert "U+000B" in errors[0].message or any("U+000B" in e.message for e in errors)


# -- 7: dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["2107-10-14", "0000-10-14", "0999-01-01", "2101"])
def test_dates_outside_1000_to_2100_are_errors(tmp_path: Path, date: str) -> None:
    errors = check(tmp_path, {
        "events/fair.md": f"---\ntitle: Fair\ndate: \"{date}\"\norganizations: [iso]\n---\n",
        f"news/{date[:4]}/a.md": ARTICLE.replace("2020-01-02", date) + "Text.\n",
    })
    codes = {(e.code, e.path.split("content/")[-1], e.line) for e in errors}
    assert codes == {("invalid-date", "events/fair.md", 3), ("invalid-date", f"news/{date[:4]}/a.md", 3)}


def test_the_first_year_of_the_range_fits_its_folder(tmp_path: Path) -> None:
    errors = check(tmp_path, {"news/1000/a.md": ARTICLE.replace("2020-01-02", "1000-01-02") + "Text.\n"})
    assert errors == []


# -- 8: nesting -------------------------------------------------------------------------------------


# Both parsers PyYAML offers: libyaml (C) as bundled with PyYAML 6.0.4 has its own flow limit of 1,000
# levels and the pure-Python one none, so the portal's limit must fire first for either.
PARSERS = [pytest.param(yaml.CSafeLoader, id="libyaml"), pytest.param(yaml.SafeLoader, id="pure")]


@pytest.mark.parametrize("loader", PARSERS)
@pytest.mark.parametrize("depth", [33, 500, 999, 1001, 25_000])
def test_deep_front_matter_is_an_error_not_a_crash(
    tmp_path: Path, depth: int, loader: type, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yamlsafe, "_Loader", loader)
    front = ARTICLE.replace("organizations: [iso]", "organizations: [iso]\nextra: " + "[" * depth + "]" * depth)
    errors = check(tmp_path, {ARTICLE_PATH: front + "Text.\n"})
    assert [(e.code, e.line, e.col, e.hint) for e in errors] == [("yaml-too-deep", 8, 40, yamldepth.HINT)]


def test_brackets_in_quotes_and_comments_do_not_count_as_nesting(tmp_path: Path) -> None:
    deep = "[" * 40
    front = ARTICLE.replace("organizations: [iso]", f"organizations: [iso]  # {deep}\nextra: ['{deep}', \"{deep}\"]")
    codes = {e.code for e in check(tmp_path, {ARTICLE_PATH: front + "Text.\n"})}
    assert not {c for c in codes if c.startswith("yaml-")}  # parsed: only the schema has something to say


def test_a_parsers_own_depth_limit_is_reported_as_too_deep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A future parser whose limit is below the portal's: its error still reads as a depth problem."""
    real_compose = yaml.compose

    def limited_compose(text: str, Loader: type) -> yaml.Node:
        if "[[[[" in text:
            mark = yaml.Mark("<unicode string>", 0, 1, 10, None, None)
            raise yaml.scanner.ScannerError("while increasing flow level", mark,
                                            "exceeded maximum nesting depth", mark)
        return real_compose(text, Loader=Loader)

    monkeypatch.setattr(yaml, "compose", limited_compose)
    front = ARTICLE.replace("organizations: [iso]", "organizations: [iso]\nextra: [[[[]]]]")
    errors = check(tmp_path, {ARTICLE_PATH: front + "Text.\n"})
    assert [(e.code, e.hint) for e in errors] == [("yaml-too-deep", yamldepth.HINT)]


def test_deep_block_front_matter_is_an_error(tmp_path: Path) -> None:
    nested = "extra:\n" + "".join("  " * i + "- \n" for i in range(1, 60))
    errors = check(tmp_path, {ARTICLE_PATH: ARTICLE.replace("organizations: [iso]\n", nested) + "Text.\n"})
    assert [e.code for e in errors] == ["yaml-too-deep"]


def test_32_levels_of_front_matter_are_fine(tmp_path: Path) -> None:
    front = ARTICLE.replace("organizations: [iso]", "organizations: [iso]\nextra: " + "[" * 31 + "]" * 31)
    errors = check(tmp_path, {ARTICLE_PATH: front + "Text.\n"})
    assert [e.code for e in errors] == ["unknown-key"]  # parsed fine; the field itself is unknown


DEEP_BODIES = ["- " * 1000 + "x", "> " * 200 + "x", "".join("    " * i + "- x\n" for i in range(40))]


@pytest.mark.parametrize("body", DEEP_BODIES)
def test_deeply_nested_lists_and_quotes_are_errors(tmp_path: Path, body: str) -> None:
    errors = article_errors(tmp_path, body + "\n")
    assert [e[0] for e in errors] == ["too-deep"]


# -- 9: time ---------------------------------------------------------------------------------------


def test_a_body_over_the_render_budget_is_an_error_naming_its_file(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {
        "organizations/iso.md": ISO, ARTICLE_PATH: ARTICLE + "[" * 16_000 + "\n",
        "news/2020/fine.md": ARTICLE + "A [link](../../organizations/nope.md).\n"})
    result = build_catalog(content)  # the default budget: the slow body is refused, the other checked
    report = Report()
    bodies.check(result.tree.documents, bodies.Targets.of(result.valid, result.tree.documents, []),
                    report, budget_s=1.0)
    found = {(e.code, e.path.split("content/")[-1]) for e in report.errors}
    assert found == {("too-slow", ARTICLE_PATH), ("broken-link", "news/2020/fine.md")}


@pytest.mark.parametrize("body", [
    pytest.param("Heading\n=======\n\n" * 3_000, id="setext-headings"),
    pytest.param("# Same\n\n" * 6_000, id="identical-headings"),
])
def test_a_plain_text_body_gets_the_same_budget(tmp_path: Path, body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20, case 5: no '<', '[', '{' or '&' in it, and still rendered within the budget, which it
    outlasts (0.2-0.4 s here: a budget of 0.05 s and none per MB)."""
    assert not set("<[{&") & set(body)
    content = write_tree(tmp_path / "content", {"organizations/iso.md": ISO, ARTICLE_PATH: ARTICLE + body})
    result = build_catalog(content)
    report = Report()
    monkeypatch.setattr(bodies, "BUDGET_PER_MB_S", 0.0)
    article = [d for d in result.tree.documents if d.rel == ARTICLE_PATH]  # a tiny body may miss 0.05 s too
    bodies.check(article, bodies.Targets.of(result.valid, result.tree.documents, []), report, budget_s=0.05)
    assert [(e.code, e.path.split("content/")[-1]) for e in report.errors] == [("too-slow", ARTICLE_PATH)]


def test_a_definition_list_that_recurses_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {"organizations/iso.md": ISO,
                                                ARTICLE_PATH: ARTICLE + "Term\n:   d\n" * 4_000})
    errors = [e for e in build_catalog(content).report.errors if e.path.endswith(ARTICLE_PATH)]
    # Python-Markdown recurses once per line: the renderer runs out of stack, or of time on a slow machine.
    assert [(e.code, e.line) for e in errors] in ([("too-deep", BODY_LINE)], [("too-slow", BODY_LINE)])


def test_broken_link_hints_are_worked_out_only_for_reported_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = difflib.get_close_matches
    monkeypatch.setattr(link_hints.difflib, "get_close_matches", lambda w, *a, **k: calls.append(w) or real(w, *a, **k))
    body = "".join(f"[l{i}](missing{i}.md) " for i in range(10_000)) + "\n"
    errors = article_errors(tmp_path, body)
    assert len(errors) == bodies.MAX_FINDINGS + 1 and errors[0][0] == "too-many-problems"
    assert len(calls) == bodies.MAX_FINDINGS


def test_unknown_id_hints_are_worked_out_once_per_value_up_to_a_cap(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.validate import references as validate

    calls: list[str] = []
    real = difflib.get_close_matches
    monkeypatch.setattr(validate.difflib, "get_close_matches", lambda w, *a, **k: calls.append(w) or real(w, *a, **k))
    ids = [f"org-{i}" for i in range(300)] * 2  # 300 distinct unknown ids, each listed twice
    front = ARTICLE.replace("organizations: [iso]", "organizations: [iso]\nevents: [" + ", ".join(ids) + "]")
    errors = check(tmp_path, {ARTICLE_PATH: front + "Text.\n"})
    assert sum(e.code == "unknown-reference" for e in errors) == len(ids)
    assert len(calls) == len(set(calls)) <= 100  # once per value, and a fixed number at most


# -- 10: hidden files -----------------------------------------------------------------------------


def test_hidden_files_and_folders_are_errors(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", {
        "organizations/iso.md": ISO, ".secret.md": ISO, ".drafts/x.md": ISO, "news/.2016/x.md": ISO,
        "people/.gitkeep": "", "news/2020/.gitkeep": ""})
    report = Report()
    load_tree(content, report)
    found = sorted((e.code, e.path.split("content/")[-1]) for e in report.errors)
    assert found == [("hidden-file", ".drafts"), ("hidden-file", ".secret.md"), ("hidden-file", "news/.2016")]


# -- no tracebacks ---------------------------------------------------------------------------------


def test_an_unexpected_exception_is_an_internal_error_and_the_others_are_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.validate import entries as validate

    real = validate.report_error

    def boom(doc, *args):  # type: ignore[no-untyped-def]
        if doc.id == "2020/boom":
            raise RuntimeError("surprise")
        return real(doc, *args)

    monkeypatch.setattr(validate, "report_error", boom)
    errors = check(tmp_path, {"news/2020/boom.md": ARTICLE.replace("summary: A short summary.\n", "") + "Text.\n",
                              ARTICLE_PATH: ARTICLE + "A [link](../../organizations/nope.md).\n"})
    found = {(e.code, e.path.split("content/")[-1]) for e in errors}
    assert found == {("internal-error", "news/2020/boom.md"), ("broken-link", ARTICLE_PATH)}
    assert "RuntimeError: surprise" in next(e.message for e in errors if e.code == "internal-error")


def test_a_body_that_kills_the_renderer_is_an_internal_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    real = bodies.BodyChecker.findings

    def crash(self, body, uri, moved=None):  # type: ignore[no-untyped-def]
        if "CRASH" in body:
            os._exit(139)  # as a segfault would
        return real(self, body, uri, moved)

    monkeypatch.setattr(bodies.BodyChecker, "findings", crash)
    # The worker must be forked (with the patch), not spawned, even if other tests left threads running.
    monkeypatch.setattr(budget.threading, "active_count", lambda: 1)
    budget._close_all()
    budget._open.clear()  # a fresh worker, forked with the patch
    errors = check(tmp_path, {"news/2020/boom.md": ARTICLE + "<b>CRASH</b>\n",
                              ARTICLE_PATH: ARTICLE + "A [link](../../organizations/nope.md).\n"})
    budget._close_all()
    budget._open.clear()
    found = {(e.code, e.path.split("content/")[-1]) for e in errors}
    assert found == {("internal-error", "news/2020/boom.md"), ("broken-link", ARTICLE_PATH)}


def test_a_failure_in_a_stage_across_files_is_an_internal_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import pipeline

    real = pipeline.catalog_mod.build
    calls: list[int] = []

    def fail_once(valid):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            raise KeyError("lost")
        return real(valid)

    monkeypatch.setattr(pipeline.catalog_mod, "build", fail_once)
    errors = check(tmp_path, {ARTICLE_PATH: ARTICLE + "Text.\n"})
    assert [(e.code, e.path.endswith("content")) for e in errors] == [("internal-error", True)]


def test_the_check_lists_everything_the_sanitizer_would_remove(tmp_path: Path) -> None:
    body = '<!--><img src=x onerror="alert(1)">--> and <!--><svg onload=x></svg><b style="color:red">t</b>-->\n'
    errors = check(tmp_path, {ARTICLE_PATH: ARTICLE + body})
    messages = [e.message for e in errors]
    assert all(e.code == "unsafe-html" and e.line == BODY_LINE + 2 for e in errors)
    assert "the sanitizer would remove attribute 'onerror' of <img>" in messages
    assert "the sanitizer would remove <svg>" in messages
    assert "the sanitizer would remove attribute 'style' of <b>" in messages


def test_a_tree_nested_hundreds_of_folders_deep_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """Issue 20: no traceback from any tree. Python 3.11's os.walk, which MkDocs uses, recurses once per
    folder; the portal's walk holds a stack and refuses folders more than 32 deep, so the build stops at the
    check with a diagnostic. (300 levels here: deep enough, and pytest's own clean-up recurses too.)"""
    deep = content = write_tree(tmp_path / "content", {"organizations/iso.md": ISO})
    deep = content / "organizations" / "/".join(["a"] * 300)
    deep.mkdir(parents=True)
    (deep / "deep-org.md").write_text("---\nname: Deep Org\n---\nA body.\n", encoding="utf-8")
    result = build_catalog(content)
    assert [d.id for d in result.tree.documents] == ["iso"]
    (error,) = result.report.errors  # at the 33rd folder, and nothing below it is walked
    assert error.code == "too-deep" and error.path.endswith("organizations" + "/a" * 32)
    done = mkdocs_build(write_config(tmp_path, content), tmp_path / "site")
    assert done.returncode == 1 and "error[too-deep]" in done.stderr and "Traceback" not in done.stderr
