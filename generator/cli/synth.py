"""`portal synth`: a realistic, deterministic synthetic content tree for benchmarks.

N articles over 15 years (≈500 words of Markdown each) with ~N/10 organizations in a
parent hierarchy, ~N/20 people with roles, ~N/50 places in a tree, ~N/5 events of
day, month and year precision, and the topics. Mentions follow a long-tailed
popularity (ISO appears in far more reports than a district office), every entity
is referenced at least once, and the tree passes `portal check` with no problems.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..kinds import Kind, folder_of
from . import synth_vocab as v
from .synth_articles import ArticleDraws
from .synth_entities import EntityDraws
from .synth_text import document_text, page_files


class Synth(EntityDraws, ArticleDraws):
    """The whole corpus: entities first (articles pick from them), then articles and their events."""

    def files(self) -> dict[str, str]:
        self.make_places()
        self.make_orgs()
        self.make_people()
        self.make_articles()
        out = {"topics.yml": "".join(f"{tid}:\n  name: {json.dumps(name)}\n  description: {json.dumps(desc)}\n"
                                     for tid, name, desc in self.topics)}
        out.update(page_files(self.n))
        for kind, table in ((Kind.PLACE, self.places), (Kind.ORGANIZATION, self.orgs), (Kind.PERSON, self.people),
                            (Kind.EVENT, self.events)):
            for e in table:
                out[f"{folder_of(kind)}/{e.id}.md"] = document_text(e.front, e.body)
        out.update(self.article_files())
        for number, title in v.STANDARDS:  # a file for each standard the reports list (no notes, real pages)
            out[f"{folder_of(Kind.STANDARD)}/iso-{number}.md"] = document_text(
                {"designation": f"ISO {number}", "title": title, "publisher": "iso"}, "")
        return out

def generate(articles: int, seed: int) -> dict[str, str]:
    """{path relative to the content folder: text}, the same for the same arguments."""
    return Synth(articles, seed).files()


def write(files: dict[str, str], out_dir: Path) -> None:
    made: set[Path] = set()
    for rel, text in files.items():
        path = out_dir / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(text, encoding="utf-8")


def cmd_synth(args: argparse.Namespace) -> int:
    out = Path(args.out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(f"portal: error: '{out}' exists and is not an empty folder; choose a new one", file=sys.stderr)
        return 2
    if args.articles < 1:
        print("portal: error: --articles must be at least 1", file=sys.stderr)
        return 2
    files = generate(args.articles, args.seed)
    write(files, out)
    print(f"wrote {len(files)} files to {out}", file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("synth", help="write a synthetic content tree for benchmarks")
    p.add_argument("out_dir", help="folder to create (must be new or empty)")
    p.add_argument("--articles", type=int, default=1000, help="number of articles (default: 1000)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    p.set_defaults(func=cmd_synth)
