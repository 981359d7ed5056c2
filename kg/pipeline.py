"""The build: files → Documents → Extractions → Entities → graph → facts.json, page, store.

Only this module composes stages; the stages stay pure. One bad file never stops the rest:
its coded error is collected in `BuildResult.skipped`.

Every build starts the extraction rules' hit counts afresh (kg.extract.registry) and reports them
in `BuildResult.rules`; rules can be switched off for one build (`disable_rules`, or the
environment variable KG_DISABLE_RULES=name,name), and `explain=True` lists which rule produced
each fact (`BuildResult.explain`, DIR/explain.tsv and DIR/rules.tsv).
"""
from __future__ import annotations

import contextlib
import difflib
import gc
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .errors import E, InputError, KGError, printable
from .extract import Extractor, registry
from .graph import GraphBuilder, mention_provenance
from .lexicon import Lexicon, load_lexicon
from .model import Document, Extraction, Skipped
from .resolve import Resolver

Progress = Callable[[int], None]


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    documents: list[Document]
    skipped: list[Skipped] = field(default_factory=list)
    facts_path: Path | None = None
    page_path: Path | None = None
    store_summary: object | None = None
    rules: list[dict] = field(default_factory=list)     # the rule table: stage, rule, hits, documents, on, …
    explain: list[dict] | None = None                   # with explain=True: every fact and its rule
    explain_path: Path | None = None
    rules_path: Path | None = None

    def counts(self) -> dict[str, int]:
        g = self.graph
        labels = [d.get("label") for _, d in g.nodes(data=True)]
        types = [d.get("type") for _, _, d in g.edges(data=True)]
        return {
            "documents": labels.count("Document"),
            "institutions": labels.count("Institution"),
            "programs": labels.count("Program"),
            "participations": types.count("PARTICIPATES_IN"),
            "partnerships": types.count("PARTNERS_WITH"),
            "indicators": types.count("MEASURED"),
            "files skipped": len(self.skipped),
        }


