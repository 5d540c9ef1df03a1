"""Time `portal check` on the worst inputs of issue 14 (see benchmarks/README.md, "Hostile inputs").

Each case is a small content tree holding one hostile file next to a valid organization; the
check runs in its own process and must end with diagnostics (exit 1) or a clean pass (exit 0),
never a crash or a stall.
Prints a Markdown table; `--json PATH` writes the numbers.

    .venv/bin/python benchmarks/hostile.py
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import run  # noqa: E402

FRONT = ("---\ntitle: Hostile\ndate: 2020-01-02\nsummary: A summary.\nsource:\n  name: Daily\n"
         "organizations: [iso]\n{extra}---\nIntro.\n\n")


def article(body: str = "Text.\n", extra: str = "") -> dict[str, str]:
    return {"news/2020/hostile.md": FRONT.format(extra=extra) + body}


def unknown_ids() -> dict[str, str]:
    """One article lists 5,000 ids that no file has, next to 2,000 people that exist."""
    people = {f"people/person-{i}.md": f"---\nname: Person {i}\n---\n" for i in range(2_000)}
    listed = "people: [" + ", ".join(f"persn-{i}" for i in range(5_000)) + "]\n"
    return {**people, "news/2020/hostile.md": FRONT.format(extra=listed) + "Text.\n"}


CASES: dict[str, Callable[[], dict[str, str]]] = {
    "16 KB body of '['": lambda: article("[" * 16_384 + "\n"),
    "10,000 broken links": lambda: article("".join(f"[l{i}](missing-{i}.md)\n" for i in range(10_000))),
    "5,000 distinct unknown ids, 2,000 people": lambda: unknown_ids(),
    "front matter 500 deep": lambda: article(extra="x: " + "[" * 500 + "]" * 500 + "\n"),
    "front matter 25,000 deep (50 KB)": lambda: article(extra="x: " + "[" * 25_000 + "]" * 25_000 + "\n"),
    "body of '- ' × 1000": lambda: article("- " * 1000 + "x\n"),
    "body of '<div>' × 8000": lambda: article("<div>" * 8000 + "\n"),
    "body of '*' × 16,384": lambda: article("*" * 16_384 + "\n"),
    "1,000 '<!--><img onerror>' comments": lambda: article("<!--><img src=x onerror=alert(1)>-->\n" * 1000),
    "1 MB of ordinary Markdown with links": lambda: article(("A [link](../../organizations/iso.md) and *text*.\n\n"
                                                            "| a | b |\n|--|--|\n| 1 | 2 |\n\n") * 13_000),
}


def measure(name: str, files: dict[str, str]) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        for rel, text in {"organizations/iso.md": "---\nname: ISO\n---\nThe ISO.\n", **files}.items():
            path = content / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        result = run([sys.executable, "-m", "generator", "check", "--content", str(content), "--format", "json"],
                     Path(tmp), limit=120)
        try:
            codes = Counter(d["code"] for d in json.loads(result.log[result.log.index("["):]))
        except ValueError:
            codes = Counter()
    return {"case": name, "wall_s": round(result.wall_s, 2), "cpu_s": round(result.cpu_s, 2),
            "exit": result.returncode, "codes": dict(codes)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="run the cases whose name contains this text")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = [measure(name, make()) for name, make in CASES.items() if not args.only or args.only in name]
    print("| Input | check wall (CPU) | exit | diagnostics |")
    print("|---|---:|---:|---|")
    for r in rows:
        codes = ", ".join(f"{c} × {n}" for c, n in sorted(r["codes"].items()))  # type: ignore[union-attr]
        print(f"| {r['case']} | {r['wall_s']} s ({r['cpu_s']}) | {r['exit']} | {codes} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["exit"] in (0, 1) for r in rows) else 1  # diagnostics or clean; never a crash


if __name__ == "__main__":
    raise SystemExit(main())
