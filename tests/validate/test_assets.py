"""Issue 20, case 8: images are checked as they will be published — type by content, pixels, size, names.

Each test writes a small tree with one article and the images it needs, and runs `portal check`'s pipeline;
the last one also runs the cached full check and `--changed`'s engine on the same tree (the same list).
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.diagnostics import Diagnostic
from generator.load.cache import ParseCache
from generator.pipeline import build_catalog
from generator.validate import assets, incremental, summaries

from ..helpers import write_tree

ISO = "---\nname: ISO\n---\nThe ISO.\n"


def image_bytes(fmt: str, size: tuple[int, int] = (4, 3)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A well-formed PNG whose header claims width × height pixels (its data is a few bytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def check(tmp_path: Path, images: dict[str, bytes]) -> list[Diagnostic]:
    content = write_tree(tmp_path / "content", {"organizations/iso.md": ISO})
    for rel, data in images.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_bytes(data)
    return build_catalog(content).report.errors


def codes(errors: list[Diagnostic]) -> dict[str, str]:
    return {e.path.split("content/", 1)[1]: e.code for e in errors}


def test_real_images_of_every_format_pass(tmp_path: Path) -> None:
    images = {f"images/a{suffix}": image_bytes(fmt) for suffix, fmt in
              [(".png", "PNG"), (".jpg", "JPEG"), (".jpeg", "JPEG"), (".gif", "GIF"), (".webp", "WEBP"),
               (".avif", "AVIF")]}
    images["images/2016/Pilot_signing-2.v2.PNG"] = image_bytes("PNG", (1600, 900))
    assert check(tmp_path, images) == []


def test_the_content_decides_the_type_not_the_name(tmp_path: Path) -> None:
    errors = check(tmp_path, {
        "images/random.png": os.urandom(5 * 1024 * 1024 - 1),
        "images/page.png": b"<!doctype html><script>alert(1)</script>",
        "images/drawing.png": b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "images/photo.png": image_bytes("JPEG"),
        "images/drawing.svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>',
    })
    assert codes(errors) == {"images/random.png": "image-type", "images/page.png": "image-type",
                             "images/drawing.png": "image-type", "images/photo.png": "image-type",
                             "images/drawing.svg": "unexpected-file"}
    by = {e.path.rsplit("/", 1)[1]: e for e in errors}
    assert "HTML" in by["page.png"].message and "SVG" in by["drawing.png"].message
    assert by["photo.png"].hint == "rename it to 'photo.jpg'"
    assert "SVG images are not published" in by["drawing.svg"].message


@pytest.mark.parametrize("width,height", [(50_000, 50_000), (6_000, 4_200), (100_000, 1)])
def test_an_image_declaring_too_many_pixels_is_refused_before_decoding(tmp_path: Path, width: int,
                                                                        height: int) -> None:
    (error,) = check(tmp_path, {"images/huge.png": png_declaring(width, height)})
    assert error.code == "image-too-many-pixels" and "pixels" in error.hint  # type: ignore[operator]


def test_a_large_or_broken_image_is_refused(tmp_path: Path) -> None:
    good = image_bytes("PNG", (64, 64))
    errors = check(tmp_path, {"images/big.jpg": b"\xff\xd8\xff" + os.urandom(assets.MAX_BYTES),
                              "images/cut.png": good[: len(good) // 2]})
    assert codes(errors) == {"images/big.jpg": "image-too-large", "images/cut.png": "image-corrupt"}


def test_names_are_safe_in_urls_and_unique_ignoring_case_and_unicode_form(tmp_path: Path) -> None:
    png = image_bytes("PNG")
    errors = check(tmp_path, {"images/Photo.png": png, "images/photo.png": png, "images/a b.png": png,
                              "images/caf\u00e9.png": png, "images/cafe\u0301.png": png})
    found = sorted((e.path.split("content/", 1)[1], e.code) for e in errors)
    assert found == sorted([
        ("images/Photo.png", "asset-name-clash"), ("images/photo.png", "asset-name-clash"),
        ("images/a b.png", "asset-name"),
        ("images/caf\u00e9.png", "asset-name"), ("images/caf\u00e9.png", "asset-name-clash"),
        ("images/cafe\u0301.png", "asset-name"), ("images/cafe\u0301.png", "asset-name-clash"),
    ])
    hints = {e.hint for e in errors if e.code == "asset-name"}
    assert "rename it to 'a-b.png': ASCII letters, digits, '-', '_' and '.' only" in hints
    assert "rename it to 'cafe.png': ASCII letters, digits, '-', '_' and '.' only" in hints


def test_the_cached_check_reports_the_same(tmp_path: Path) -> None:
    images = {"images/page.png": b"<html>", "images/Photo.png": image_bytes("PNG"),
              "images/photo.png": image_bytes("PNG"), "images/ok.webp": image_bytes("WEBP")}
    full = check(tmp_path, images)
    content = tmp_path / "content"
    files = summaries.summarize_tree(content, summaries.cache_for(content), {})
    cached = incremental.check_all(files, ParseCache.for_content(content)).errors
    assert sorted(map(str, cached)) == sorted(map(str, full)) and len(full) == 3