def load_documents(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> tuple[list[Document], list[Skipped]]:
    """Read every file under the given paths, leaving out the folders in `exclude` (the build's own
    output and store). A missing path raises KGError (a usage error)."""
    from loaders import collect_files, load_file

    docs: list[tuple[Document, Path]] = []
    skipped: list[Skipped] = []
    for f in collect_files(paths, exclude):
        try:
            docs.extend((d, f) for d in load_file(f))
        except InputError as exc:
            skipped.append(Skipped(printable(f), exc.code, exc.message))
    seen: dict[str, Path] = {}
    unique = []
    for d, f in docs:
        dup = _duplicate(d, f, seen)
        if dup is not None:
            skipped.append(dup)
        else:
            unique.append(d)
    return unique, skipped


def _duplicate(d: Document, f: Path, seen: dict[str, Path]) -> Skipped | None:
    """The same stem in two folders: keep the first (recorded in `seen`), report the second."""
    if d.id in seen:
        err = KGError(E.E110, path=f, doc_id=d.id, other=seen[d.id])
        return Skipped(printable(f), err.code, err.message)
    seen[d.id] = f
    return None


def extract_all(docs: list[Document], lexicon: Lexicon | None = None, progress: Progress | None = None,
                fired: dict[str, int] | None = None) -> list[Extraction]:
    """Run the extraction stages on every document; `fired` (rule key → number of documents in
    which the rule fired) is filled in when given. In this process, one document after another
    (`build` reads and extracts files on every core: kg.batch)."""
    from . import batch

    ex = Extractor(lexicon or load_lexicon())
    out = []
    for d in docs:
        x, hits = batch.extract_document(d, ex)
        batch.add_hits(hits, fired)
        out.append(x)
        if progress:
            progress(1)
    return out


def assemble(extractions: Iterable[Extraction], lexicon: Lexicon | None = None,
             provenance: list | None = None) -> nx.MultiDiGraph:
    """Resolve and build the graph, one document at a time (an Extraction can be dropped once it is
    in: `extractions` may be a generator); `provenance` (a list) receives kg.graph.mention_provenance rows."""
    resolver = Resolver((lexicon or load_lexicon()).types)
    builder = GraphBuilder(resolver.is_external_entity)
    try:
        for k, ex in enumerate(extractions, 1):
            res = resolver.add(ex)
            builder.add(ex, res)
            if provenance is not None:
                provenance.extend(mention_provenance([ex], [res]))
            if k % 500 == 0:
                # the graph so far lives to the end: the cyclic collector need not walk it again and
                # again (a tenth of the build process's time on 20 MB); refcounting still frees the rest
                gc.freeze()
        return builder.finish(resolver.entities())
    finally:
        gc.unfreeze()


def disabled_rules(names: Iterable[str] = (), env: str | None = None) -> list[registry.Rule]:
    """The rules named (`stage.name`, or a name unique across stages) in `names` and in the
    environment variable KG_DISABLE_RULES (comma-separated). An unknown name is a usage error (KG-E204)."""
    env = os.environ.get("KG_DISABLE_RULES", "") if env is None else env
    asked = [(n, "") for n in names] + [(n.strip(), " in KG_DISABLE_RULES") for n in env.split(",") if n.strip()]
    out: list[registry.Rule] = []
    for name, where in asked:
        try:
            r = registry.get(name)
        except KeyError:
            known = registry.rules()
            same = sorted(r.key for r in known if r.name == name)
            if same:
                detail = "it names rules of several stages: give one of " + ", ".join(same)
            elif known:
                close = difflib.get_close_matches(name, [r.key for r in known] + [r.name for r in known], n=1)
                detail = (f"did you mean '{close[0]}'? " if close else "") + \
                    f"{len(known)} rules are known (`kg build PATH --explain` lists them)"
            else:
                detail = "no extraction rules are registered"
            raise KGError(E.E204, name=name, where=where, detail=detail) from None
        if r not in out:
            out.append(r)
    return out


def rule_table(fired: dict[str, int] | None = None) -> list[dict]:
    """The registered rules in declaration order, with this process's hit counts."""
    fired = fired or {}
    return [{"stage": r.stage, "rule": r.name, "key": r.key, "hits": r.hits, "documents": fired.get(r.key, 0),
             "on": r.on, "matches": r.matches, "produces": r.produces} for r in registry.rules()]


def build_fingerprint(lexicons: Iterable[str | Path] = (), disabled: Iterable[str] = ()) -> str:
    """What besides the source decides a document's facts: the kg version, every lexicon, and the
    extraction rules switched off (so a store built with a rule off is rewritten without it)."""
    from . import __version__
    from .resources import schema_dir

    h = hashlib.sha256(__version__.encode())
    lex_dir = schema_dir().joinpath("lexicons")
    for f in sorted(lex_dir.iterdir(), key=lambda x: x.name):
        if f.is_file():
            h.update(f.name.encode() + f.read_bytes())
    for f in lexicons:
        h.update(Path(f).read_bytes())
    off = sorted(disabled)
    if off:
        h.update(("rules off: " + ",".join(off)).encode())
    return h.hexdigest()[:16]


def build(paths: Iterable[str | Path], out: str | Path | None = None, *, lexicons: Iterable[str | Path] = (),
          page: bool = True, store_config=None, progress: Progress | None = None,
          on_documents: Callable[[int], None] | None = None, explain: bool = False,
          disable_rules: Iterable[str] = (), jobs: int | None = None, cache: bool = True) -> BuildResult:
    """Build the graph of the reports under `paths`; write facts.json (and graph.html) to `out`;
    load the store when `store_config` is given (kg.store.StoreConfig).

    disable_rules: extraction rules switched off for this build (with those in KG_DISABLE_RULES);
    explain: list every fact with its rule (BuildResult.explain; DIR/explain.tsv and DIR/rules.tsv);
    jobs: worker processes that read and extract the files (default: one per core; kg.batch);
    cache: reuse the extraction of unchanged files (kept in `out`/.kg-cache, or beside the store).
    on_documents(n) is called with the number of files to read, progress(1) after each file.
    """
    off = disabled_rules(disable_rules)
    was_on = {r.key: r.on for r in registry.rules()}
    from .store import reserve_store
    reservation = reserve_store(store_config)   # a locked or refusing store stops the build before extraction
    try:
        registry.set_enabled([r.key for r in off], False)
        registry.reset_hits()
        return _build(paths, out, lexicons=lexicons, page=page, store_config=store_config, progress=progress,
                      on_documents=on_documents, explain=explain, jobs=jobs, cache=cache)
    finally:
        reservation.release()
        for r in registry.rules():
            r.on = was_on.get(r.key, r.on)


def _build(paths, out, *, lexicons, page, store_config, progress, on_documents, explain, jobs, cache) -> BuildResult:
    from . import batch
    from .store import default_db_dir

    paths, lexicons = list(paths), list(lexicons)       # each is read more than once below
    lexicon = load_lexicon(lexicons)
    db_dir = getattr(store_config, "db_dir", None) if store_config is not None else None
    exclude = [default_db_dir()] + ([out] if out is not None else [])   # never read our own outputs back
    if db_dir:
        exclude.append(db_dir)
    fingerprint = build_fingerprint(lexicons, [r.key for r in registry.rules() if not r.on])
    cache_root = (Path(out) / ".kg-cache" if out is not None
                  else Path(db_dir).with_name(Path(db_dir).name + ".kg-cache") if db_dir else None)
    extraction_cache = batch.Cache(cache_root, fingerprint) if cache and cache_root is not None else None
    pool = None
    if (jobs or batch.default_jobs()) > 1 and (extraction_cache is None or not extraction_cache.has_last_build()) \
            and not all(batch.is_huge(Path(p)) for p in paths):
        # no last build to take whole: the workers start up while the files are listed and hashed
        pool = batch.start_pool(jobs or batch.default_jobs(), lexicon, lexicons)
    try:
        return _extract_and_write(paths, out, lexicons=lexicons, page=page, store_config=store_config, progress=progress,
                                  on_documents=on_documents, explain=explain, jobs=jobs, lexicon=lexicon,
                                  exclude=exclude, fingerprint=fingerprint, extraction_cache=extraction_cache, pool=pool)
    finally:
        gc.unfreeze()
        if pool is not None:
            pool.terminate()
            pool.join()


def _extract_and_write(paths, out, *, lexicons, page, store_config, progress, on_documents, explain, jobs, lexicon,
                       exclude, fingerprint, extraction_cache, pool) -> BuildResult:
    from loaders import collect_files

    from . import batch

    files = collect_files(paths, exclude)
    if on_documents:
        on_documents(len(files))
    title = "kg: " + ", ".join(map(printable, paths))
    outputs = {} if out is None else {"facts_path": Path(out) / "facts.json"}
    if out is not None and explain:
        outputs.update(explain_path=Path(out) / "explain.tsv", rules_path=Path(out) / "rules.tsv")
    if out is not None and page:
        outputs["page_path"] = Path(out) / "graph.html"
    build_key = None
    if extraction_cache is not None and out is not None:
        # nothing changed since the last build into `out`: its result, and its outputs left as they are
        build_key = extraction_cache.build_key(files, [explain, page, title])
        last = extraction_cache.last_build(build_key, outputs)
        if last is not None:
            for row in last["rules"]:
                registry.get(row["key"]).hits = row["hits"]
            if progress:
                progress(len(files))
            return _load_store(BuildResult(**last), store_config)
    docs: list[Document] = []
    skipped: list[Skipped] = []
    fired: dict[str, int] = {}

    def extractions() -> Iterator[Extraction]:
        """Every document's extraction in file order, each dropped by the caller once it is in the graph."""
        seen: dict[str, Path] = {}
        with contextlib.closing(batch.run(files, lexicon=lexicon, lexicon_files=lexicons, jobs=jobs,
                                          cache=extraction_cache, pool=pool)) as results:
            for r in results:
                if r.skipped is not None:
                    skipped.append(r.skipped)
                for ex, hits in zip(r.extractions, r.hits):
                    dup = _duplicate(ex.document, r.path, seen)
                    if dup is not None:
                        skipped.append(dup)
                        continue
                    batch.add_hits(hits, fired)
                    docs.append(ex.document)
                    yield ex
                r.extractions.clear()
                if progress:
                    progress(1)

    provenance: list | None = [] if explain else None
    graph = assemble(extractions(), lexicon, provenance)
    # the graph lives to the end of the build: the collector need not walk it again while it is
    # written (_build unfreezes)
    gc.freeze()
    if extraction_cache is not None:
        extraction_cache.prune()
    for _, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Document":
            attrs["build"] = fingerprint
    result = BuildResult(graph, docs, skipped, rules=rule_table(fired))
    if explain:
        from .export import explain_rows
        result.explain = explain_rows(graph, provenance)
    if out is not None:
        out_dir = Path(out)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KGError(E.E203, path=out_dir, detail=exc.strerror or str(exc)) from None
        from .export import write_facts
        result.facts_path = write_facts(graph, outputs["facts_path"])
        if explain:
            from .export import EXPLAIN_COLUMNS, RULE_COLUMNS, write_tsv
            result.explain_path = write_tsv(result.explain, EXPLAIN_COLUMNS, outputs["explain_path"])
            result.rules_path = write_tsv(result.rules, RULE_COLUMNS, outputs["rules_path"])
        if page:
            from viz import write_page

            from .show import write_show_pages   # each report's marked page (or the kg show command)
            links, hint = write_show_pages(docs, out_dir, graph_page=outputs["page_path"], lexicons=lexicons,
                                           sources=[printable(p) for p in paths])
            result.page_path = write_page(graph, outputs["page_path"], title=title, doc_links=links, doc_hint=hint)
        if extraction_cache is not None:
            extraction_cache.save_build(build_key, outputs, graph, docs, skipped, result.rules, result.explain)
    return _load_store(result, store_config)


def _load_store(result: BuildResult, store_config) -> BuildResult:
    if store_config is not None:
        from .store import open_store
        with open_store(store_config) as store:
            result.store_summary = store.load(result.graph)
    return result
