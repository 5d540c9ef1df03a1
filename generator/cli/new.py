"""`portal new`: scaffold an article or an entity file with every field explained.

The template is written from the field reference (generator/validate/fields.py), so its comments
always match the models. Required values the editor has not given are ``TODO: …``
placeholders, which ``portal check`` reports until they are filled in.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from .. import designations
from ..dates import InvalidDate, PartialDate
from ..dates import suggest as suggest_date
from ..diagnostics import Report
from ..kinds import KINDS, Kind, by_folder, folder_of, spec
from ..load.documents import ID_RE, display_path
from ..load.frontmatter import split
from ..validate import fields
from ..validate.names import FIELD_WORDS, Naming, distinct_keys, namings
from ..validate.placeholders import MARK

SLUG_LIMIT = 80  # characters; long headlines are cut at a word boundary
_EXAMPLES = {"date": '"YYYY-MM-DD"', "url": "https://", "country": '"CN"', "ics": '"03.120.10"',
             "article-id": '"2017/some-report"', "id": "some-id", "text": '""'}


class ScaffoldError(Exception):
    """A request that cannot be carried out; the message says why and what to do."""


def slugify(title: str, limit: int = SLUG_LIMIT) -> str:
    """ASCII, lowercase, hyphenated and readable: 'Café Über ISO 9001!' → 'cafe-uber-iso-9001'."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("&", " and "))
    slug = ""
    for word in words:
        if slug and len(slug) + 1 + len(word) > limit:
            break
        slug = f"{slug}-{word}" if slug else word[:limit]
    return slug


def _title_slug(title: str) -> str:
    """The file name made from a headline, if readable (a mostly Chinese '第46届ISO/TC 46全会' gives '46iso-tc-46')."""
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"the title '{title}' gives no ASCII letters for a file name: "
                            "pass one with --slug, e.g. --slug shanghai-standards-forum")
    han = sum(1 for c in title if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    if han > sum(1 for c in unicodedata.normalize("NFKD", title) if c.isascii() and c.isalpha()):
        raise ScaffoldError(f"the title '{title}' is mostly Chinese, so it gives no readable file name: "
                            "pass one with --slug, in English or pinyin, e.g. --slug shanghai-standards-forum")
    return slug


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML string


def _comment(f: fields.FieldDoc, pad: str) -> list[str]:
    need = "required" if f.required else "optional"
    if f.allowed:
        return [f"{pad}# {f.description} ({need}; one of: {', '.join(f.allowed)})"]
    return [f"{pad}# {f.description} ({need}; {f.type})"]


def _fields(doc: fields.ModelDoc, values: dict[str, Any], pad: str = "") -> list[str]:
    out: list[str] = []
    for f in doc.fields:
        if f.key == "moved_from":
            continue  # written by `portal mv`, not by editors
        out += _comment(f, pad)
        given = values.get(f.key)
        if f.nested and not f.is_list and (f.required or given):
            out.append(f"{pad}{f.key}:")
            out += _fields(fields.model_doc(f.nested), given or {}, pad + "  ")
        elif given is not None:
            out.append(f"{pad}{f.key}: {_q(given)}")
        elif f.required:
            out.append(f"{pad}{f.key}: {_q(f'{MARK}: {f.description}')}")
        elif f.is_list:
            # The key, then a commented example item: items written below it (or the example,
            # uncommented) form a block list; left as it is, the list is empty.
            out.append(f"{pad}{f.key}:")
            if f.nested:
                for i, sub in enumerate(fields.model_doc(f.nested).fields):
                    lead = "- " if i == 0 else "  "
                    out.append(f"{pad}#  {lead}{sub.key}: {_example(sub)}")
            else:
                out.append(f"{pad}#  - {_EXAMPLES.get(f.value, '...')}")
        else:
            out.append(f"{pad}# {f.key}: {_example(f)}")
    return out


def _example(f: fields.FieldDoc) -> str:
    if f.default is not None:
        return f.default
    if f.allowed:
        return f.allowed[0]
    return _EXAMPLES.get(f.value, '""')


def render(kind: str, values: dict[str, Any]) -> str:
    """The text of a new file of ``kind`` with ``values`` filled in."""
    lines = ["---", *_fields(fields.model_doc(kind), values), "---", "", f"{MARK}: {spec(kind).scaffold_body}", ""]
    return "\n".join(lines)


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value).iso()
    except InvalidDate as exc:
        better = suggest_date(value)
        raise ScaffoldError(f"--date: {exc}" + (f'; write "{better}"' if better else "")) from None


