"""The core pipeline, independent of MkDocs: load → validate → catalog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalog import build as catalog_mod
from .catalog.graph import Catalog
from .diagnostics import Report, internal_error
from .load.cache import ParseCache
from .load.documents import Tree, display_path, load_tree
from .validate import bodies, placeholders
from .validate.assets import check_assets
from .validate.entries import validate
from .validate.valid import Valid


@dataclass(slots=True)
class Result:
    report: Report
    tree: Tree
    valid: Valid
    catalog: Catalog

    @property
    def ok(self) -> bool:
        return not self.report.has_errors


def build_catalog(content_dir: Path | str, workers: int = 1, cache: ParseCache | None = None) -> Result:
    """Run every stage over a content folder; problems go into ``result.report``.

    ``workers`` > 1 parses a large tree in forked processes: for command-line use, not inside a
    server that runs threads (MkDocs's `serve`), where forking is unsafe.
    """
    report = Report()
    tree = load_tree(Path(content_dir), report, workers=workers, cache=cache)
    check_assets(tree.content_dir, tree.assets, report, display_path(tree.content_dir))
    try:
        valid = validate(tree, report)
        report = placeholders.apply(tree, report)  # unfilled `portal new` values
        catalog = catalog_mod.build(valid)
    except Exception as exc:  # loading and the body checks go file by file; these stages span files
        internal_error(report, display_path(Path(content_dir)), exc)
        return Result(report, tree, Valid(), catalog_mod.build(Valid()))
    # Bodies: raw HTML, unsafe URLs and broken internal links (to the pages the valid entries publish).
    bodies.check(tree.documents, bodies.Targets.of(valid, tree.documents, tree.assets), report)
    return Result(report, tree, valid, catalog)
