"""Defect 4 of issue 22: a non-editable install must carry every app the settings install."""

import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from setuptools import find_packages


def test_the_package_list_holds_every_app_of_the_project():
    root = Path(settings.BASE_DIR)
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    found = config["tool"]["setuptools"]["packages"]["find"]
    packages = set(find_packages(where=str(root), include=found["include"], exclude=found.get("exclude", ())))
    # the project's own apps: packages at the top of the repository (not the libraries in .venv)
    own_apps = {app.name for app in apps.get_app_configs() if Path(app.path).resolve().parent == root.resolve()}
    assert own_apps, "no app of the project found"
    assert own_apps <= packages, sorted(own_apps - packages)
    # and every subpackage of theirs (migrations, management commands, templatetags)
    for app in own_apps:
        for init in (root / app.replace(".", "/")).rglob("__init__.py"):
            package = ".".join(init.parent.relative_to(root).parts)
            assert package in packages, package
