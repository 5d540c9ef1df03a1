"""Benchmark the portal on synthetic corpora (see benchmarks/README.md).

For each size: generate a corpus with `portal synth`, time `portal check` and a full
`mkdocs build` (wall time, peak RSS, phases from the plugin's log), measure the site,
and build the same corpus with Material's blog plugin for comparison. Prints a
Markdown table and writes JSON.

    .venv/bin/python benchmarks/run.py --articles 1000,2000,5000,10000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import editor, hugo  # noqa: E402
from generator.cli import synth  # noqa: E402
from generator.outputs.search_index import pagefind_binary  # noqa: E402

MB = 1024 * 1024
_FLOAT = r"([0-9.]+)"
PHASES = {
    "catalog_s": re.compile(rf"portal: catalog of .* in {_FLOAT} s"),
    "plan_s": re.compile(rf"portal: planned \d+ pages in {_FLOAT} s"),
    "templates_s": re.compile(rf"portal: rendered \d+ page templates in {_FLOAT} s"),
    "outputs_s": re.compile(rf"portal: wrote \d+ .* in {_FLOAT} s"),
    "search_index_s": re.compile(rf"portal: indexed \d+ pages for search in {_FLOAT} s"),
    "mkdocs_reported_s": re.compile(rf"Documentation built in {_FLOAT} seconds"),
}
BUILT_RE = re.compile(r"portal: built (\d+) pages: (.*)")


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # user + system: less disturbed than wall time by other load on the machine
    peak_rss_mb: float
    returncode: int | None  # None: killed at the time limit
    log: str


def run(args: list[str], cwd: Path, limit: float | None = None) -> Run:
    """Run a command; wall time and the peak RSS of that process alone (wait4's rusage)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    log_path = cwd / f".log-{os.getpid()}"
    with log_path.open("w") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        code: int | None = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if limit is not None and time.perf_counter() - started > limit:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - started
    proc.returncode = code if code is not None else -9  # keep Popen from waiting again
    text = log_path.read_text(errors="replace")
    log_path.unlink()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, text)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def write_config(project: Path, content: Path, card_cache: Path | None = None) -> Path:
    """The real mkdocs.yml with absolute docs, site and theme folders; social cards cached in ``card_cache``
    (kept between runs, as CI keeps .cache/) instead of beside the corpus, which every run writes afresh."""
    from mkdocs.utils.yaml import get_yaml_loader  # reads its !ENV tags (site_url, build_cache)

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    config["docs_dir"] = str(content)
    config["site_dir"] = str(project / "site")
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    if card_cache is not None:
        config["plugins"] = [{"portal": {**(p["portal"] or {} if isinstance(p, dict) else {}),
                                         "cache_dir": str(card_cache)}}
                             if p == "portal" or (isinstance(p, dict) and "portal" in p) else p
                             for p in config["plugins"]]
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def blog_project(files: dict[str, str], project: Path) -> Path:
    """The same articles as posts of Material's blog plugin, with a baseline mkdocs.yml."""
    docs = project / "docs"
    posts = {"index.md": "# Standards News Portal\n", "blog/index.md": "# Blog\n"}
    for rel, text in files.items():
        if not rel.startswith("news/"):
            continue
        front, body = text.split("\n---\n", 1)
        meta = yaml.load(front.removeprefix("---\n"), Loader=yaml.CSafeLoader)
        date = str(meta["date"])
        full = date + "-01-01"[len(date) - 4:] if len(date) < 10 else date  # blog needs full dates
        title = json.dumps(meta["title"], ensure_ascii=False)
        posts[f"blog/posts/{rel.split('/', 1)[1]}"] = f'---\ndate: {full}\ntitle: {title}\n---\n\n{body}'
    synth.write(posts, docs)
    config = {
        "site_name": "Blog baseline", "docs_dir": str(docs), "site_dir": str(project / "site"),
        "theme": {"name": "material", "font": False},
        "plugins": ["blog", "search"],
        "markdown_extensions": ["abbr", "attr_list", "def_list", "footnotes", "tables", {"toc": {"permalink": True}}],
    }
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def markdown_floor(files: dict[str, str]) -> float:
    """Seconds Python-Markdown alone takes to convert the article bodies (the floor)."""
    import markdown

    md = markdown.Markdown(extensions=["abbr", "attr_list", "def_list", "footnotes", "tables", "toc"])
    bodies = [text.split("\n---\n", 1)[1] for rel, text in files.items() if rel.startswith("news/")]
    md.convert(bodies[0] if bodies else "")  # warm up: first use compiles patterns
    started = time.perf_counter()
    for body in bodies:
        md.reset().convert(body)
    return time.perf_counter() - started


