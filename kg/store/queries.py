"""Saved analyst queries (schema/queries.cypher), parameters, and the query API.

    from kg.store.queries import query
    rows = query("participation", {"program": "家庭医生签约服务"})            # embedded ./kg-data
    rows = query("MATCH (p:Program) RETURN p.name AS name", config=StoreConfig(uri=...))
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import E, QueryError
from ..resources import read_text
from ..text import normalise

# Parameters holding names a user types: normalised before they are sent.
NAME_PARAMS = frozenset({"program", "institution", "region", "indicator", "partner"})
# Parameters that stay strings whatever they look like.
STRING_PARAMS = NAME_PARAMS | {"document", "kind", "type", "name"}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")


@dataclass
class Param:
    name: str
    required: bool = True
    default: Any = None

    def __str__(self) -> str:
        if self.required:
            return self.name
        return f"{self.name}={self.default}" if self.default is not None else f"{self.name}?"


@dataclass
class SavedQuery:
    name: str
    cypher: str
    params: list[Param] = field(default_factory=list)
    description: str = ""


def parse_queries(text: str) -> dict[str, SavedQuery]:
    """Parse the `// name:` / `// params:` / `// description:` format."""
    out: dict[str, SavedQuery] = {}
    current: SavedQuery | None = None
    body: list[str] = []

    def finish() -> None:
        if current is not None:
            current.cypher = "\n".join(body).strip().rstrip(";").strip()
            out[current.name] = current

    in_description = False
    for line in text.splitlines():
        s = line.strip()
        m = re.match(r"^//\s*(name|params|description)\s*:\s*(.*)$", s)
        if m and m.group(1) == "name":
            finish()
            current, body, in_description = SavedQuery(name=m.group(2).strip(), cypher=""), [], False
        elif current is None:
            continue
        elif m and m.group(1) == "params":
            current.params = [_param(p) for p in m.group(2).split(",") if p.strip()]
            in_description = False
        elif m and m.group(1) == "description":
            current.description = m.group(2).strip()
            in_description = True
        elif s.startswith("//"):
            if in_description and not body:
                current.description += " " + s.lstrip("/").strip()
        else:
            in_description = False
            body.append(line)
    finish()
    return out


def _param(spec: str) -> Param:
    spec = spec.strip()
    if spec.endswith("?"):
        return Param(spec[:-1].strip(), required=False)
    if "=" in spec:
        name, default = spec.split("=", 1)
        return Param(name.strip(), required=False, default=_coerce(name.strip(), default.strip()))
    return Param(spec, required=True)


_SAVED: dict[str, SavedQuery] = {}


def saved_queries() -> dict[str, SavedQuery]:
    if not _SAVED:
        _SAVED.update(parse_queries(read_text("queries.cypher")))
    return _SAVED


def _coerce(name: str, value: Any) -> Any:
    """A parameter value from the command line: JSON numbers/booleans/lists/null are
    parsed, anything else (and every name-like parameter) stays a string."""
    if not isinstance(value, str) or name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def parse_param_options(items: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """`--param name=value` options → {name: value} (values coerced as in _coerce)."""
    out: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise QueryError(E.E405, param=item)
        out[name] = _coerce(name, value)
    return out


def is_saved_name(text: str) -> bool:
    return bool(_IDENT.match(text.strip()))


def prepare(saved: SavedQuery, given: dict[str, Any]) -> dict[str, Any]:
    """Parameters for a saved query: defaults filled, required ones checked, names normalised."""
    known = {p.name for p in saved.params}
    params: dict[str, Any] = {}
    for p in saved.params:
        value = given.get(p.name)
        if isinstance(value, str) and not value.strip():
            value = None
        if value is None:
            if p.required:
                raise QueryError(E.E403, name=p.name, query=saved.name)
            value = p.default
        params[p.name] = value
    for name, value in given.items():  # extra parameters pass through
        if name not in known:
            params[name] = value
    for name in NAME_PARAMS & params.keys():
        if isinstance(params[name], str):
            params[name] = normalise(params[name])
    for name, value in list(params.items()):
        if name not in STRING_PARAMS and isinstance(value, str):
            params[name] = _coerce(name, value)
    return params


def resolve(text: str, params: dict[str, Any] | None = None) -> tuple[str, dict[str, Any], str | None]:
    """(cypher, parameters, saved query name or None) for a saved-query name or inline Cypher."""
    params = dict(params or {})
    text = text.strip()
    if is_saved_name(text):
        queries = saved_queries()
        if text not in queries:
            raise QueryError(E.E402, name=text, known=", ".join(sorted(queries)))
        saved = queries[text]
        return saved.cypher, prepare(saved, params), saved.name
    missing = [m for m in re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", _strip_strings(text))
               if m not in params]
    if missing:
        raise QueryError(E.E403, name=missing[0], query="(inline)")
    return text, params, None


def _strip_strings(cypher: str) -> str:
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*", " ", cypher)


def query(text: str, params: dict[str, Any] | None = None, *, store: Any = None,
          config: Any = None, write: bool = False, timeout: float | None = None) -> list[dict[str, Any]]:
    """Run a saved query (by name) or inline Cypher; rows as dicts.

    Pass an open `store`, or a `config` (StoreConfig; default: the embedded store in
    ./kg-data or NEO4J_URI from the environment) to open one for this call."""
    cypher, prepared, _ = resolve(text, params)
    if store is not None:
        return store.run(cypher, prepared, write=write, timeout=timeout)
    from . import StoreConfig, open_store  # noqa: PLC0415 - avoid an import cycle
    with open_store(config or StoreConfig()) as st:
        return st.run(cypher, prepared, write=write, timeout=timeout)
