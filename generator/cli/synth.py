"""`portal synth`: a realistic, deterministic synthetic content tree for benchmarks.

N articles over 15 years (≈500 words of Markdown each) with ~N/10 organizations in a
parent hierarchy, ~N/20 people with roles, ~N/50 places in a tree, ~N/5 events of
day, month and year precision, and the topics. Mentions follow a long-tailed
popularity (ISO appears in far more reports than a district office), every entity
is referenced at least once, and the tree passes `portal check` with no problems.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from itertools import accumulate
from pathlib import Path
from random import Random
from typing import Any

from . import synth_vocab as v
from .synth_text import Entity, _Article, _document, _Ids, _iso, _pages

FIRST_YEAR, YEARS = 2010, 15


class Synth:
    def __init__(self, articles: int, seed: int) -> None:
        self.n, self.r = articles, Random(seed)
        self.places: list[Entity] = []
        self.orgs: list[Entity] = []
        self.people: list[Entity] = []
        self.events: list[Entity] = []
        self.articles: list[_Article] = []
        self.topics = v.TOPICS[: min(len(v.TOPICS), articles)]  # every topic is used

    # -- popularity -------------------------------------------------------------------------
    def _pick(self, pool: list[Entity], cum: list[float], k: int, first: Entity | None = None) -> list[Entity]:
        out = {first.id: first} if first else {}
        for e in self.r.choices(pool, cum_weights=cum, k=k * 2):
            if len(out) >= k:
                break
            out.setdefault(e.id, e)
        return list(out.values())

    @staticmethod
    def _zipf(n: int, s: float = 0.9) -> list[float]:
        return list(accumulate(1 / (rank + 1) ** s for rank in range(n)))

    # -- entities ---------------------------------------------------------------------------
    def make_places(self) -> None:
        r, ids, total = self.r, _Ids(), max(5, self.n // 50)
        countries = v.COUNTRIES[: max(1, min(len(v.COUNTRIES), total // 10))]
        codes = {code: ids.take(cid) for cid, _, code in countries}
        for (_, name, code), pid in zip(countries, codes.values(), strict=True):
            self.places.append(Entity(pid, name, {"name": name, "kind": "country", "country": code}))
        cities = [c for c in v.CITIES if c[1] in codes][: max(1, (total - len(countries)) // 3)]
        for name, code in cities:
            self.places.append(Entity(ids.take(name), name, {
                "name": name, "kind": "city", "parent": codes[code], "country": code}))
        city_places = self.places[len(countries):]
        while len(self.places) < total:
            name = "".join(r.choice(v.SYLLABLES) for _ in range(2)).capitalize()
            kind = r.choice(v.DISTRICT_KINDS)
            full = f"{name} {kind.capitalize()}"
            if not ids.free(full):
                continue
            parent = city_places[min(int(r.expovariate(0.5)), len(city_places) - 1)]
            self.places.append(Entity(ids.take(full), full, {
                "name": full, "kind": kind, "parent": parent.id, "country": parent.front["country"]},
                body=f"{full} is a {kind} of {parent.name} with a growing number of standardization projects."))

    def make_orgs(self) -> None:
        r, ids, total = self.r, _Ids(), max(10, self.n // 10)
        by_country = {p.front["country"]: p.id for p in self.places if p.front["kind"] == "country"}
        cities = [p for p in self.places if p.front["kind"] == "city"]
        for oid, name, short, kind, country in v.BODIES[: max(4, min(len(v.BODIES), total // 4))]:
            front: dict[str, Any] = {"name": name, "short_name": short, "kind": kind}
            if country:
                front["country"] = country
                if country in by_country:
                    front["place"] = by_country[country]
            ids.take(oid)
            self.orgs.append(Entity(oid, name, front, body=f"The {name} ({short}) develops and publishes standards."))
        for name, domain in v.MEDIA[: max(1, total // 10)]:
            self.orgs.append(Entity(ids.take(name), name, {"name": name, "kind": "media",
                                                            "website": f"https://{domain}/"}))
        bodies = [o for o in self.orgs if o.front["kind"] != "media"]
        tc = 100
        committee_parents = [o for o in bodies if o.id in ("iso", "iec", "itu", "cen", "cenelec", "etsi", "sac")]
        while len(self.orgs) < total:
            roll, city = r.random(), r.choice(cities)
            tc, name, front, parent = self._org(roll, city, tc, committee_parents, bodies)
            if not ids.free(name):
                continue
            if parent is not None:
                front["parent"] = parent.id
            self.orgs.append(Entity(ids.take(name), name, front,
                                    body=f"{name} works on {r.choice(v.SUBJECTS)} and related standards."))

    def _org(self, roll: float, city: Entity, tc: int, committee_parents: list[Entity],
             bodies: list[Entity]) -> tuple[int, str, dict[str, Any], Entity | None]:
        """One more organization of a kind drawn by ``roll``: (next TC number, name, front matter, parent)."""
        r = self.r
        parent: Entity | None = None
        if roll < 0.3:
            parent = r.choice(committee_parents)
            tc += r.randint(1, 7)
            subject = r.choice(v.SUBJECTS)
            short = f"{parent.front['short_name']}/TC {tc}"
            name = f"{short} {subject.capitalize()}"
            return tc, name, {"name": name, "short_name": short, "kind": "committee"}, parent
        if roll < 0.5:
            name = f"{city.name} {r.choice(v.AGENCIES)}"
            front = {"name": name, "kind": "government-agency", "country": city.front["country"], "place": city.id}
            if city.front["country"] == "CN" and any(o.id == "samr" for o in bodies):
                parent = next(o for o in bodies if o.id == "samr")
            return tc, name, front, parent
        if roll < 0.65:
            name = f"{city.name} {r.choice(v.ASSOCIATION_NAMES)}"
            return tc, name, {"name": name, "kind": "association", "place": city.id}, None
        stem = "".join(r.choice(v.SYLLABLES) for _ in range(2)).capitalize()
        name = f"{stem} {r.choice(v.COMPANY_SUFFIXES)}"
        return tc, name, {"name": name, "kind": "company", "country": city.front["country"], "place": city.id}, None

    def make_people(self) -> None:
        r, ids = self.r, _Ids()
        cum = self._zipf(len(self.orgs))
        for _ in range(max(5, self.n // 20)):
            for _attempt in range(20):  # namesakes would be reported as possible duplicates (duplicate-name)
                name = f"{r.choice(v.SURNAMES)} {r.choice(v.GIVEN)}"
                if ids.free(name):
                    break
            roles = []
            for org in self._pick(self.orgs, cum, r.randint(1, 2)):
                role: dict[str, Any] = {"title": r.choice(v.ROLES), "organization": org.id}
                if r.random() < 0.7:
                    role["from"] = str(r.randint(FIRST_YEAR, FIRST_YEAR + YEARS - 1))
                roles.append(role)
            self.people.append(Entity(ids.take(name), name, {"name": name, "roles": roles},
                                      body=f"{name} is quoted in reports on {r.choice(v.SUBJECTS)}."))

    # -- articles and events ----------------------------------------------------------------
    def make_articles(self) -> None:
        r = self.r
        start = dt.date(FIRST_YEAR, 1, 1).toordinal()
        span = dt.date(FIRST_YEAR + YEARS - 1, 12, 31).toordinal() - start
        dates = sorted(dt.date.fromordinal(start + r.randint(0, span)) for _ in range(self.n))
        org_cum, ppl_cum = self._zipf(len(self.orgs)), self._zipf(len(self.people), 0.7)
        place_cum = self._zipf(len(self.places), 0.6)
        topics = [t[0] for t in self.topics]
        for i, d in enumerate(dates):
            prec = 3 if r.random() < 0.9 else (2 if r.random() < 0.8 else 1)
            a = _Article(d, prec)
            a.orgs = self._pick(self.orgs, org_cum, r.choice((1, 2, 2, 3, 3, 4, 5, 6)), self.orgs[i % len(self.orgs)])
            a.places = self._pick(self.places, place_cum, r.randint(1, 2), self.places[i % len(self.places)])
            a.people = self._pick(self.people, ppl_cum, r.choice((0, 0, 1, 1, 2, 3)))
            a.topics = list(dict.fromkeys([topics[i % len(topics)], *r.sample(topics, r.randint(0, 2))]))
            self.articles.append(a)
        self._make_events()
        for entity in (*self.orgs, *self.people, *self.places):
            entity.refs = 0
        for a in self.articles:
            for e in (*a.orgs, *a.people, *a.places):
                e.refs += 1
        for e in self.events:
            for ref in e.front.get("organizations", []) + e.front.get("people", []):
                self._by_id[ref].refs += 1
        # Whoever is still unmentioned goes into an article with room for one more.
        hosts = (a for a in self.articles if len(a.people) < 3)
        for person in self.people:
            if person.refs == 0:
                next(hosts).people.append(person)

    def _make_events(self) -> None:
        r, ids = self.r, _Ids()
        self._by_id = {e.id: e for e in (*self.orgs, *self.people)}
        count = min(self.n, max(5, self.n // 5))
        kinds = list(v.EVENT_PATTERNS)
        for k in range(count):
            host = self.articles[k * self.n // count]
            prec = min(host.precision, 3 if r.random() < 0.7 else (2 if r.random() < 0.67 else 1))
            day = host.date - dt.timedelta(days=r.randint(0, 20) if prec == 3 else 0)
            org, place = host.orgs[0], host.places[0]
            for _attempt in range(10):  # one title per event: a repeat would be a possible duplicate
                kind = r.choice(kinds)
                title = v.EVENT_PATTERNS[kind].format(
                    place=place.name, org=org.front.get("short_name") or org.name,
                    subject=r.choice(v.SUBJECTS).capitalize())
                title = f"{title} {day.year}"
                if ids.free(title):
                    break
            front: dict[str, Any] = {"title": title, "date": _iso(day, prec), "kind": kind, "place": place.id,
                                     "organizations": [o.id for o in host.orgs[:3]]}
            if prec == 3 and kind in ("conference", "forum") and r.random() < 0.6:
                front["end"] = (day + dt.timedelta(days=r.randint(1, 3))).isoformat()
            if host.people:
                front["people"] = [host.people[0].id]
            front["summary"] = f"{title}, organized by the {org.name}."
            event = Entity(ids.take(title, 80), title, front, body=f"{title} brought together experts on standards.")
            self.events.append(event)
            host.events.append(event)
        for i, a in enumerate(self.articles):  # some reports follow up on a nearby event
            if len(a.events) < 2 and r.random() < 0.4:
                near = self.events[min(count - 1, max(0, i * count // self.n + r.randint(-3, 3)))]
                if near not in a.events:
                    a.events.append(near)

    # -- text ---------------------------------------------------------------------------------
    def _fill(self, pattern: str, a: _Article) -> str:
        r = self.r
        org = r.choice(a.orgs)
        person = r.choice(a.people) if a.people else None
        return pattern.format(
            org=org.name, org2=r.choice(self.orgs).name, place=r.choice(a.places).name,
            person=person.name if person else "a senior official",
            role=person.front["roles"][0]["title"] if person else "an official",
            subject=r.choice(v.SUBJECTS), n=r.randint(3, 120), m=r.randint(10, 900), p=r.randint(5, 95),
            year=r.randint(1950, 2008), event=a.events[0].name if a.events else "Standardization forum",
        )

    def _body(self, a: _Article) -> str:
        r = self.r
        parts = []
        for p in range(r.randint(5, 8)):
            if p in (2, 4) and r.random() < 0.5:
                parts.append(f"## {r.choice(v.HEADINGS)}")
            parts.append(" ".join(self._fill(s, a) for s in r.choices(v.SENTENCES, k=r.randint(4, 6))))
            if p == 1 and r.random() < 0.5:
                parts.append("The plan sets out the following tasks:\n\n" + "\n".join(
                    f"- {self._fill(s, a)}" for s in r.sample(v.LIST_ITEMS, r.randint(3, 5))))
            if p == 3 and r.random() < 0.2:
                y = a.date.year
                rows = "\n".join(f"| {r.choice(v.SUBJECTS).capitalize()} | {r.randint(1, 90)} | {r.randint(1, 90)} |"
                                 for _ in range(r.randint(3, 6)))
                parts.append(f"| Field | {y - 1} | {y} |\n| --- | ---: | ---: |\n{rows}")
        if r.random() < 0.3:
            parts.append(f"*{self._fill(r.choice(v.SENTENCES), a)}*")
        return "\n\n".join(parts)

    def article_files(self) -> dict[str, str]:
        r, out = self.r, {}
        per_year: dict[int, _Ids] = {}
        for a in self.articles:
            org, org2 = a.orgs[0], r.choice(a.orgs)
            title = ""
            while not 0 < len(title) <= 160:  # the model's limit; long names need a shorter pattern
                title = r.choice(v.TITLE_PATTERNS).format(
                    place=a.places[0].name, org=org.front.get("short_name") or org.name,
                    org2=org2.front.get("short_name") or org2.name, subject=r.choice(v.SUBJECTS),
                    event=a.events[0].name if a.events else "Standards forum", n=r.randint(3, 90))
            title = title[0].upper() + title[1:]
            year = a.date.year
            ids = per_year.setdefault(year, _Ids())
            slug = ids.take(title)
            media, domain = r.choice(v.MEDIA)
            front: dict[str, Any] = {"title": title, "date": _iso(a.date, a.precision),
                                     "summary": self._fill(r.choice(v.SENTENCES), a)}
            front["source"] = ({"name": "Unattributed"} if r.random() < 0.25 else
                               {"name": media, "url": f"https://{domain}/{year}/{a.date.month:02d}/{slug}.html"})
            for key, items in (("organizations", a.orgs), ("people", a.people), ("places", a.places),
                               ("events", a.events)):
                if items:
                    front[key] = [e.id for e in items]
            front["topics"] = a.topics
            if r.random() < 0.3:
                front["standards"] = [f"ISO {r.choice((9001, 14001, 27001, 37120, 45001, 50001, 22000))}"]
            if r.random() < 0.2:
                front["images"] = [{"caption": f"Delegates at the meeting in {a.places[0].name}.",
                                    "credit": f"Photo/{media}"}]
            out[f"news/{year}/{slug}.md"] = _document(front, self._body(a))
        return out

    def files(self) -> dict[str, str]:
        self.make_places()
        self.make_orgs()
        self.make_people()
        self.make_articles()
        out = {"topics.yml": "".join(f"{tid}:\n  name: {json.dumps(name)}\n  description: {json.dumps(desc)}\n"
                                     for tid, name, desc in self.topics)}
        out.update(_pages(self.n))
        for folder, table in (("places", self.places), ("organizations", self.orgs), ("people", self.people),
                              ("events", self.events)):
            for e in table:
                out[f"{folder}/{e.id}.md"] = _document(e.front, e.body)
        out.update(self.article_files())
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
