"""The layout's import rules, checked on the source (the equivalent of an import-linter contract).

- ``engine`` (pure payment rules) imports nothing of ``reference``, ``lookup``, ``batch``, ``export``, ``cli``;
- ``reference`` (CMS data) imports nothing of ``lookup``, ``batch``, ``export``, ``cli``;
- ``lookup`` imports nothing of ``batch``, ``export``, ``cli``; ``batch`` nothing of ``cli``;
- only ``cli`` imports typer or rich;
- no module imports another package's ``_private`` names;
- ``rvucalc.__version__`` comes from ``_version`` (no module imports the package's API for it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "rvucalc"
FORBIDDEN = {
    "engine": ("reference", "lookup", "batch", "export", "cli"),
    "reference": ("lookup", "batch", "export", "cli"),
    "lookup": ("batch", "export", "cli"),
    "batch": ("cli",),
}


def _modules() -> list[tuple[str, Path]]:
    return [(".".join(path.relative_to(SOURCE.parent).with_suffix("").parts), path) for path in SOURCE.rglob("*.py")]


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import in the file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else ""


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda value: str(value))
def test_layers_import_only_downwards(module: str, path: Path) -> None:
    layer = _package(module)
    for imported, _ in _imports(path):
        if not imported.startswith("rvucalc."):
            continue
        target = imported.split(".")[1]
        assert target not in FORBIDDEN.get(layer, ()), f"{module} imports {imported}"


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda value: str(value))
def test_only_the_cli_imports_typer_and_rich(module: str, path: Path) -> None:
    if _package(module) == "cli":
        return
    for imported, _ in _imports(path):
        assert imported.split(".")[0] not in ("typer", "rich"), f"{module} imports {imported}"


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda value: str(value))
def test_no_private_names_across_packages(module: str, path: Path) -> None:
    for imported, names in _imports(path):
        if not imported.startswith("rvucalc.") or imported == "rvucalc._version":
            continue
        same_package = _package(imported + ".x") == _package(module) or _package(module) == ""
        private = [name for name in names if name.startswith("_") and name != "__version__"]
        hidden_module = any(part.startswith("_") for part in imported.split(".")[1:])
        assert same_package or not (private or hidden_module), f"{module} imports {private} from {imported}"


def test_version_comes_from_its_own_module() -> None:
    for module, path in _modules():
        for imported, names in _imports(path):
            assert not (imported == "rvucalc" and "__version__" in names), f"{module} imports the package for it"


def test_the_checks_catch_what_they_forbid(tmp_path: Path) -> None:
    upward = tmp_path / "upward.py"
    upward.write_text("from rvucalc.cli import app\nimport rich.table\nfrom rvucalc.batch.lines import _Code\n")
    with pytest.raises(AssertionError, match=r"imports rvucalc\.cli"):
        test_layers_import_only_downwards("rvucalc.engine.upward", upward)
    with pytest.raises(AssertionError, match=r"imports rich\.table"):
        test_only_the_cli_imports_typer_and_rich("rvucalc.engine.upward", upward)
    with pytest.raises(AssertionError, match="_Code"):
        test_no_private_names_across_packages("rvucalc.lookup.upward", upward)
