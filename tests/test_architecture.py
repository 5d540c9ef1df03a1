"""The package's imports point down the pipeline, and only the plugin knows MkDocs.

Stages, in order: shared modules (kinds, dates, designations, diagnostics, markdown, sanitize) ← load ← validate ←
catalog ← pages ← outputs ← pipeline, cli, plugin. A module may import its own stage and earlier ones.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
SHARED = ("kinds", "dates", "designations", "diagnostics", "markdown", "sanitize")
ORDER = {**dict.fromkeys(SHARED, 0), "load": 1, "validate": 2, "catalog": 3, "pages": 4, "outputs": 5,
         "pipeline": 6, "cli": 7, "plugin": 7, "__main__": 8, "__init__": 0}
FRAMEWORKS = ("mkdocs", "material")


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in a file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = module_name(path, root).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from . import x` / `from .. import x`: x may itself be a module of a stage.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names
                      if module.split(".")[0] == "generator"]
    return found


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "generator" else None


def violations(root: Path = PACKAGE) -> list[str]:
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        own = stage(module_name(path, root)) or "__init__"
        shown = path.relative_to(root.parent).as_posix()
        reported: set[int] = set()  # one problem per import statement
        for line, module in imports(path, root):
            target = stage(module)
            if line in reported:
                continue
            if module.split(".")[0] in FRAMEWORKS and own != "plugin":
                problems.append(f"{shown}:{line}: imports {module}; only generator/plugin/ may import MkDocs")
            elif target in ORDER and own in ORDER and ORDER[target] > ORDER[own]:
                problems.append(f"{shown}:{line}: imports {module}, a later stage than {own}")
            else:
                continue
            reported.add(line)
    return problems


def test_every_module_is_placed_in_a_stage() -> None:
    unknown = sorted({stage(module_name(p)) or "" for p in PACKAGE.rglob("*.py")} - set(ORDER) - {""})
    assert not unknown, f"add these modules to ORDER in tests/test_architecture.py: {unknown}"


def test_imports_point_down_the_pipeline() -> None:
    problems = violations()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("where", "source", "expected"), [
    ("generator/load/bad.py", "from ..catalog.nodes import Catalog\n", "imports generator.catalog.nodes"),
    ("generator/validate/bad.py", "from .. import pages\n", "imports generator.pages"),
    ("generator/pages/bad.py", "from mkdocs.config.defaults import MkDocsConfig\n", "only generator/plugin/"),
    ("generator/catalog/bad.py", "import material.plugins\n", "only generator/plugin/"),
])
def test_a_wrong_way_import_is_named(tmp_path: Path, where: str, source: str, expected: str) -> None:
    root = tmp_path / "generator"
    bad = tmp_path / where
    bad.parent.mkdir(parents=True)
    (root / "__init__.py").write_text("")
    bad.write_text(source)
    problems = violations(root)
    assert len(problems) == 1 and problems[0].startswith(f"{where}:1: ") and expected in problems[0]


def test_a_downward_import_passes(tmp_path: Path) -> None:
    root = tmp_path / "generator"
    (root / "outputs").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "outputs" / "ok.py").write_text("from ..catalog.nodes import Catalog\nfrom ..pages import plan\n")
    assert violations(root) == []


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_crossings(root: Path = PACKAGE) -> list[str]:
    """Each use of another of our modules' private names: `from .x import _y`, or `x._y` where ``x`` is a
    module of the package imported by name (other packages' private names are theirs to break)."""
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        shown = path.relative_to(root.parent).as_posix()
        ours: set[str] = set()  # local names bound to modules of the package
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:  # relative: from the file's package, one folder up per extra dot
                folder = path.parent.parents[node.level - 2] if node.level > 1 else path.parent
            elif (node.module or "").split(".")[0] == root.name:
                folder = root.parent
            else:
                continue
            folder = folder.joinpath(*(node.module or "").split(".")) if node.module else folder
            for alias in node.names:
                if _private(alias.name):
                    problems.append(f"{shown}:{node.lineno}: imports the private name {alias.name}")
                if (folder / f"{alias.name}.py").exists() or (folder / alias.name).is_dir():
                    ours.add(alias.asname or alias.name)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ours
                    and _private(node.attr)):
                problems.append(f"{shown}:{node.lineno}: uses {node.value.id}.{node.attr}, private to that module")
    return problems


def test_no_private_name_crosses_a_module_boundary() -> None:
    assert private_crossings() == []


def test_a_private_name_crossing_is_named(tmp_path: Path) -> None:
    package = tmp_path / "generator"
    (package / "load").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "load" / "__init__.py").write_text("")
    (package / "load" / "a.py").write_text("def _hidden() -> None: ...\n")
    (package / "load" / "b.py").write_text("from .a import _hidden\nfrom . import a\na._hidden()\n")
    assert private_crossings(package) == [
        "generator/load/b.py:1: imports the private name _hidden",
        "generator/load/b.py:3: uses a._hidden, private to that module",
    ]
