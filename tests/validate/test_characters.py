"""Issue 16: the character check's fast path finds exactly what the full search finds."""

from __future__ import annotations

from pathlib import Path

from generator.validate.characters import _BAD_CHAR, first_bad, mixed_script_word

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


# -- issue 20: text that displays differently from what it says ------------------------------------

def _errors(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, int, int]]:
    from generator.pipeline import build_catalog

    content = write_tree(tmp_path / "content", files)
    return sorted((e.path.split("content/", 1)[1], e.code, e.line, e.col) for e in build_catalog(content).report.errors)


def test_bidirectional_controls_are_refused_in_values_and_text(tmp_path: Path) -> None:
    found = _errors(tmp_path, {
        "organizations/iso.md": '---\nname: "ISO \\u202eOSI"\n---\n',
        "organizations/iec.md": "---\nname: IEC\naliases:\n  - \"International \\u2066Electrotechnical\"\n---\n",
        "people/ann.md": "---\nname: Ann\n---\nShe signed for\n\u202dISO\u202c today.\n",
        "people/bob.md": "---\nname: \"Bob \\u200f\\u200e\"\n---\nדוד\u200f Bob.\n",  # direction marks are fine
    })
    assert found == [("organizations/iec.md", "bidi-control", 4, 5), ("organizations/iso.md", "bidi-control", 2, 7),
                     ("people/ann.md", "bidi-control", 5, 1)]


def test_names_are_one_line_visible_and_in_one_alphabet(tmp_path: Path) -> None:
    found = _errors(tmp_path, {
        "organizations/iso.md": "---\nname: |\n  ISO\n  Evil\n---\n",
        "organizations/iec.md": '---\nname: "I\\u200bEC"\nshort_name: "IEC"\n---\n',
        "organizations/itu.md": "---\nname: Intern\u0430tional Telecommunication Union\n---\n",  # Cyrillic а
        "organizations/sac.md": "---\nname: \u0391\u0392\u0393 Standards\naliases: [Ελληνικά, Русский, 上海 ISO]\n"
                                "name_zh: 国家标准化管理委员会\n---\nA body (\u200bfine in text).\n",
    })
    assert found == [("organizations/iec.md", "invisible-character", 2, 7),
                     ("organizations/iso.md", "line-break", 2, 7),
                     ("organizations/itu.md", "mixed-script", 2, 7)]
    assert mixed_script_word("ISO \u0395\u03bb\u03bb\u03ac\u03b4\u03b1") is None  # a Greek word next to a Latin one
    assert mixed_script_word("\u0399SO") == "\u0399SO"  # Greek Iota + Latin "SO"
    assert mixed_script_word("IS\u041e 9001") == "IS\u041e"


def test_diagnostics_quote_content_so_that_no_log_reader_acts_on_it(tmp_path: Path) -> None:
    """An id with a line break and a workflow command, and a terminal escape, in the text and GitHub outputs."""
    files = {"index.md": "# Home\n",
             "people/ann.md": '---\nname: Ann\nroles:\n  - title: x\n'
                              '    organization: "a\\n::error::pwned \\e[2J"\n---\n'}
    content = write_tree(tmp_path / "content", files)
    for fmt in ("text", "github"):
        done = portal("check", "--content", str(content), "--format", fmt, cwd=tmp_path)
        assert done.returncode == 1
        out = done.stdout + done.stderr
        assert "\x1b" not in out and not any(line.startswith("::error::pwned") for line in out.splitlines())
        assert "\\u{000A}::error::pwned \\u{001B}[2J" in out