def site_sizes(site: Path) -> dict[str, Any]:
    total, articles, largest, largest_listing = 0, [], (0, ""), (0, "")
    article_re = re.compile(r"^news/\d{4}/(?!page/)[^/]+/index\.html$")
    for dirpath, _, names in os.walk(site):
        for name in names:
            path = Path(dirpath, name)
            size = path.stat().st_size
            total += size
            if name != "index.html":
                continue
            rel = path.relative_to(site).as_posix()
            if article_re.match(rel):
                articles.append(size)
            else:
                largest_listing = max(largest_listing, (size, rel))
            largest = max(largest, (size, rel))
    # The Pagefind bundle: its index, fragment and filter files are gzip already (sent as they are);
    # pagefind.js, the worker and the WebAssembly are counted as a server would compress them.
    raw_bytes = sent_bytes = 0
    for path in (site / "pagefind").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            raw_bytes += len(gzip.decompress(data)) if path.suffix.startswith(".pf_") else len(data)
            sent_bytes += len(data) if path.suffix.startswith(".pf_") else len(gzip.compress(data, 6))
    return {
        "site_mb": round(total / MB, 1),
        "article_html_kb_mean": round(sum(articles) / max(1, len(articles)) / 1024, 1),
        "article_html_kb_max": round(max(articles, default=0) / 1024, 1),
        "largest_other_page_kb": round(largest_listing[0] / 1024, 1),
        "largest_other_page": largest_listing[1],
        "search_index_mb": round(raw_bytes / MB, 2),
        "search_index_gzip_mb": round(sent_bytes / MB, 2),
    }


def phases(log: str) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for key, pattern in PHASES.items():
        m = pattern.search(log)
        out[key] = float(m[1]) if m else None
    return out


def bench(n: int, args: argparse.Namespace, blog_state: dict[str, Any]) -> dict[str, Any]:
    work = args.out / f"n{n}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    started = time.perf_counter()
    files = synth.generate(n, args.seed)
    synth.write(files, work / "content")
    row: dict[str, Any] = {"articles": n, "synth_s": round(time.perf_counter() - started, 2)}
    say(f"[{n}] corpus: {len(files)} files in {row['synth_s']} s")

    check = run([sys.executable, "-m", "generator", "check", "--content", str(work / "content")], work)
    row["check"] = {"wall_s": round(check.wall_s, 2), "cpu_s": round(check.cpu_s, 2),
                    "peak_rss_mb": round(check.peak_rss_mb), "returncode": check.returncode,
                    "summary": check.log.strip().splitlines()[-1:]}
    say(f"[{n}] check: {check.wall_s:.2f} s (CPU {check.cpu_s:.2f} s), {check.peak_rss_mb:.0f} MB")

    if args.cold:  # a first build (no social card drawn yet), then the same build again with its cards
        config = write_config(work, work / "content", work / "card-cache")
        cold = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)], work)
        if cold.returncode != 0:
            say(cold.log[-5000:])
            raise SystemExit(f"cold mkdocs build of {n} articles failed")
        row["cold_build"] = {"wall_s": round(cold.wall_s, 2), "cpu_s": round(cold.cpu_s, 2),
                             "peak_rss_mb": round(cold.peak_rss_mb), **phases(cold.log)}
        say(f"[{n}] cold build: {cold.wall_s:.1f} s (CPU {cold.cpu_s:.1f} s), {cold.peak_rss_mb:.0f} MB")
        shutil.rmtree(work / "site")
    else:
        config = write_config(work, work / "content", None if args.cold_cards else args.out / "card-cache")
    build = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)], work)
    if build.returncode != 0:
        say(build.log[-5000:])
        raise SystemExit(f"mkdocs build of {n} articles failed")
    ph = phases(build.log)
    generation = sum(ph[k] or 0 for k in ("plan_s", "templates_s", "outputs_s"))
    built = BUILT_RE.search(build.log)
    row["build"] = {
        "wall_s": round(build.wall_s, 2), "cpu_s": round(build.cpu_s, 2), "peak_rss_mb": round(build.peak_rss_mb),
        "load_validate_catalog_s": ph["catalog_s"], "page_generation_s": round(generation, 2), **ph,
        "mkdocs_rest_s": round(build.wall_s - (ph["catalog_s"] or 0) - generation, 2),
        "pages": int(built[1]) if built else None, "summary": built[0] if built else None,
        "progress_lines": len(re.findall(r"portal: rendered \d+/\d+ pages", build.log)),
    }
    say(f"[{n}] build: {build.wall_s:.1f} s (CPU {build.cpu_s:.1f} s), {build.peak_rss_mb:.0f} MB")
    if "cold_build" in row:
        row["cold_over_cached_cpu"] = round(row["cold_build"]["cpu_s"] / max(build.cpu_s, 1e-9), 2)
    row["site"] = site_sizes(work / "site")
    row["floor_s"] = round(markdown_floor(files), 2)
    row["build_over_floor"] = round(build.wall_s / max(row["floor_s"], 1e-9), 1)
    if not args.no_editor:
        row["first_search"] = editor.first_search(work / "site", editor.queries(files))
        say(f"[{n}] first search: {row['first_search']}")
        row["check_changed"] = editor.check_changed(work)
        say(f"[{n}] check --changed: {row['check_changed']}")
        row["serve"] = editor.serve_refresh(work, config)
        say(f"[{n}] serve, edit to page: {row['serve']}")
    if not args.keep:
        shutil.rmtree(work / "site")
    row["blog"] = blog(n, files, work, args, blog_state)
    row["hugo"] = hugo_baseline(files, work, args)
    return row


