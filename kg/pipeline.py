"""The build: files → Documents → Extractions → Entities → graph → facts.json, page, store.

Only this module composes stages; the stages stay pure. One bad file never stops the rest:
its coded error is collected in `BuildResult.skipped`.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .errors import E, InputError, KGError
from .extract import Extractor
from .graph import build_graph
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

    skip_dirs = [Path(x).resolve() for x in exclude]
    docs: list[tuple[Document, Path]] = []
    skipped: list[Skipped] = []
    for f in collect_files(paths):
        if any(f.resolve().is_relative_to(d) for d in skip_dirs):
            continue
        try:
            docs.extend((d, f) for d in load_file(f))
        except InputError as exc:
            skipped.append(Skipped(str(f), exc.code, exc.message))
    seen: dict[str, Path] = {}
    unique = []
    for d, f in docs:
        if d.id in seen:          # the same stem in two folders: keep the first, report the second
            err = KGError(E.E110, path=f, doc_id=d.id, other=seen[d.id])
            skipped.append(Skipped(str(f), err.code, err.message))
            continue
        seen[d.id] = f
        unique.append(d)
    return unique, skipped


def extract_all(docs: list[Document], lexicon: Lexicon | None = None, progress: Progress | None = None) -> list[Extraction]:
    ex = Extractor(lexicon or load_lexicon())
    out = []
    for d in docs:
        out.append(ex(d))
        if progress:
            progress(1)
    return out


def assemble(extractions: list[Extraction], lexicon: Lexicon | None = None) -> nx.MultiDiGraph:
    resolver = Resolver((lexicon or load_lexicon()).types)
    resolutions = [resolver.add(x) for x in extractions]
    return build_graph(extractions, resolutions, resolver.entities())


def build_fingerprint(lexicons: Iterable[str | Path] = ()) -> str:
    """What besides the source decides a document's facts: the kg version and every lexicon."""
    from . import __version__
    from .resources import schema_dir

    h = hashlib.sha256(__version__.encode())
    lex_dir = schema_dir().joinpath("lexicons")
    for f in sorted(lex_dir.iterdir(), key=lambda x: x.name):
        if f.is_file():
            h.update(f.name.encode() + f.read_bytes())
    for f in lexicons:
        h.update(Path(f).read_bytes())
    return h.hexdigest()[:16]


def build(paths: Iterable[str | Path], out: str | Path | None = None, *, lexicons: Iterable[str | Path] = (),
          page: bool = True, store_config=None, progress: Progress | None = None,
          on_documents: Callable[[int], None] | None = None) -> BuildResult:
    """Build the graph of the reports under `paths`; write facts.json (and graph.html) to `out`;
    load the store when `store_config` is given (kg.store.StoreConfig)."""
    from .store import default_db_dir

    paths, lexicons = list(paths), list(lexicons)       # each is read more than once below
    lexicon = load_lexicon(lexicons)
    exclude = [default_db_dir()] + ([out] if out is not None else [])   # never read our own outputs back
    if store_config is not None and getattr(store_config, "db_dir", None):
        exclude.append(store_config.db_dir)
    docs, skipped = load_documents(paths, exclude)
    if on_documents:
        on_documents(len(docs))
    extractions = extract_all(docs, lexicon, progress)
    graph = assemble(extractions, lexicon)
    fingerprint = build_fingerprint(lexicons)
    for _, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Document":
            attrs["build"] = fingerprint
    result = BuildResult(graph, docs, skipped)
    if out is not None:
        out_dir = Path(out)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KGError(E.E203, path=out_dir, detail=exc.strerror or str(exc)) from None
        from .export import write_facts
        result.facts_path = write_facts(graph, out_dir / "facts.json")
        if page:
            from viz import write_page
            result.page_path = write_page(graph, out_dir / "graph.html", title="kg: " + ", ".join(map(str, paths)))
    if store_config is not None:
        from .store import open_store
        with open_store(store_config) as store:
            result.store_summary = store.load(graph)
    return result