def new_article(content: Path, title: str, date: str | None = None, source: str | None = None,
                slug: str | None = None) -> Path:
    iso = _date(date)
    if iso is None:
        iso = dt.date.today().isoformat()
        print(f"portal: note: no --date given, so the article is dated today, {iso}; "
              "change 'date' if the report is from another day", file=sys.stderr)
    derived = slug is None
    if slug is not None:
        if not ID_RE.match(slug):
            raise ScaffoldError(f"--slug '{slug}' is not valid: use lowercase letters, digits and single hyphens")
    else:
        slug = _title_slug(title)
    folder = content / "news" / iso[:4]
    path = folder / f"{slug}.md"
    if path.exists() and derived:  # a slug made from the title that is taken gets a suffix
        n = 2
        while (folder / f"{slug}-{n}.md").exists():
            n += 1
        print(f"portal: note: {display_path(path)} exists; using '{slug}-{n}'", file=sys.stderr)
        path = folder / f"{slug}-{n}.md"
    values: dict[str, Any] = {"title": title.strip(), "date": iso}
    if source:
        values["source"] = {"name": source.strip()}
    return _write(path, render("article", values))


def new_entity(content: Path, kind: str, ident: str, name: str, date: str | None = None,
               short_name: str | None = None, namesake: bool = False) -> Path:
    if not ID_RE.match(ident):
        raise ScaffoldError(f"'{ident}' is not a valid {kind} id: use lowercase letters, digits and single "
                            f"hyphens, e.g. '{slugify(ident) or 'shanghai-standards-forum'}'")
    values: dict[str, Any] = {"title" if kind == "event" else "name": name.strip()}
    if short_name is not None:
        values["short_name"] = short_name.strip()
    if spec(kind).refuse_namesakes and not namesake and not (content / _folder(kind) / f"{ident}.md").exists():
        _refuse_known_name(content, kind, [*namings(kind, ident, values)])
    if kind == "event" and date is not None:
        values["date"] = _date(date)
    elif date is not None:
        raise ScaffoldError(f"--date only applies to articles and events, not to a {kind}")
    return _write(content / _folder(kind) / f"{ident}.md", render(kind, values))


def designated(kind: str) -> bool:
    """Kinds named by a designation (standards, committees): `portal new <kind> "ISO 9001:2015" --title …`."""
    return KINDS[kind].name_fields[:1] == ("designation",)


def new_designated(content: Path, kind: str, designation: str, title: str, ident: str | None = None) -> Path:
    parse = designations.parse if kind == Kind.STANDARD else designations.parse_committee
    if parse(designation) is None:
        raise ScaffoldError(f"'{designation}' is not a {kind}'s designation: write it as the publisher prints "
                            "it, e.g. \"ISO 9001:2015\", \"GB/T 19001-2016\" or \"ISO/TC 176\"")
    ident = ident or designations.slug(designation)
    if not ID_RE.match(ident):
        raise ScaffoldError(f"--id '{ident}' is not valid: use lowercase letters, digits and single hyphens")
    folder = content / _folder(kind)
    same = designations.key if kind == Kind.STANDARD else parse  # one spelling of any spelling
    wanted = same(designation)
    for path in sorted(folder.glob("*.md")):  # the same designation in another spelling is the same standard
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = split(Kind(kind), path.stem, display_path(path), path.name, text, Report())
        theirs = doc.front.data.get("designation") if doc is not None and isinstance(doc.front.data, dict) else None
        if isinstance(theirs, str) and same(theirs) == wanted:
            raise ScaffoldError(f"{display_path(path)} already describes {theirs}: edit that file instead")
    return _write(folder / f"{ident}.md", render(kind, {"designation": " ".join(designation.split()),
                                                        "title": title.strip()}))


