"""CONTRIBUTING.md explains every diagnostic code, and its example messages are real output."""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.diagnostics import CODES, Report
from generator.load.documents import load_tree

from .helpers import ROOT, write_tree
from .workbench import run_portal

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
_CODE = r'"([a-z]+(?:-[a-z]+)*)"'
# Where diagnostic codes are written in the source: report.error(path, line, col, "code", …),
# Diagnostic(…, Severity.X, "code"), code = "…", YamlProblem("code", …), Finding(needles, "code", …).
_SOURCE_PATTERNS = [
    re.compile(r",\s*[\w.+\- ]+,\s*[\w.]+,\s*" + _CODE + r"\s*,"),
    re.compile(r"\bcode(?::\s*str)?(?:, message)?\s*=\s*" + _CODE),
    re.compile(r"YamlProblem\(\s*" + _CODE),
    re.compile(r"Finding\([^,()]+(?:\([^()]*\))?,\s*" + _CODE),
]
_DIAGNOSTIC = re.compile(r"^(\S+:\d+:\d+: (?:error|warning|note)\[[a-z-]+\]: .*)$", re.M)

# Three small broken corpora (one mistake hides another, so they are kept apart); their output
# is what the guide quotes.
_MANY_LINKS = "".join(f"[l{i}](missing{i}.md)\n" for i in range(60))
CORPORA: list[dict[str, str]] = [
    {
        "index.md": "# Home\n",
        "news.md": "# News\n",
        "notes.txt": "x\n",
        "topics.yml": "pilots:\n  name: Pilots\nBad Topic:\n  name: X\nunused:\n  name: Unused\n",
        "organisations/acme.md": "---\nname: Acme\n---\n",
        "organizations/acme.md": "---\nname: Acme\nkind: bureau\ncountry: cn\nwebsite: www.acme.org\nparent: beta\n"
                                 "short_name: 2024\nnmae: x\n---\n",
        "organizations/beta.md": "---\nname: Beta\nparent: acme\naliases: Beta Co\n---\n",
        "organizations/Gamma Co.md": "---\nname: Gamma\n---\n",
        "organizations/delta.md": "---\nname: ''\n---\n",
        "organizations/eps.md": "name: Eps\n",
        "organizations/zeta.md": "---\nname: Zeta\n",
        "organizations/eta.md": "---\n- name\n---\n",
        "organizations/theta.md": "---\nname: Theta\nname: Theta again\n---\n",
        "organizations/iota.md": "---\nname: &n Iota\nshort_name: *n\n---\n",
        "organizations/kappa.md": "---\nname: !!python/object:os.system Kappa\n---\n",
        "organizations/lam.md": "---\nname: Lam: the bureau\n---\n",
        "people/ann.md": "---\nname: Ann\nroles:\n  - title: director\n    organization: acme\n    from: 2020\n"
                         "    to: 2019\n---\n",
        "events/expo.md": "---\ntitle: Expo\ndate: 2024-02-30\nend: 2024\norganizations: [acme]\n---\n",
        "events/fair.md": '---\ntitle: Fair\ndate: "2024-05-06"\nend: "2024-05-01"\norganizations: [acme]\n---\n',
        "news/2023/one.md": '---\ntitle: One\ndate: "2024-05-06"\nsummary: S\nsource:\n  name: Xinhua\n'
                            "  url: ftp://x\norganizations: [acme, acme, acmee]\nevents: [fair]\ntopics: [pilots]\n"
                            "draft: yes\nimages:\n  - caption: C\n    file: images/none.jpg\n  - caption: D\n"
                            "    file: ../secret.jpg\n---\n",
        "news/2024/two.md": "---\ntitle: " + "T" * 170 + '\ndate: "2024-05-06"\nsummary: S\nsource: Xinhua\n'
                            "people: ann\n---\n\nSee [x](javascript:alert(1)) and [y](missing.md) and "
                            "<script>x</script>.\n",
        "news/2024/three.md": '---\ntitle: Three\ndate: "2024-05-07"\n---\n\nText.\n',
        "news/2024/four.md": '---\ntitle: Four\ndate: "2024-05-07"\nsummary: "TODO: write"\nsource:\n  name: X\n'
                             "---\n\nTODO: write the text\n",
    },
    {
        "index.md": "# Home\n",
        "organizations/acme.md": "---\nname: Acme\nparent: beta\n---\n",
        "organizations/beta.md": "---\nname: Beta\nparent: acme\n---\n",
        "news/2023/one.md": '---\ntitle: One\ndate: "2024-05-06"\nsummary: S\nsource:\n  name: Xinhua\n'
                            "organizations: [acme, Beta_Co]\nimages:\n  - caption: C\n    file: images/none.jpg\n"
                            "  - caption: D\n    file: ../secret.jpg\n---\n\nText.\n",
        "news/2024/big.md": '---\ntitle: Big\ndate: "2024-05-06"\nsummary: S\nsource:\n  name: X\n---\n\n'
                            + "x" * (1024 * 1024 + 10),
        "news/2024/fm.md": "---\ntitle: Big\naliases: " + "y" * 70000 + "\n---\n\ntext\n",
        "news/2024/many.md": '---\ntitle: Many\ndate: "2024-05-06"\nsummary: S\nsource:\n  name: X\n---\n\n'
                             + _MANY_LINKS,
    },
    {
        "index.md": "# Home\n",
        "organizations/acme.md": "---\nname: Acme\n---\n",
        "news/2023/one.md": '---\ntitle: One\ndate: "2024-05-06"\nsummary: S\nsource:\n  name: Xinhua\n'
                            "organizations: [acme]\nimages:\n  - caption: C\n    file: images/none.jpg\n"
                            "  - caption: D\n    file: ../secret.jpg\n---\n\nText.\n",
    },
    {  # standards: one without a file, one named in the text only
        "index.md": "# Home\n",
        "news/2011/one.md": '---\ntitle: One\ndate: "2011-01-01"\nsummary: S\nsource:\n  name: X\n---\n\n'
                            "It cites IEC 61508.\n",
        "news/2009/week.md": '---\ntitle: Week\ndate: "2009-01-01"\nsummary: S\nsource:\n  name: X\n'
                             "standards:\n  - GB/T 19001-2008\n---\n\nText.\n",
        "standards/quality.md": "---\ndesignation: Quality 9001\ntitle: Quality\n---\n",
    },
    {  # a link to a missing anchor
        "index.md": "# Home\n",
        "organizations/iso.md": "---\nname: ISO\n---\nThe ISO.\n\n## History\n\nFounded 1947.\n",
        "news/2020/hello.md": '---\ntitle: Hello\ndate: "2020-01-02"\nsummary: S\nsource:\n  name: X\n'
                              "organizations: [iso]\n---\n\nSee [the history](../../organizations/iso.md#histroy).\n",
    },
    {  # what to write: YAML slips, dates in other forms, names for ids, duplicates, every problem at once
        "index.md": "# Home\n",
        "organizations/sac.md": "---\nname: Standardization Administration of China\nshort_name: SAC\n---\n",
        "organizations/standards-administration.md": "---\nname: Standardization administration of China\n---\n",
        "organizations/tabs.md": "---\nname: Tabs\naliases:\n\t- T\n---\n",
        "organizations/list.md": "---\nname: List\naliases: []\n  - L\n---\n",
        "organizations/quote.md": '---\nname: "Quote Bureau\nshort_name: QB\n---\n',
        "organizations/inner.md": '---\nname: "The "best" bureau"\n---\n',
        "organizations/bracket.md": "---\nname: Bracket\naliases: [BB, B. B\n---\n",
        "places/beijing.md": "---\nname: Beijing\ncountry: China\n---\n",
        "places/atlantis.md": '---\nname: Atlantis\ncountry: "QQ"\n---\n',
        "people/tian-shihong.md": "---\nname: Tian Shihong\n---\n",
        "people/tian-shi-hong.md": "---\nname: Tian Shi-hong\n---\n",
        "events/expo.md": '---\ntitle: Expo\ndate: "August 2022"\nend: 2022/08/30\n---\n',
        "news/2023/one.md": '---\ntitle: One\ndate: "2023-3-30"\nsummary: S\nsource:\n  name: Xinhua\n'
                            "organizations:\n  - standardization-administration-of-china\n"
                            "  - standards-administration\n"
                            "people:\n  - tian-shihong\n  - tian-shi-hong\nevents: [expo]\n---\n\nText.\n",
        "news/2023/two.md": '---\ntitle: Two\ndate: "2024-05-06"\nupdated: "2024-05-01"\nsource:\n  name: X\n'
                            "organizations: [sac]\n---\n\nText.\n",
    },
]


