"""`portal synth`: the places (a tree), organizations (a hierarchy) and people (with roles)."""

from __future__ import annotations

from typing import Any

from . import synth_vocab as v
from .synth_state import FIRST_YEAR, YEARS, Draws
from .synth_text import Entity, Ids


class EntityDraws(Draws):
    # -- entities ---------------------------------------------------------------------------
    def make_places(self) -> None:
        r, ids, total = self.r, Ids(), max(5, self.n // 50)
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
        r, ids, total = self.r, Ids(), max(10, self.n // 10)
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
        r, ids = self.r, Ids()
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
