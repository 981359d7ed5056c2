"""The wheel holds every package of the source tree: a sub-package missing from pyproject's list
installs fine in editable mode and breaks every regular install."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_python_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = set()
    for top in ("kg", "loaders", "viz"):
        for init in (ROOT / top).rglob("__init__.py"):
            if "__pycache__" not in init.parts:
                found.add(".".join(init.parent.relative_to(ROOT).parts))
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"