def hugo_baseline(files: dict[str, str], work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Debian's Hugo on the same corpus (benchmarks/hugo.py), then Pagefind over its articles."""
    if args.no_baseline:
        return {"status": "not run (--no-baseline)"}
    binary = hugo.ensure_hugo()
    if binary is None:
        return {"status": "hugo missing and apt-get install hugo failed"}
    root = hugo.write_site(files, work / "hugo")
    built = run([binary, "--quiet", "-s", str(root), "-d", str(root / "public")], root, args.baseline_limit)
    if built.returncode != 0:
        say(built.log[-3000:])
        return {"status": f"failed (exit {built.returncode})"}
    indexed = run([str(pagefind_binary()), "--site", str(root / "public"), "--silent"], root)
    version = subprocess.run([binary, "version"], capture_output=True, text=True).stdout.split()[:2]
    shutil.rmtree(root)
    out = {"status": "ok", "version": " ".join(version), "wall_s": round(built.wall_s, 2),
           "cpu_s": round(built.cpu_s, 2), "peak_rss_mb": round(built.peak_rss_mb),
           "pagefind_wall_s": round(indexed.wall_s, 2), "pagefind_cpu_s": round(indexed.cpu_s, 2),
           "pagefind_peak_rss_mb": round(indexed.peak_rss_mb)}
    say(f"[hugo] {out}")
    return out


def blog(n: int, files: dict[str, str], work: Path, args: argparse.Namespace, state: dict[str, Any]) -> dict:
    if args.no_baseline:
        return {"status": "not run (--no-baseline)"}
    if state.get("timed_out_at"):
        return {"status": f"skipped: {state['timed_out_at']} articles already exceeded {args.baseline_limit:.0f} s"}
    config = blog_project(files, work / "blog")
    result = run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], work / "blog", args.baseline_limit)
    shutil.rmtree(work / "blog")
    if result.returncode is None:
        state["timed_out_at"] = n
        say(f"[{n}] blog baseline: killed after {args.baseline_limit:.0f} s")
        return {"status": f"timeout after {args.baseline_limit:.0f} s", "wall_s": None}
    if result.returncode != 0:
        say(result.log[-3000:])
        return {"status": f"failed (exit {result.returncode})", "wall_s": None}
    say(f"[{n}] blog baseline: {result.wall_s:.1f} s")
    return {"status": "ok", "wall_s": round(result.wall_s, 2), "cpu_s": round(result.cpu_s, 2),
            "peak_rss_mb": round(result.peak_rss_mb)}


