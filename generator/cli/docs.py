"""`portal docs`: the editors' field reference as Markdown (generator/validate/fields.py reads it
from the content models)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..diagnostics import CODES
from ..validate.fields import reference


def markdown() -> str:
    """The reference as Markdown (``portal docs``)."""
    out = ["# Field reference", "",
           "Every field a content file may use, generated from `generator/validate/models.py`.", ""]
    for doc in reference():
        out += [f"## {doc.name.capitalize()}", "", doc.summary, ""]
        if doc.where:
            out += [f"File: `{doc.where}`" + (f"; body: {doc.body}." if doc.body else ""), ""]
        out += ["| Field | Required | Value | Meaning |", "| --- | --- | --- | --- |"]
        for f in doc.fields:
            value = f.type + (": " + ", ".join(f"`{a}`" for a in f.allowed) if f.allowed else "")
            if f.nested:
                value += f" (see {f.nested.capitalize()})"
            if f.default is not None:
                value += f"; default `{f.default}`"
            cells = [f"`{f.key}`", "yes" if f.required else "no", value, f.description]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    out += ["## Diagnostic codes", "", "What `portal check` reports; CONTRIBUTING.md section 7 says how to fix each.",
            "", "| Code | Meaning |", "| --- | --- |"]
    out += [f"| `{code}` | {meaning} |" for code, meaning in CODES.items()]  # no meaning holds a '|'
    out.append("")
    return "\n".join(out)


def cmd_docs(args: argparse.Namespace) -> int:
    text = markdown()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(Path(args.output).as_posix(), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help="print the field reference as Markdown (also on the site at /contribute/fields/)")
    p.add_argument("--output", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_docs)
