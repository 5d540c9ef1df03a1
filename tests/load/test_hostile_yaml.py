"""Untrusted files: YAML tags, alias bombs, size limits, encodings and symlinks give diagnostics."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic, Report
from generator.kinds import Kind
from generator.load.documents import load_tree
from generator.load.frontmatter import MAX_FILE_BYTES, MAX_FRONT_MATTER_BYTES

ARTICLE_FRONT = (
    "title: Hello\n"
    "date: 2020-01-02\n"
    "summary: A short summary.\n"
    "source:\n"
    "  name: Example Daily\n"
)


def load(tmp_path: Path, files: dict[str, bytes]) -> tuple[Report, list]:
    content = tmp_path / "content"
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    report = Report()
    tree = load_tree(content, report)
    return report, tree.documents


def only_error(report: Report) -> Diagnostic:
    assert len(report.errors) == 1, report.errors
    return report.errors[0]


def article(front: str, body: str = "Text.\n") -> bytes:
    return f"---\n{front}---\n{body}".encode()


@pytest.mark.parametrize(
    ("extra", "tag"),
    [
        ("run: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "!!python/object/apply:os.system"),
        ("run: !!python/name:os.system\n", "!!python/name:os.system"),
        ("custom: !secret value\n", "!secret"),
        ("items: !!set {a: null}\n", "!!set"),
        ("blob: !!binary aGVsbG8=\n", "!!binary"),
    ],
)
def test_yaml_tags_are_errors(tmp_path: Path, extra: str, tag: str) -> None:
    report, docs = load(tmp_path, {"news/2020/a.md": article(ARTICLE_FRONT + extra)})
    error = only_error(report)
    assert (error.code, error.line) == ("yaml-tag", 7)
    assert tag in error.message
    assert docs == []


def test_billion_laughs_is_refused_at_the_first_alias(tmp_path: Path) -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        bomb.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    report, docs = load(tmp_path, {"news/2020/a.md": article(ARTICLE_FRONT + "\n".join(bomb) + "\n")})
    error = only_error(report)
    assert (error.code, error.line, error.col) == ("yaml-alias", 8, 8)
    assert "'*a'" in error.message
    assert docs == []


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    front = ARTICLE_FRONT + "base: &b {x: 1}\nother:\n  <<: {x: 2}\n"
    report, _ = load(tmp_path, {"news/2020/a.md": article(front)})
    assert only_error(report).code == "yaml-alias"


def test_file_over_one_megabyte_is_an_error(tmp_path: Path) -> None:
    body = "word " * (MAX_FILE_BYTES // 5 + 1)
    report, docs = load(tmp_path, {"news/2020/a.md": article(ARTICLE_FRONT, body)})
    error = only_error(report)
    assert error.code == "file-too-large" and error.path.endswith("news/2020/a.md")
    assert docs == []


def test_front_matter_over_64_kb_is_an_error(tmp_path: Path) -> None:
    front = ARTICLE_FRONT + "standards:\n" + "".join(f"  - ISO {i}\n" for i in range(MAX_FRONT_MATTER_BYTES // 10))
    report, docs = load(tmp_path, {"news/2020/a.md": article(front)})
    assert only_error(report).code == "front-matter-too-large"
    assert docs == []


def test_non_utf8_bytes_give_the_byte_offset(tmp_path: Path) -> None:
    data = article(ARTICLE_FRONT, "Caf\xe9 ok\n").replace("Caf\xe9".encode(), b"Caf\xe9")
    offset = data.index(b"\xe9")
    report, docs = load(tmp_path, {"news/2020/a.md": data})
    error = only_error(report)
    assert error.code == "file-encoding"
    assert f"offset {offset}" in error.message and "0xe9" in error.message
    assert (error.line, error.col) == (8, 4)
    assert docs == []


def test_bom_and_crlf_are_accepted_with_true_positions(tmp_path: Path) -> None:
    text = "---\r\n" + ARTICLE_FRONT.replace("\n", "\r\n") + "draft: maybe\r\n---\r\nBody line.\r\n"
    report, docs = load(tmp_path, {"news/2020/a.md": b"\xef\xbb\xbf" + text.encode()})
    assert report.errors == []
    (doc,) = docs
    assert doc.kind is Kind.ARTICLE and doc.front.data["title"] == "Hello"
    assert doc.body == "Body line.\n" and doc.body_line == 9
    assert "\r" not in doc.front.data["summary"]
    assert doc.front.pos(("draft",)).line == 7


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinks_in_content_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("---\nname: Secret\n---\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.md").write_text("---\nname: X\n---\n", encoding="utf-8")
    content = tmp_path / "content" / "organizations"
    content.mkdir(parents=True)
    (content / "secret.md").symlink_to(outside)
    (content / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    report = Report()
    tree = load_tree(tmp_path / "content", report)
    found = [(e.code, e.path.rsplit("/", 1)[-1]) for e in report.errors]
    assert found == [("symlink", "more"), ("symlink", "secret.md")]
    assert tree.documents == []
