"""`portal synth`: the articles (dates, mentions, Markdown text) and the events they report on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import synth_vocab as v
from .synth_state import FIRST_YEAR, YEARS, Draws
from .synth_text import ArticleDraft, Entity, Ids, document_text, iso_date


class ArticleDraws(Draws):
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
            a = ArticleDraft(d, prec)
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
        r, ids = self.r, Ids()
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
                if ids.free(title, 80):  # as ids.take below: a title cut to 60 characters looked free
                    break
            else:  # ten repeats: number it, so the corpus stays free of warnings
                title = f"{title}, session {k + 1}"
            front: dict[str, Any] = {"title": title, "date": iso_date(day, prec), "kind": kind, "place": place.id,
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
    def _fill(self, pattern: str, a: ArticleDraft) -> str:
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

    def _body(self, a: ArticleDraft) -> str:
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
        per_year: dict[int, Ids] = {}
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
            ids = per_year.setdefault(year, Ids())
            slug = ids.take(title)
            media, domain = r.choice(v.MEDIA)
            front: dict[str, Any] = {"title": title, "date": iso_date(a.date, a.precision),
                                     "summary": self._fill(r.choice(v.SENTENCES), a)}
            front["source"] = ({"name": "Unattributed"} if r.random() < 0.25 else
                               {"name": media, "url": f"https://{domain}/{year}/{a.date.month:02d}/{slug}.html"})
            for key, items in (("organizations", a.orgs), ("people", a.people), ("places", a.places),
                               ("events", a.events)):
                if items:
                    front[key] = [e.id for e in items]
            front["topics"] = a.topics
            if r.random() < 0.3:
                front["standards"] = [f"ISO {r.choice(v.STANDARDS)[0]}"]
            if r.random() < 0.2:
                front["images"] = [{"caption": f"Delegates at the meeting in {a.places[0].name}.",
                                    "credit": f"Photo/{media}"}]
            out[f"news/{year}/{slug}.md"] = document_text(front, self._body(a))
        return out
