"""Content tests: the five seed reports are reproduced word for word, and metadata does not drift.

The seeds in tests/data/seeds/ are verbatim copies of the original news pages. For each seed the
expected reporting paragraphs are derived here by dropping an explicit list of web-page chrome
lines and the photo captions (which live in the article's ``images`` front matter instead).

These tests hold whatever else the content holds: each seed must be published faithfully, but other
articles, entities and events may be added (every test here is marked ``live`` and runs in the proof
of tests/site/test_any_content.py on a copy with an editor's additions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from ..helpers import text_parts
from ..live import LIVE_CONTENT as CONTENT
from ..live import LIVE_ROOT
from ..workbench import run_portal

pytestmark = pytest.mark.live
NEEDS_SEEDS = pytest.mark.seeds  # needs the seed articles in the content (the rest holds for any valid content)

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"

# A caption line ends with a bracketed photo credit, e.g. "... meeting. [Photo from shzj.gov.cn]".
CAPTION_RE = re.compile(r"^(?P<caption>.*?)\s*\[(?P<credit>Photo[^\]]*)\]$")
BULLETS = "·◆"
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})


@dataclass(frozen=True)
class Seed:
    file: str
    article: str  # "YYYY/slug"
    chrome: tuple[str, ...]  # lines that are web-page furniture, compared after normalisation
    headline: tuple[str, ...]  # sentences of the headline that must appear on the page


SEED_MAP = (
    Seed(
        "000_6e14ef6bcf12c3d9.txt",
        "2017/take-the-lead-in-standardization-services",
        chrome=(
            "Home > News > Updates",
            "Take the lead in standardization services",
            "Source : chinadaily.com.cnUpdate : 2017-04-19",
            "640.webp (1).jpg",
        ),
        headline=("Take the lead in standardization services",),
    ),
    Seed(
        "001_aa17b8ae6070bdf8.txt",
        "2022/plans-for-implementing-the-outline-shanghai-municipality",
        chrome=(
            "China Standardization",
            "京公网安备 11011402011482号",
            "Hot Spots",
            "Workshop on PPE - Medical Devices dual use products",
            "Your Position:Home > News >",
            "Plans for implementing the Outline - Shanghai municipality",
            "China Standardization 2022-09-22",
            "Home Page",
        ),
        headline=("Plans for implementing the Outline - Shanghai municipality",),
    ),
    Seed(
        "002_906454fb3857d28e.txt",
        "2017/international-standardization-conference-held-in-shanghai",
        chrome=(
            "Home > News > Updates",
            "International standardization conference held in Shanghai",
            "Update : 2017-11-23",
        ),
        headline=("International standardization conference held in Shanghai",),
    ),
    Seed(
        "003_524c4dce8e843279.txt",
        "2018/shenzhen-has-developed-5413-international-and-domestic-standards",
        chrome=(
            "Shenzhen has developed a total of 5,413 international and domestic standards. "
            "The “standards+” working system promotes all parties to accelerate integrated development.",
            "Source: Shenzhen Special Economic Zone News",
        ),
        # The headline is longer than 160 characters: its first sentence is the title and
        # its second sentence opens the body.
        headline=(
            "Shenzhen has developed a total of 5,413 international and domestic standards.",
            "The “standards+” working system promotes all parties to accelerate integrated development.",
        ),
    ),
    Seed(
        "004_99d4aad07b910ae4.txt",
        "2018/shanghai-ftz-aims-to-develop-its-certification-industry",
        chrome=(
            "Home > Latest",
            "Shanghai FTZ aims to develop its certification industry Updated: 2018-06-25",
        ),
        headline=("Shanghai FTZ aims to develop its certification industry",),
    ),
)

# Page furniture that must never leak into an article page.
FORBIDDEN = ("640.webp", "京公网安备", "Workshop on PPE", "Your Position", "chinadaily.com.cnUpdate")


def norm(text: str) -> str:
    """Whitespace collapsed, typographic quotes and no-break spaces made plain."""
    return " ".join(text.translate(QUOTES).split())


@dataclass(frozen=True)
class Expected:
    paragraphs: tuple[str, ...]
    images: tuple[tuple[str, str], ...]  # (caption, credit)


def expected(seed: Seed) -> Expected:
    chrome = {norm(line) for line in seed.chrome}
    paragraphs: list[str] = []
    images: list[tuple[str, str]] = []
    text = (SEEDS / seed.file).read_text(encoding="utf-8")
    for raw in text.split("\n"):
        line = norm(raw)
        if not line or line in chrome:
            continue
        match = CAPTION_RE.match(line)
        if match:
            images.append((match["caption"], match["credit"]))
            continue
        if line[0] in BULLETS:
            line = line[1:].strip()
        paragraphs.append(line)
    return Expected(tuple(paragraphs), tuple(images))


def seed_id(seed: Seed) -> str:
    return seed.file.split("_", 1)[0]


def test_every_seed_is_mapped() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(s.file for s in SEED_MAP)


@pytest.mark.parametrize("seed", SEED_MAP, ids=seed_id)
def test_chrome_lines_exist_in_seed(seed: Seed) -> None:
    """The chrome list is exact: every entry really is a line of the seed."""
    lines = {norm(line) for line in (SEEDS / seed.file).read_text(encoding="utf-8").split("\n")}
    for line in seed.chrome:
        assert norm(line) in lines, f"chrome line not in {seed.file}: {line!r}"


# --- the Markdown source ------------------------------------------------------------------


def read_article(key: str) -> tuple[dict, str]:
    text = (CONTENT / "news" / f"{key}.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0] == "---", f"{key}: no front matter"
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end])), "\n".join(lines[end + 1 :])


def markdown_text(body: str) -> str:
    """The body with list and heading markers removed, normalised."""
    return norm(" ".join(re.sub(r"^(?:- |#+ )", "", line) for line in body.split("\n")))


@NEEDS_SEEDS
@pytest.mark.parametrize("seed", SEED_MAP, ids=seed_id)
def test_markdown_keeps_reporting_text(seed: Seed) -> None:
    meta, body = read_article(seed.article)
    want = expected(seed)
    text = markdown_text(body)
    for paragraph in want.paragraphs:
        assert paragraph in text, f"{seed.article}: paragraph missing or altered: {paragraph[:80]!r}"
    got_images = tuple((norm(i["caption"]), norm(i["credit"])) for i in meta.get("images", []))
    assert got_images == want.images
    for image in meta.get("images", []):
        assert set(image) == {"caption", "credit"}, "no image files exist: only caption and credit"
    assert norm(meta["title"]) == norm(seed.headline[0])
    for sentence in seed.headline[1:]:
        assert norm(sentence) in text


@NEEDS_SEEDS
@pytest.mark.parametrize("seed", SEED_MAP, ids=seed_id)
def test_markdown_adds_nothing_to_the_report(seed: Seed) -> None:
    """Every body line is reporting text from the seed (or a heading/list item made from it)."""
    _, body = read_article(seed.article)
    want = expected(seed)
    allowed = {*want.paragraphs, *(norm(s) for s in seed.headline[1:])}
    for line in body.split("\n"):
        if line.strip():
            assert markdown_text(line) in allowed, f"{seed.article}: unexpected body line {line[:80]!r}"


@NEEDS_SEEDS
def test_001_lists_and_headings() -> None:
    _, body = read_article(SEED_MAP[1].article)
    assert "\n## Targets in figures\n" in body
    assert "\n## Major tasks\n" in body
    assert sum(1 for line in body.split("\n") if line.startswith("- ")) == 11


# --- the built page -----------------------------------------------------------------------


def page_text(path: Path) -> str:
    return norm("".join(text_parts(path.read_text(encoding="utf-8"))))


@NEEDS_SEEDS
@pytest.mark.parametrize("seed", SEED_MAP, ids=seed_id)
def test_built_page_keeps_reporting_text(seed: Seed, built_site: Path) -> None:
    page = built_site / "news" / seed.article / "index.html"
    assert page.is_file(), f"article page not built: {page}"
    text = page_text(page)
    want = expected(seed)
    for paragraph in want.paragraphs:
        assert paragraph in text, f"{page}: paragraph missing or altered: {paragraph[:80]!r}"
    for caption, credit in want.images:
        assert caption in text, f"{page}: caption missing: {caption[:80]!r}"
        assert credit in text, f"{page}: credit missing: {credit!r}"
    for sentence in seed.headline:
        assert norm(sentence) in text, f"{page}: headline missing: {sentence!r}"
    for chrome in FORBIDDEN:
        assert chrome not in text, f"{page}: page furniture leaked into the article: {chrome!r}"


# --- references ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result():
    from generator.pipeline import build_catalog

    return build_catalog(CONTENT)


EXPECTED_REFS: dict[str, dict[str, set[str]]] = {
    "2017/take-the-lead-in-standardization-services": {
        "organizations": {"smbqts", "shanghai-shentong-metro"},
        "people": {"huang-xiaolu", "chen-xiaojun"},
        "places": {"shanghai", "putuo-district", "china"},
        "events": {"putuo-standardization-pilot-kick-off-2017"},
    },
    "2022/plans-for-implementing-the-outline-shanghai-municipality": {
        "organizations": {"shanghai-municipal-government"},
        "people": set(),
        "places": {"shanghai", "yangtze-river-delta"},
        "events": {"shanghai-standardization-action-plan-2022"},
    },
    "2017/international-standardization-conference-held-in-shanghai": {
        "organizations": {"smbqts", "huayi-group", "iso", "iec", "shanghai-cooperation-platform", "pasc"},
        "people": {"chen-xiaojun", "wei-huajian", "wu-xuling", "xu-jianping", "zheng-qijun"},
        "places": {"shanghai", "china"},
        "events": {
            "shanghai-international-standardization-conference-2017",
            "international-standardization-expert-forum-2017",
            "pasc-lands-in-shanghai-2017",
        },
    },
    "2018/shenzhen-has-developed-5413-international-and-domestic-standards": {
        "organizations": {
            "shenzhen-special-economic-zone-news",
            "shenzhen-market-and-quality-supervision-commission",
            "iso",
            "iec",
            "itu",
            "saixi-information",
            "international-shipping-containers",
            "jiyang-zhiyun",
            "dji",
            "hans-laser",
            "byd",
            "bgi",
            "eccom-ark",
            "shenzhen-standards-promotion-association",
        },
        "people": {"he-yong", "bao-li", "kuang-bing"},
        "places": {"shenzhen"},
        "events": {"shenzhen-world-standards-day-symposium-2018", "world-standards-day-2018"},
    },
    "2018/shanghai-ftz-aims-to-develop-its-certification-industry": {
        "organizations": {
            "shanghai-ftz-administrative-committee",
            "cnca",
            "samr",
            "pudong-new-area-government",
            "belt-and-road-technology-exchange-center",
        },
        "people": {"qin-yizhi", "weng-zuliang"},
        "places": {"shanghai-ftz", "zhangjiang-science-city", "lingang", "pudong-new-area", "shanghai"},
        "events": {
            "ftz-cnca-cooperation-agreement-2018",
            "belt-and-road-technology-exchange-center-inauguration-2018",
        },
    },
}

EXPECTED_META = {  # article: (date, source name)
    "2017/take-the-lead-in-standardization-services": ("2017-04-19", "China Daily"),
    "2022/plans-for-implementing-the-outline-shanghai-municipality": ("2022-09-22", "China Standardization"),
    "2017/international-standardization-conference-held-in-shanghai": ("2017-11-23", "Unattributed"),
    "2018/shenzhen-has-developed-5413-international-and-domestic-standards": (
        "2018",
        "Shenzhen Special Economic Zone News",
    ),
    "2018/shanghai-ftz-aims-to-develop-its-certification-industry": ("2018-06-25", "Unattributed"),
}


def test_content_checks_clean(result) -> None:
    assert list(result.report.errors) == []
    assert list(result.report.warnings) == []


def test_portal_check_strict_is_clean() -> None:
    """What CI runs on every pull request: no error or warning (notes are suggestions and may be printed)."""
    code, out, err = run_portal(LIVE_ROOT, "check", "--strict")
    assert code == 0, out + err
    assert all(": note[" in line or line.startswith("  hint: ") for line in out.splitlines()), out + err


def test_every_seed_is_published() -> None:
    assert set(EXPECTED_REFS) == {s.article for s in SEED_MAP}


@NEEDS_SEEDS
@pytest.mark.parametrize("key", sorted(EXPECTED_REFS))
def test_article_references(result, key: str) -> None:
    """A seed keeps every reference its report supports; an editor may link more (a new topic, say)."""
    article = result.catalog.articles[key]
    for field, ids in EXPECTED_REFS[key].items():
        got = {entity.id for entity in getattr(article, field)}
        assert ids <= got, f"{key}: {field} lost {ids - got}"


@NEEDS_SEEDS
@pytest.mark.parametrize("key", sorted(EXPECTED_META))
def test_article_date_and_source(key: str) -> None:
    meta, _ = read_article(key)
    date, source = EXPECTED_META[key]
    assert str(meta["date"]) == date
    assert meta["source"] == {"name": source}, "no source URLs are known: only the name"


def test_every_event_is_covered(result) -> None:
    covered = {event.id for article in result.catalog.articles.values() for event in article.events}
    assert set(result.catalog.events) <= covered


def test_every_entity_is_referenced(result) -> None:
    """Read from the catalog, so subfolders, a BOM or CRLF line endings (all valid) change nothing."""
    catalog = result.catalog
    used: set[tuple[str, str]] = set()
    for article in catalog.articles.values():
        for field in ("organizations", "people", "places", "events"):
            used |= {(field, e.id) for e in getattr(article, field)}
    # Entities reachable only as parents, places or role organizations are still referenced.
    for org in catalog.organizations.values():
        used |= {("organizations", org.parent.id)} if org.parent else set()
        used |= {("places", org.place.id)} if org.place else set()
    for place in catalog.places.values():
        used |= {("places", place.parent.id)} if place.parent else set()
    for person in catalog.people.values():
        used |= {("organizations", r.organization.id) for r in person.roles if r.organization}  # optional
    for event in catalog.events.values():
        used |= {("places", event.place.id)} if event.place else set()
        used |= {("organizations", o.id) for o in event.organizations}
        used |= {("people", p.id) for p in event.people}
    for field in ("organizations", "people", "places", "events"):
        for ident in getattr(catalog, field):
            assert (field, ident) in used, f"{field[:-1]} '{ident}' is referenced by nothing"


def test_people_roles_name_known_organizations(result) -> None:
    """A role's organization and dates are optional; an organization it names exists."""
    catalog = result.catalog
    for person in catalog.people.values():
        for role in person.roles:
            assert role.organization is None or catalog.organizations.get(role.organization.id) is role.organization
    assert not [d for d in result.report.items if d.code == "unknown-reference"]
