"""Make Pagefind's bundle byte-identical from build to build (README: two builds, identical site/).

Pagefind 1.5 writes each filter's values in hash-map order, which changes from run to run, and the
file names are hashes of the content, so the filter files, the metadata file that names them and
pagefind-entry.json differ between two builds of the same content. Everything else it writes is
stable. This pass sorts the values of every filter, renames the files after their new content and
rewrites the two files that refer to them. The formats are Pagefind's: a gzip file holding the
signature ``pagefind_dcd`` and then CBOR.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

_SIGNATURE = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    return cbor2.loads(data[len(_SIGNATURE):])


def _write(folder: Path, prefix: str, suffix: str, digits: int, value: Any) -> str:
    """Write ``value`` as ``<prefix><hash><suffix>`` and return the hash part of the name."""
    body = cbor2.dumps(value, canonical=True)
    name = prefix + hashlib.sha1(body).hexdigest()[:digits]
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(_SIGNATURE + body, mtime=0))
    return name


def canonicalize(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]  # [[filter name, file hash]]
        renamed = []
        for name, digest in filters:
            path = bundle / "filter" / f"{digest}.pf_filter"
            filter_name, values = _read(path)
            path.unlink()
            lang = digest.split("_", 1)[0] + "_"
            values = sorted(values, key=lambda v: v[0])
            renamed.append([name, _write(bundle / "filter", lang, ".pf_filter", 7, [filter_name, values])])
        meta[3] = sorted(renamed)
        meta_path.unlink()
        lang = language["hash"].split("_", 1)[0] + "_"
        language["hash"] = _write(bundle, "pagefind." + lang, ".pf_meta", 10, meta)[len("pagefind."):]
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
