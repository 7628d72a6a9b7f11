"""Imports run one way: the site-wide views, URLs and commands in ``portal`` import the apps;
the apps import ``portal.core``; ``portal.core`` imports neither app nor the project around it.

Read from the source with ``ast`` (function-level imports included), so a lazy import cannot
hide a backward arrow.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The two domains, and the reviews app, which imports both.
APPS = ("resources", "referrals", "portal.reviews")


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved against its package."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            if node.module is None:
                # ``from . import x`` imports the module ``x`` of the package.
                modules.update(f"{module}.{alias.name}" for alias in node.names)
            else:
                modules.add(module)
    return modules


def python_files(folder: str) -> list[Path]:
    return sorted(path for path in (ROOT / folder).rglob("*.py") if "migrations" not in path.parts)


def is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def backward_imports(path: Path) -> set[str]:
    return {
        module for module in imported_modules(path) if any(is_within(module, app) for app in APPS)
    }


@pytest.mark.parametrize("path", python_files("portal/core"), ids=lambda path: path.name)
def test_core_imports_no_app(path):
    name = path.relative_to(ROOT).as_posix()
    assert backward_imports(path) == set(), name


@pytest.mark.parametrize("app", ("resources", "referrals"))
def test_apps_take_from_the_project_package_only_its_core_and_the_reviews_app(app):
    reaching_up = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in python_files(app)
        for module in imported_modules(path)
        if is_within(module, "portal")
        and not (is_within(module, "portal.core") or is_within(module, "portal.reviews"))
    }
    assert reaching_up == set()


def test_the_layering_check_sees_a_backward_import(tmp_path, monkeypatch):
    # The check above would pass vacuously if it read nothing: it must see a lazy import.
    module = tmp_path / "portal" / "core" / "example.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "def f():\n    from referrals.models import Service\n    from ..reviews import models\n"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert backward_imports(module) == {"referrals.models", "portal.reviews"}