def _refuse_known_name(content: Path, kind: str, new: list[Naming]) -> None:
    """A new entity must not go by a name, short name, alias or id an existing one of its kind goes by."""
    wanted = dict(distinct_keys(new))
    if not wanted:
        return
    for path in sorted((content / _folder(kind)).glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # `portal check` reports unreadable files
        doc = split(Kind(kind), path.stem, display_path(path), path.name, text, Report())
        data = doc.front.data if doc is not None else None
        for key, theirs in distinct_keys(namings(kind, path.stem, data)):
            ours = wanted.get(key)
            if ours is not None:
                raise ScaffoldError(
                    f"the {FIELD_WORDS[ours.field]} '{ours.text}' matches the {FIELD_WORDS[theirs.field]} "
                    f"'{theirs.text}' of {kind} '{path.stem}' ({display_path(path)}): if it is the same {kind}, "
                    f"refer to it as '{path.stem}'; if it is another, run again with --namesake, then "
                    f"{spec(kind).tell_apart}"
                )


def _folder(kind: str) -> str:
    folder = folder_of(kind)
    assert folder is not None, kind  # the parser offers only kinds with a folder
    return folder


def _write(path: Path, text: str) -> Path:
    if path.exists():
        raise ScaffoldError(f"{display_path(path)} already exists; choose another id or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(text)
    return path


def cmd_new(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"portal: error: content folder '{content}' not found (run from the project root or pass "
              "--content)", file=sys.stderr)
        return 2
    try:
        if args.kind == "article":
            path = new_article(content, args.title, args.date, args.source, args.slug)
        elif designated(args.kind):
            path = new_designated(content, args.kind, args.designation, args.title, args.id)
        else:
            path = new_entity(content, args.kind, args.id, args.name, args.date, getattr(args, "short_name", None),
                              getattr(args, "namesake", False))
    except ScaffoldError as exc:
        print(f"portal: error: {exc}", file=sys.stderr)
        return 1
    print(display_path(path))
    print("fill in every TODO, then run 'portal check --changed'", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    new = sub.add_parser("new", help="create a new article, organization, person, place or event file")
    kinds = new.add_subparsers(dest="kind", required=True, parser_class=sub._parser_class)
    article = kinds.add_parser("article", help="content/news/<YYYY>/<slug>.md from a headline")
    article.add_argument("title", help="the headline, in quotes")
    article.add_argument("--date", help="publication date: YYYY-MM-DD, YYYY-MM or YYYY (default: today)")
    article.add_argument("--source", help="name of the publication, e.g. 'China Daily'")
    article.add_argument("--slug", help="file name without .md (default: made from the title)")
    for folder, kind in by_folder().items():
        if designated(kind):
            p = kinds.add_parser(kind, help=f"content/{folder}/<id>.md from its designation")
            p.add_argument("designation", help="as printed, in quotes, e.g. \"ISO 9001:2015\" or \"ISO/TC 176\"")
            p.add_argument("--title", required=True, help="its English title, in quotes")
            p.add_argument("--id", dest="id", help="file name without .md (default: made from the designation)")
            continue
        p = kinds.add_parser(kind, help=f"content/{folder}/<id>.md")
        p.add_argument("id", help="lowercase letters, digits and hyphens, e.g. shanghai-standards-forum")
        p.add_argument("--name", required=True, help="the event's title" if kind == "event" else "the full name")
        if kind == "organization":
            p.add_argument("--short-name", help="the abbreviation used in reports, e.g. SMBQTS")
        if spec(kind).refuse_namesakes:
            p.add_argument("--namesake", action="store_true",
                           help=f"create it although another {kind} has this name (then tell the two apart)")
        if kind == "event":
            p.add_argument("--date", help="when it happened: YYYY-MM-DD, YYYY-MM or YYYY")
        else:
            p.set_defaults(date=None)
    for p in kinds.choices.values():
        p.add_argument("--content", default="content", help="content folder (default: content)")
    new.set_defaults(func=cmd_new)
