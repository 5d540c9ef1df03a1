"""benchmarks/run.py keeps working: a small run produces the full JSON report (times are not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT, env

pytestmark = pytest.mark.benchmark  # `make test-fast` leaves them out
RUN = ROOT / "benchmarks" / "run.py"


def _bench(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "results.json"
    done = subprocess.run([sys.executable, str(RUN), "--out", str(tmp_path / "work"), "--json", str(out), *args],
                          capture_output=True, text=True, env=env(), timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("| Articles |")  # the Markdown table
    return json.loads(out.read_text(encoding="utf-8"))


def test_benchmark_at_200_articles(tmp_path: Path) -> None:
    data = _bench(tmp_path, "--articles", "200", "--no-baseline", "--no-editor")
    assert data["machine"]["cpus"] >= 1 and data["machine"]["mkdocs"]
    (row,) = data["results"]
    assert row["articles"] == 200
    assert row["check"]["returncode"] == 0 and "0 errors" in row["check"]["summary"][0]
    build = row["build"]
    assert build["pages"] > 200 and build["summary"].startswith("portal: built")
    assert "200 articles" in build["summary"]
    for key in ("wall_s", "cpu_s", "load_validate_catalog_s", "plan_s", "templates_s", "page_generation_s",
                "mkdocs_rest_s"):
        assert isinstance(build[key], float) and build[key] >= 0, key
    assert build["peak_rss_mb"] > 20 and row["check"]["peak_rss_mb"] > 20
    site = row["site"]
    assert 1 < site["article_html_kb_mean"] <= site["article_html_kb_max"]
    assert site["search_index_mb"] > site["search_index_gzip_mb"] > 0
    assert site["largest_other_page"].endswith("index.html")
    assert row["floor_s"] > 0 and row["build_over_floor"] > 1
    assert row["blog"]["status"].startswith("not run")
    assert not (tmp_path / "work" / "n200" / "site").exists()  # sites are removed unless --keep


def test_blog_plugin_baseline_builds(tmp_path: Path) -> None:
    (row,) = _bench(tmp_path, "--articles", "30", "--cold")["results"]
    assert row["blog"]["status"] == "ok" and row["blog"]["peak_rss_mb"] > 20
    # --cold: a first build that drew every card into the corpus's own card cache, then the cached one.
    assert row["cold_build"]["cpu_s"] > 0 and row["cold_over_cached_cpu"] > 0
    assert row["cold_build"]["outputs_s"] is not None
    assert len(list((tmp_path / "work" / "n30" / "card-cache" / "cards").glob("*.png"))) > 30
    # Issue 16: the editor's and reader's measurements run in the same pass.
    assert row["serve"]["status"] == "ok" and row["serve"]["edit_to_page_s"] > 0, row["serve"]
    assert row["check_changed"]["returncode"] == 0 and row["check_changed"]["warm_s"] > 0
    if row["first_search"]["status"] == "ok":  # Chromium present
        searches = [v for k, v in row["first_search"].items() if k != "status"]
        assert searches and all(s["kb"] > 0 and s["results"] > 0 for s in searches)
