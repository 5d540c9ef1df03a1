"""What every part of `portal synth` draws from: the random generator, the entities drawn so far and the
long-tailed popularity with which articles pick them."""

from __future__ import annotations

from itertools import accumulate
from random import Random

from . import synth_vocab as v
from .synth_text import ArticleDraft, Entity

FIRST_YEAR, YEARS = 2010, 15


class Draws:
    def __init__(self, articles: int, seed: int) -> None:
        self.n, self.r = articles, Random(seed)
        self.places: list[Entity] = []
        self.orgs: list[Entity] = []
        self.people: list[Entity] = []
        self.events: list[Entity] = []
        self.articles: list[ArticleDraft] = []
        self.topics = v.TOPICS[: min(len(v.TOPICS), articles)]  # every topic is used
        self._by_id: dict[str, Entity] = {}  # organizations and people, for the events' references

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