def machine() -> dict[str, Any]:
    import markdown
    import material
    import mkdocs

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / MB / 1024
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return {
        "cpus": os.cpu_count(), "cpu": cpu, "memory_gb": round(mem, 1), "load_avg": os.getloadavg(),
        "python": platform.python_version(), "mkdocs": mkdocs.__version__,
        "material": getattr(material, "__version__", _version("mkdocs-material")),
        "markdown": markdown.__version__, "platform": platform.platform(),
    }


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def table(rows: list[dict[str, Any]]) -> str:
    def f(value: Any, fmt: str = "{}") -> str:
        return "—" if value is None else fmt.format(value)

    head = ("| Articles | Pages | check (CPU) | check RSS | Build (CPU) | Load+validate+catalog | Page generation | "
            "MkDocs rendering | Build RSS | Floor (Markdown) | Build ÷ floor | Blog plugin (CPU) | site/ | "
            "HTML / article (mean, max) | Largest other page | Search index (gzip) |"
            + (" Cold build (CPU) | cold ÷ cached (CPU) |" if any("cold_build" in r for r in rows) else ""))
    lines = [head, "|" + "---:|" * (head.count("|") - 1)]
    for r in rows:
        b, s, blog = r["build"], r["site"], r["blog"]
        blog_text = (f"{blog['wall_s']:.1f} s ({blog['cpu_s']:.1f})" if blog.get("status") == "ok"
                     else blog["status"])
        lines.append("| " + " | ".join([
            f"{r['articles']:,}", f(b["pages"], "{:,}"),
            f"{r['check']['wall_s']:.2f} s ({r['check']['cpu_s']:.2f})", f"{r['check']['peak_rss_mb']} MB",
            f"{b['wall_s']:.1f} s ({b['cpu_s']:.1f})", f(b["load_validate_catalog_s"], "{:.1f} s"),
            f"{b['page_generation_s']:.1f} s", f"{b['mkdocs_rest_s']:.1f} s", f"{b['peak_rss_mb']} MB",
            f"{r['floor_s']:.2f} s", f"{r['build_over_floor']}×", blog_text, f"{s['site_mb']} MB",
            f"{s['article_html_kb_mean']} / {s['article_html_kb_max']} KB",
            f"{s['largest_other_page_kb']} KB", f"{s['search_index_mb']} MB ({s['search_index_gzip_mb']} MB)",
            *_cold_cells(r, any("cold_build" in x for x in rows)),
        ]) + " |")
    return "\n".join(lines)


def _cold_cells(r: dict[str, Any], shown: bool) -> list[str]:
    if not shown:
        return []
    cold = r.get("cold_build")
    if cold is None:
        return ["—", "—"]
    return [f"{cold['wall_s']:.1f} s ({cold['cpu_s']:.1f})", f"{r['cold_over_cached_cpu']}×"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default="1000,2000,4000,5000,10000,20000",
                        help="comma-separated corpus sizes (default: 1000,2000,4000,5000,10000,20000; "
                             "4000 is where the blog plugin is compared)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out", help="work folder")
    parser.add_argument("--json", type=Path, help="write results here (default: OUT/results.json)")
    parser.add_argument("--no-baseline", action="store_true", help="skip Material's blog plugin baseline")
    parser.add_argument("--no-editor", action="store_true",
                        help="skip the first-search, check --changed and serve edit-to-page measurements")
    parser.add_argument("--baseline-limit", type=float, default=120.0,
                        help="seconds before a blog-plugin build is stopped; larger sizes are then skipped")
    parser.add_argument("--keep", action="store_true", help="keep the built sites")
    parser.add_argument("--cold-cards", action="store_true",
                        help="draw every social card (default: keep them in OUT/card-cache between runs, as CI "
                             "keeps .cache/; the first run at a size draws them)")
    parser.add_argument("--cold", action="store_true",
                        help="build each corpus twice: first cold (no social card drawn yet, no caches), then "
                             "the same build with the cards the first drew; the table gets a cold-build column")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.articles.split(",") if s.strip()]
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    info = machine()
    rows: list[dict[str, Any]] = []
    state: dict[str, Any] = {}
    for n in sorted(sizes):
        rows.append(bench(n, args, state))
    result = {"machine": info, "seed": args.seed, "results": rows, "load_avg_after": os.getloadavg(),
              "runner_max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        ratio = last["articles"] / first["articles"]
        result["scaling"] = {
            "size_ratio": ratio,
            "build_ratio": round(last["build"]["wall_s"] / first["build"]["wall_s"], 2),
            "check_ratio": round(last["check"]["wall_s"] / first["check"]["wall_s"], 2),
            "build_cpu_ratio": round(last["build"]["cpu_s"] / first["build"]["cpu_s"], 2),
            "check_cpu_ratio": round(last["check"]["cpu_s"] / first["check"]["cpu_s"], 2),
        }
    path = args.json or args.out / "results.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    if "scaling" in result:
        sc = result["scaling"]
        print(f"\nScaling {rows[0]['articles']:,} → {rows[-1]['articles']:,} articles (×{sc['size_ratio']:g}): "
              f"build ×{sc['build_ratio']} (CPU ×{sc['build_cpu_ratio']}), "
              f"check ×{sc['check_ratio']} (CPU ×{sc['check_cpu_ratio']})")
    print(f"\nMachine: {info['cpus']} CPUs ({info['cpu']}), {info['memory_gb']} GB RAM, Python {info['python']}, "
          f"MkDocs {info['mkdocs']}, Material {info['material']}, Markdown {info['markdown']}; "
          f"load average before {info['load_avg'][0]:.2f}, after {result['load_avg_after'][0]:.2f}")
    say(f"JSON: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
