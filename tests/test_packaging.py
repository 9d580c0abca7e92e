"""Defect 4 of issue 22: a non-editable install must carry every app the settings install, and a new
app must not depend on someone remembering to list it."""

import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from setuptools import find_packages

ROOT = Path(settings.BASE_DIR)


def _find_config() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["packages"]["find"]


def _found(root: Path, found: dict) -> set[str]:
    assert found.get("namespaces") is False, "folders without __init__.py (templates, static) are no packages"
    return set(find_packages(where=str(root), include=found.get("include", ("*",)), exclude=found.get("exclude", ())))


def test_the_package_list_holds_every_app_of_the_project():
    packages = _found(ROOT, _find_config())
    # the project's own apps: packages at the top of the repository (not the libraries in .venv)
    own_apps = {app.name for app in apps.get_app_configs() if Path(app.path).resolve().parent == ROOT.resolve()}
    assert own_apps, "no app of the project found"
    assert own_apps <= packages, sorted(own_apps - packages)
    # and every subpackage of theirs (migrations, management commands, templatetags)
    for app in own_apps:
        for init in (ROOT / app.replace(".", "/")).rglob("__init__.py"):
            package = ".".join(init.parent.relative_to(ROOT).parts)
            assert package in packages, package
    assert not {name for name in packages if name.split(".")[0] == "tests"}, "the tests are not installed"


def test_a_new_app_is_found_without_being_listed(tmp_path):
    for name in ("pilots", "brand_new_app", "brand_new_app/migrations", "tests", "templates/pilots"):
        (tmp_path / name).mkdir(parents=True)
    for name in ("pilots", "brand_new_app", "brand_new_app/migrations", "tests"):
        (tmp_path / name / "__init__.py").write_text("")
    assert _found(tmp_path, _find_config()) == {"pilots", "brand_new_app", "brand_new_app.migrations"}
