"""The Python API; the `kg` CLI mirrors it command for command.

    import kg.api as kg
    result = kg.build(["reports/"], "out", lexicons=["my_terms.csv"], store=False)
    result.graph            # networkx.MultiDiGraph
    kg.build(["reports/"], "out", store=False, explain=True, disable_rules=["institutions.list-counted"]).explain
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .pipeline import BuildResult, Progress
from .pipeline import build as _build


def build(paths: Iterable[str | Path], out: str | Path | None = "out", *, lexicons: Iterable[str | Path] = (),
          store=True, page: bool = True, progress: Progress | None = None, explain: bool = False,
          disable_rules: Iterable[str] = (), jobs: int | None = None, cache: bool = True) -> BuildResult:
    """Build the graph of the reports under `paths` (`kg build`).

    store: True for the embedded store in ./kg-data, False for none, or a kg.store.StoreConfig.
    explain: list every fact with the extraction rule that produced it (result.explain, result.rules;
    `out`/explain.tsv and `out`/rules.tsv) — `kg build --explain`.
    disable_rules: extraction rules to switch off for this build (`--disable-rule`; also KG_DISABLE_RULES).
    jobs: worker processes reading and extracting the files, default one per core (`--jobs`).
    cache: reuse the extraction of files unchanged since the last build into `out` (`--no-cache` is False).
    """
    store_config = None
    if store is True:
        from .store import StoreConfig
        store_config = StoreConfig()
    elif store:
        store_config = store
    return _build(paths, out, lexicons=lexicons, page=page, store_config=store_config, progress=progress,
                  explain=explain, disable_rules=disable_rules, jobs=jobs, cache=cache)


__all__ = ["build", "BuildResult"]