def source_codes() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "generator").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in _SOURCE_PATTERNS:
            codes.update(m[1] for m in pattern.finditer(text))
    return codes


def test_the_registry_lists_exactly_the_codes_the_source_reports() -> None:
    codes = source_codes()
    assert {"unknown-reference", "yaml-alias", "placeholder", "unexpected-file", "missing-field"} <= codes
    assert sorted(codes - set(CODES)) == [], "codes reported but missing from generator/diagnostics.py CODES"
    assert sorted(set(CODES) - codes) == [], "codes in CODES that nothing reports any more"
    assert all(meaning and not meaning.endswith(".") and "|" not in meaning for meaning in CODES.values())


def test_every_registered_code_is_explained() -> None:
    documented = set(re.findall(r"^`([a-z-]+)`", GUIDE, re.M)) | set(re.findall(r", `([a-z-]+)`", GUIDE))
    missing = sorted(set(CODES) - documented)
    assert not missing, f"CONTRIBUTING.md section 7 does not explain: {missing}"


def test_quoted_messages_are_real_output(tmp_path: Path) -> None:
    outputs: list[str] = []
    for i, files in enumerate(CORPORA):
        project = tmp_path / str(i)
        write_tree(project / "content", files)
        if i == 0:
            (project / "content/people/bob.md").write_bytes(b"---\nname: B\xe9b\n---\n")
            os.symlink("/dev/null", project / "content/people/link.md")
        code, out, _ = run_portal(project, "check")
        assert code == 1
        outputs.append(out)
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        report = Report()
        load_tree(Path("nonexist"), report)
        outputs += [d.format_text() for d in report.items]
    finally:
        os.chdir(previous)
    real = "\n".join(outputs) + "\n"
    lines = GUIDE.split("\n")
    quoted = [i for i, line in enumerate(lines) if _DIAGNOSTIC.match(line) and not line.startswith("<")]
    assert len(quoted) > 40
    stale = []
    for i in quoted:  # each quoted message, with the hint below it, exactly as portal check prints it
        block = lines[i] + ("\n" + lines[i + 1] if lines[i + 1].startswith("  hint: ") else "")
        if block + "\n" not in real:
            stale.append(block)
    assert not stale, "CONTRIBUTING.md quotes messages that portal check does not print:\n" + "\n".join(stale)
