"""A module imported on first attribute access (keeps the driver out of commands that need none)."""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for the module `name`; imports it when an attribute is first read."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


class _Refuse:
    """A meta path finder that says the named top-level packages are not there."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name.partition(".")[0] in self.names:
            raise ImportError(f"{name} is not imported by kg's command line")
        return None


def import_driver_lean() -> None:
    """Import the neo4j driver without the optional packages it would load for data frames
    (numpy, pandas, pyarrow: a fifth of a query command's start-up). For a command process that
    exits after one query: in that process the driver then takes no numpy values as parameters."""
    import sys  # noqa: PLC0415

    if "neo4j" in sys.modules:
        return
    finder = _Refuse({n for n in ("numpy", "pandas", "pyarrow") if n not in sys.modules})
    sys.meta_path.insert(0, finder)
    try:
        importlib.import_module("neo4j")
    finally:
        sys.meta_path.remove(finder)
