"""The core layers (domain, storage, services, printing) never import Qt or the UI.

Checked twice: by importing every module of a package in a fresh interpreter and looking at sys.modules (this
catches indirect imports through a third module), and by reading the source (this catches imports hidden in a
function that the first check never calls).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

CORE_PACKAGES = ("desk.domain", "desk.storage", "desk.services", "desk.printing")
FORBIDDEN = ("PySide6", "shiboken6", "desk.ui")

_IMPORT_ALL = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
names = [info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in names:
    importlib.import_module(name)
forbidden = tuple(sys.argv[2:])
loaded = sorted(m for m in sys.modules if any(m == f or m.startswith(f + ".") for f in forbidden))
print(json.dumps({"modules": names, "forbidden": loaded}))
"""


def _is_forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN)


def _package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _source_files(package: str) -> list[Path]:
    folder = _package_dir(package)
    return sorted(folder.rglob("*.py")) if folder else []


def _require_modules(package: str) -> None:
    """desk.printing may not have any modules yet; the other three always do."""
    if package == "desk.printing" and not [p for p in _source_files(package) if p.name != "__init__.py"]:
        pytest.skip("desk.printing has no modules yet")


def forbidden_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    """Forbidden imports in one module's source: import statements (relative ones resolved against `module`)
    and importlib.import_module / __import__ calls with a literal name."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module.split(".")
                anchor = parts if is_package else parts[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in {"import_module", "__import__"} and isinstance(node.args[0].value, str):
                names = [node.args[0].value]
        found += [f"line {node.lineno}: {name}" for name in names if _is_forbidden(name)]
    return found


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_importing_every_module_loads_no_qt(package: str) -> None:
    _require_modules(package)
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, package, *FORBIDDEN],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["modules"], f"{package} has no modules to check"
    assert report["forbidden"] == [], f"importing {package} loads {report['forbidden']}"


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_source_has_no_qt_imports(package: str) -> None:
    _require_modules(package)
    folder = _package_dir(package)
    assert folder is not None
    problems = []
    for path in _source_files(package):
        relative = path.relative_to(folder).with_suffix("")
        is_package = relative.name == "__init__"
        parts = relative.parts[:-1] if is_package else relative.parts
        module = ".".join((package, *parts))
        problems += [f"{path}: {p}" for p in forbidden_imports(path.read_text(encoding="utf-8"), module, is_package)]
    assert problems == []


@pytest.mark.parametrize(("source", "expected"), [
    ("import PySide6", ["line 1: PySide6"]),
    ("from PySide6.QtCore import QObject", ["line 1: PySide6.QtCore", "line 1: PySide6.QtCore.QObject"]),
    ("def f():\n    import desk.ui.main_window", ["line 2: desk.ui.main_window"]),
    ("from desk import ui", ["line 1: desk.ui"]),
    ("from ..ui import dialogs", ["line 1: desk.ui", "line 1: desk.ui.dialogs"]),
    ("import importlib\nimportlib.import_module('shiboken6')", ["line 2: shiboken6"]),
    ("import desk.uikit\nfrom desk.services import audit\nfrom . import staff", []),
])
def test_source_scan_finds_hidden_imports(source: str, expected: list[str]) -> None:
    assert forbidden_imports(source, "desk.services.example") == expected
