"""Issue 16: the character check's fast path finds exactly what the full search finds."""

from __future__ import annotations

from pathlib import Path

from generator.validate.characters import _BAD_CHAR, first_bad

from ..helpers import portal, write_tree

EDGES = "\x00\x08\x0b\x0c\r\x1f\x7f\x80\x85\x9f\ufdd0\ufdef\ufffe\uffff\U0001fffe\U0010ffff"
FINE = "\t\n \u00a0\u00ad\u200b\u3000\ufdcf\ufdf0\ufffd\U0001f600上海é"


def test_every_code_point_is_judged_as_the_full_search_judges_it() -> None:
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates never reach a decoded file
        text = f"质量\n{chr(code)}\t"
        expected = _BAD_CHAR.search(text)
        found = first_bad(text)
        assert (found and (found.start(), found[0])) == (expected and (expected.start(), expected[0])), hex(code)


def test_the_first_of_several_is_found_after_a_character_the_fast_test_refuses() -> None:
    for bad in EDGES:
        text = f"a\u00a0b\n{bad}c{EDGES}"
        found = first_bad(text)
        assert found is not None and (found.start(), found[0]) == (4, bad)
    assert first_bad(FINE * 3) is None


def test_edge_characters_are_reported_at_their_place(tmp_path: Path) -> None:
    body = FINE + "\nline 6 \u0085 and \ufdd0\n"
    files = {"index.md": "# Home\n"}
    for i, ch in enumerate(EDGES):
        files[f"organizations/org-{i}.md"] = f'---\nname: "Org {i} \\U{ord(ch):08x}x"\n---\n'
    files["people/ann.md"] = f"---\nname: Ann\n---\n{body}"
    content = write_tree(tmp_path / "content", files)
    done = portal("check", "--content", str(content), "--format", "github", cwd=tmp_path)
    found = [line for line in done.stdout.splitlines() if "control-character" in line]
    names = {line.split("file=")[1].split(",")[0] for line in found if "org-" in line}
    assert names == {f"content/organizations/org-{i}.md" for i in range(len(EDGES))}
    body_lines = sorted(int(line.split("line=")[1].split(",")[0]) for line in found if "ann.md" in line)
    assert body_lines == [6]  # reported once, at its first bad character (FINE holds a newline: line 6)
    assert all(f"U+{ord(ch):04X}" in done.stdout for ch in EDGES)
