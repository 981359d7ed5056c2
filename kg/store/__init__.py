"""The graph in a Neo4j-compatible store: the embedded ArcadeDB (default) or any Neo4j 5.

    from kg.store import StoreConfig, open_store
    with open_store(StoreConfig(db_dir=Path("kg-data"))) as store:
        summary = store.load(graph)            # LoadSummary
        rows = store.run("MATCH (i:Institution) RETURN i.name AS name LIMIT 5")
        rows = query("participation", {"program": "家庭医生签约服务"}, store=store)
"""
from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .embedded import default_db_dir

if TYPE_CHECKING:
    from .background import StopResult, stop_server
    from .queries import query, saved_queries
    from .store import LoadSummary, RemoveSummary, Rows, Store, StoreConfig, open_store, reserve_store

__all__ = [
    "LoadSummary", "RemoveSummary", "Rows", "StopResult", "Store", "StoreConfig", "default_db_dir",
    "open_store", "query", "reserve_store", "saved_queries", "stop_server", "store_options",
]

# Imported when first asked for: `import kg.store` (kg's CLI does) costs neither the driver nor
# the saved queries.
_LAZY = {"query": "queries", "saved_queries": "queries", "StopResult": "background", "stop_server": "background",
         **{name: "store" for name in ("LoadSummary", "RemoveSummary", "Rows", "Store", "StoreConfig",
                                       "open_store", "reserve_store")}}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def store_options(f: Callable[..., Any] | None = None, *, neo4j: bool = True, batch_size: bool = True):
    """Click decorator: --db, --neo4j-uri, --neo4j-user, --neo4j-password, --neo4j-database,
    --batch-size; the command receives `store_config: StoreConfig`.

    `@store_options(neo4j=False)` leaves out the Neo4j options (a command of the embedded store
    only), `batch_size=False` the batch size (a command that does not write)."""
    if f is None:
        return functools.partial(store_options, neo4j=neo4j, batch_size=batch_size)

    @functools.wraps(f)
    def wrapper(*args: Any, db_dir: Path | None, uri: str | None = None, user: str | None = None,
                password: str | None = None, database: str | None = None, batch_size: int = 5000,
                **kwargs: Any) -> Any:
        from .store import StoreConfig  # noqa: PLC0415

        kwargs["store_config"] = StoreConfig(db_dir=db_dir, uri=uri, user=user, password=password,
                                             database=database, batch_size=batch_size,
                                             embedded_only=not neo4j)
        return f(*args, **kwargs)

    options = [click.option("--db", "db_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                            help="Directory of the embedded store (default ./kg-data, or $KG_DB).")]
    if neo4j:
        options += [
            click.option("--neo4j-uri", "uri", default=None, metavar="URI",
                         help="Use a Neo4j server instead of the embedded store [env NEO4J_URI]. "
                              "Credentials in it (bolt://user:password@host) are used and never shown."),
            click.option("--neo4j-user", "user", default=None, help="[env NEO4J_USER, default neo4j]"),
            click.option("--neo4j-password", "password", default=None,
                         help="[env NEO4J_PASSWORD; prefer the environment variable]"),
            click.option("--neo4j-database", "database", default=None, help="[env NEO4J_DATABASE]"),
        ]
    if batch_size:
        options.append(click.option("--batch-size", type=click.IntRange(1, 100_000), default=5000,
                                    show_default=True, help="Rows per write transaction."))
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
