"""Locate the data shipped in the wheel (the repo's schema/ folder, installed as kg.schema)."""
from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from .errors import E, KGError


def schema_dir() -> Traversable:
    try:
        return resources.files("kg.schema")
    except ModuleNotFoundError:  # running from a source tree without install
        return Path(__file__).resolve().parent.parent / "schema"


def schema_file(*parts: str) -> Traversable:
    p = schema_dir()
    for part in parts:            # one part at a time: a namespace package's MultiplexedPath takes one
        p = p.joinpath(part)
    if not p.is_file():
        raise KGError(E.E202, name="/".join(parts))
    return p


def read_text(*parts: str) -> str:
    return schema_file(*parts).read_text(encoding="utf-8")
