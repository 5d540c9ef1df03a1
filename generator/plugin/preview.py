"""What `mkdocs serve --dirty` (make serve) keeps between saves, on the plugin object.

Each preview build fingerprints every planned page (pages/incremental.py); MkDocs re-renders only
the pages whose fingerprint changed, and the feeds, calendars, data files and social cards follow the
same fingerprints (outputs/incremental_outputs.py). State lives here for the life of the server.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..outputs.cards import write_cards
from ..outputs.ids import TagIds
from ..outputs.incremental_outputs import OutputFingerprints
from ..outputs.page import page_card
from ..pages.incremental import OwnHashes, Previous, TemplateCache, fingerprints, node_hashes
from ..pages.plan import PageSpec
from ..pipeline import Result
from . import glue


class Preview:
    def __init__(self) -> None:
        self.previous = Previous()
        self.templates = TemplateCache()
        self.fingerprints: dict[str, bytes] = {}
        self.hashes: dict[Any, bytes] = {}  # pages/incremental.node_hashes of this build
        self.global_hash = b""  # the code, theme and configuration of this build
        self.outputs = OutputFingerprints()
        self.own: OwnHashes = {}  # each file's own hash, while its parse is unchanged
        self.cards: dict[str, str] = {}  # each page's card, by src_uri: the site path of its PNG

    def configure(self, config: MkDocsConfig) -> None:
        """Each preview build: no sitemap (it lists every page, and only a deploy needs it), and no warning
        that dirty builds may be inaccurate (the fingerprints make them exact; --strict would stop on it)."""
        config.theme.static_templates.discard("sitemap.xml")
        logging.getLogger("mkdocs.commands.build").addFilter(glue.exact_dirty_builds)

    def plan(self, specs: list[PageSpec], result: Result, config: MkDocsConfig) -> set[str]:
        """The src_uris of the pages to render again."""
        self.global_hash = glue.code_and_theme(config)
        self.hashes = node_hashes(result.catalog, result.tree, self.own)
        self.fingerprints = fingerprints(specs, result.catalog, result.tree, self.global_hash, self.hashes)
        return self.previous.changed(self.fingerprints)

    def write_outputs(self, specs: dict[str, PageSpec], result: Result, config: MkDocsConfig, ids: TagIds,
                      cards: Path, rendered: dict[str, str]) -> list[str]:
        """The outputs whose inputs changed, and the cards of the pages rendered again. ``rendered``: article
        bodies by id, kept across builds (a page this build skipped keeps the body of the build that rendered it)."""
        written = self.outputs.write(result.catalog, Path(config.site_dir), config.site_url or None, ids=ids,
                                     site_name=config.site_name, site_description=config.site_description or "",
                                     hashes=self.hashes, global_hash=self.global_hash, rendered=rendered)
        changed = {uri: page_card(s, config.site_name) for uri, s in specs.items()
                   if self.previous.pages.get(uri) != self.fingerprints[uri]}
        written += write_cards(changed.values(), Path(config.site_dir), cards, config.site_name)
        # A card no page shows any more goes, as a clean build would never have written it.
        before = {self.cards.pop(uri) for uri in [*changed, *(u for u in self.cards if u not in specs)]
                  if uri in self.cards}
        self.cards.update((uri, card.path) for uri, card in changed.items())
        for stale in before - set(self.cards.values()):
            (Path(config.site_dir) / stale).unlink(missing_ok=True)
        return written

    def done(self, site_dir: str) -> None:
        """After a good build: a deleted or renamed file's old page goes; these fingerprints are the last."""
        for uri in self.previous.gone(self.fingerprints):
            stale = Path(site_dir) / PageSpec(uri, "", "", "").url / "index.html"
            stale.unlink(missing_ok=True)
        self.previous.pages = self.fingerprints
