"""The per-file work of a build — read a file, extract its reports — on every core, and cached.

`run(files, ...)` yields one `FileResult` per file, in the order of `files`, whatever order the
work finishes in, so a build with one job and a build with many make the same facts.

- Workers: files not in the cache are read and extracted in a pool of `jobs` processes. Each
  worker pays its start-up once, in the pool's initializer (jieba's dictionary, jionlp's
  gazetteer, the lexicons, the rules switched on or off as in the parent), not per document.
- Rule hits: the extraction rules count their hits in process-global Rule objects
  (kg.extract.registry). A file's result carries the hits of each of its documents (rule key →
  hits), wherever it was extracted, and leaves the global counts as they were; the caller adds them
  up (`add_hits`), so `kg build --explain` counts the same with any number of workers and from
  the cache.
- Cache (`Cache`, in DIR/.kg-cache): one entry per file, keyed by the sha256 of the file's name
  and bytes, a row of one SQLite file (thousands of small files cost more to create than to
  fill) in a folder named by the cache fingerprint (kg.pipeline.build_fingerprint — kg
  version, lexicons, rules switched off — plus the source of the reading and extraction code and
  the cache format). An unchanged file is not read again nor extracted; a changed one is, alone.
  Entries are the file's kg.model.Extraction records and its hits as pickles of a few thousand
  records each (`dump`, `load`: a huge report is never pickled, nor memoised, in one piece), made
  by the process that extracted them (a worker's bytes are stored as they are); folders of other
  fingerprints and entries no file used are removed at the end of a build (`prune`). A file that
  could not be read is not cached: its error is reported again next time.
- The last build (`Cache.last_build`, `save_build`): the graph, documents, rule table and explain
  rows of the last build into DIR, as lines of JSON, with what it was built from (every file's
  entry, the options) and the size and time of the outputs it wrote. A re-run with nothing changed
  takes that result and leaves the outputs as they are: no resolution, no writing.
"""
from __future__ import annotations

import copyreg
import hashlib
import io
import multiprocessing as mp
import operator
import os
import pickle
import shutil
import sqlite3
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

import orjson

from .errors import InputError, printable
from .extract import Extractor, registry
from .lexicon import Lexicon, load_lexicon
from .model import Document, Extraction, Measurement, Mention, RelationMention, Sentence, Skipped

CACHE_FORMAT = 3
# files given to each worker ahead of the one the build waits for (enough that a pause of the build
# process, which resolves what comes back, does not leave a worker idle), and at most AHEAD_BYTES of
# them in all (their results wait in memory)
AHEAD = 16
AHEAD_BYTES = 32 << 20
# A file this big is read in the build process; a report in it of SPLIT_CHARS characters or more
# has its sentences extracted on every worker, RUN_CHARS characters at a time (one report is not
# one core; the facts are the same: kg.extract.Extractor)
SPLIT_BYTES = 2_000_000
SPLIT_CHARS = 400_000
RUN_CHARS = 100_000
_PICKLE = pickle.HIGHEST_PROTOCOL
LAST_BUILD = "last-build.jsonl"


@dataclass
class FileResult:
    path: Path
    extractions: list[Extraction] = field(default_factory=list)
    hits: list[dict[str, int]] = field(default_factory=list)   # per extraction: rule key → hits in that document
    skipped: Skipped | None = None                             # the file could not be read


# -- the work on one file (in a worker or in the build's own process) ------------------------------

_STATE: dict = {}                   # a worker's Extractor


def _setup(lexicon: Lexicon | None, lexicon_files: list[str], rules_on: dict[str, bool]) -> None:
    """A worker's one-off start-up: the rules switched on or off as in the parent, the lexicons
    (inherited from a forked parent, else loaded), jieba's dictionary and jionlp's gazetteer."""
    for r in registry.rules():
        r.on = rules_on.get(r.key, r.on)
    _STATE["extractor"] = _warm_up(Extractor(lexicon if lexicon is not None else load_lexicon(lexicon_files)))


def _warm_up(extractor: Extractor) -> Extractor:
    """Load what extraction loads on first use (jieba's dictionary, jionlp's gazetteer) now."""
    from loaders.meta import gazetteer
    gazetteer()
    hits = [r.hits for r in registry.rules()]
    extractor(Document("warm-up", "县人民医院参加家庭医生签约服务，门诊量12万人次。", "warm-up.txt", "0", None, "某县", None))
    for r, n in zip(registry.rules(), hits):        # the warm-up's hits are nobody's
        r.hits = n
    return extractor


def extract_file(path: Path, extractor: Extractor, pmap=None) -> FileResult:
    """Read one file and extract each of its reports; the rules' global hit counts are left as they
    were, the hits are in the result. With `pmap` (kg.extract.Extractor), a report of SPLIT_CHARS
    characters or more has its sentences read on the pool's workers."""
    from loaders import load_file

    try:
        docs = load_file(path)
    except InputError as exc:
        return FileResult(path, skipped=Skipped(printable(path), exc.code, exc.message))
    out = FileResult(path)
    for doc in docs:
        ex, hits = extract_document(doc, extractor, pmap if len(doc.text) >= SPLIT_CHARS else None)
        out.extractions.append(ex)
        out.hits.append(hits)
    return out


def extract_document(doc: Document, extractor: Extractor, pmap=None) -> tuple[Extraction, dict[str, int]]:
    """One document's extraction and its rule hits (rule key → hits); the rules' global hit
    counts are left as they were (add_hits counts them in)."""
    rules = registry.rules()
    before = [r.hits for r in rules]
    ex = extractor(doc) if pmap is None else extractor(doc, pmap, RUN_CHARS)
    hits = {r.key: r.hits - b for r, b in zip(rules, before) if r.hits > b}
    for r, b in zip(rules, before):
        r.hits = b
    return ex, hits


def _part(task: tuple) -> tuple[object, dict[str, int]]:
    """In a worker: one phase of a huge document's extraction over a run of its sentences
    (Extractor.part), and the rule hits it made (the parent counts them in)."""
    rules = registry.rules()
    before = [r.hits for r in rules]
    out = _STATE["extractor"].part(*task)
    hits = {r.key: r.hits - b for r, b in zip(rules, before) if r.hits > b}
    for r, b in zip(rules, before):
        r.hits = b
    return out, hits


_FORKED: dict = {}                  # a forked split's extractor and tasks, inherited by its workers


def _forked_part(k: int) -> tuple[object, dict[str, int]]:
    """In a worker forked for one phase of a huge report: task `k` of the tasks it inherited."""
    _STATE["extractor"] = _FORKED["extractor"]
    return _part(_FORKED["tasks"][k])


def _split_map(extractor: Extractor, pool, jobs: int):
    """Extractor's `pmap` for a huge report. Where processes fork: a pool of `jobs` workers forked
    for each phase, after the tasks are made, so that they inherit the report's sentences and the
    build process's warmed-up extractor instead of receiving them pickled (only the results come
    back); elsewhere the build's pool (_pool_map)."""
    if "fork" not in mp.get_all_start_methods():
        return _pool_map(pool)
    _warm_up(extractor)
    ctx = mp.get_context("fork")

    def pmap(tasks: list[tuple]) -> list:
        _FORKED.update(extractor=extractor, tasks=tasks)
        try:
            with ctx.Pool(min(jobs, len(tasks))) as workers:
                out = []
                for result, hits in workers.imap(_forked_part, range(len(tasks))):
                    for key, n in hits.items():
                        registry.get(key).hit(n)
                    out.append(result)
                return out
        finally:
            _FORKED.clear()
    return pmap


def _pool_map(pool):
    """Extractor's `pmap` on the pool: each task on a worker, the results in order, their rule hits
    counted in this process."""
    def pmap(tasks: list[tuple]) -> list:
        out = []
        for result, hits in pool.imap(_part, tasks):
            for key, n in hits.items():
                registry.get(key).hit(n)
            out.append(result)
        return out
    return pmap


def _work(path: Path) -> bytes:
    """In a worker: the pickled FileResult of one file (the parent writes these bytes to the cache)."""
    buf = io.BytesIO()
    dump(extract_file(path, _STATE["extractor"]), buf)
    return buf.getvalue()


# -- a FileResult as bytes: pickles of a few thousand records at a time ------------------------------

def _compact(cls) -> None:
    """Pickle a record as its class and the tuple of its fields (unpickled by one call of the
    class), not through dataclasses' per-field state of slotted classes: a third of the cost of
    sending results from the workers and of reading the cache."""
    get = operator.attrgetter(*[f.name for f in fields(cls)])

    def reduce(obj):
        return cls, get(obj)
    copyreg.pickle(cls, reduce)


for _cls in (Document, Sentence, Mention, Measurement, RelationMention, Skipped):
    _compact(_cls)

CHUNK = 4096


def dump(result: FileResult, f) -> None:
    """Pickle a FileResult to the file `f` a few thousand records at a time, each chunk a pickle
    of its own, so that neither the whole pickle nor the pickler's memo of every object of a huge
    report is held at once. A relation's head and tail go as positions in the document's mentions
    (load makes them the same objects again, as resolution needs)."""
    pickle.dump((result.path, result.hits, result.skipped, len(result.extractions)), f, _PICKLE)
    for ex in result.extractions:
        index = {id(m): k for k, m in enumerate(ex.mentions)}
        relations = [replace(r, head=index.get(id(r.head), r.head), tail=index.get(id(r.tail), r.tail))
                     for r in ex.relations]
        # a sentence whose text is its slice of the document's goes without it (a third of the bytes)
        text = ex.document.text
        sentences = [(s.index, s.start, s.end, None if text[s.start:s.end] == s.text else s.text) for s in ex.sentences]
        parts = (sentences, ex.measurements, ex.mentions, relations)
        pickle.dump((ex.document, *map(len, parts)), f, _PICKLE)
        for records in parts:
            for k in range(0, len(records), CHUNK):
                pickle.dump(records[k:k + CHUNK], f, _PICKLE)


def load(f) -> FileResult:
    """The FileResult `dump` wrote to `f`."""
    path, hits, skipped, n = pickle.load(f)
    result = FileResult(path, hits=hits, skipped=skipped)
    for _ in range(n):
        doc, *sizes = pickle.load(f)
        parts: list[list] = []
        for size in sizes:
            records: list = []
            while len(records) < size:
                records += pickle.load(f)
            parts.append(records)
        rows, measurements, mentions, relations = parts
        sentences = [Sentence(doc.id, k, a, b, doc.text[a:b] if t is None else t) for k, a, b, t in rows]
        for r in relations:
            if isinstance(r.head, int):
                r.head = mentions[r.head]
            if isinstance(r.tail, int):
                r.tail = mentions[r.tail]
        result.extractions.append(Extraction(doc, sentences, mentions, measurements, relations))
    return result


def add_hits(hits: dict[str, int], fired: dict[str, int] | None = None) -> None:
    """Count one document's rule hits (FileResult.hits) into this process's rules, and the
    document into `fired` (rule key → documents in which the rule fired)."""
    for key, n in hits.items():
        registry.get(key).hit(n)
        if fired is not None:
            fired[key] = fired.get(key, 0) + 1


# -- the cache -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The source of the code that reads and extracts a file: a change to it is a new cache."""
    root = Path(__file__).resolve().parent
    files = sorted(root.glob("*.py")) + sorted((root / "extract").rglob("*.py"))
    try:
        import loaders
        files += sorted(Path(loaders.__file__).resolve().parent.rglob("*.py"))
    except ImportError:
        pass
    h = hashlib.sha256(f"cache {CACHE_FORMAT} pickle {_PICKLE}".encode())
    for f in files:
        h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()[:16]


class _BlobReader(io.RawIOBase):
    """A stored entry read a buffer at a time (pickle.load needs read and readline)."""

    def __init__(self, blob) -> None:
        self.blob = blob

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self.blob.read(len(b))
        b[:len(data)] = data
        return len(data)


class Cache:
    """Extraction results per file under `root`/<fingerprint>/, keyed by the file's name and bytes.

    The entries are rows of one SQLite file (ENTRIES), not a file each: creating thousands of small
    files cost the build process more system time than everything else it writes. Rows are
    committed every COMMIT_BYTES and when the run ends (`flush`); a build stopped in between
    extracts the files of the rows it did not commit again next time."""

    ENTRIES = "entries.sqlite"
    COMMIT_BYTES = 32 << 20

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = Path(root)
        self.dir = self.root / f"{fingerprint}-{code_fingerprint()}"
        self.used: set[str] = set()
        self._keys: dict[Path, str | None] = {}
        self._db = None                     # the open entries (None: not opened yet, False: unusable)
        self._stored: set[str] | None = None
        self._pending = 0                   # bytes written since the last commit

    def key(self, path: Path) -> str | None:
        """The entry of a file: the sha256 of its name and bytes (None: it cannot be read)."""
        if path not in self._keys:
            try:
                data = path.read_bytes()
            except OSError:
                self._keys[path] = None         # unreadable: load_file reports it
            else:
                h = hashlib.sha256(path.name.encode("utf-8", "surrogateescape") + b"\0")
                h.update(hashlib.sha256(data).digest())
                self._keys[path] = h.hexdigest()[:40]
        return self._keys[path]

    def _open(self, create: bool):
        """The entries' database (None when there is none and `create` is false, or it cannot be
        used: a cache that cannot be read or written only costs time)."""
        if self._db is None and (create or (self.dir / self.ENTRIES).is_file()):
            path = self.dir / self.ENTRIES
            for _attempt in (1, 2):
                db = None
                try:
                    self.dir.mkdir(parents=True, exist_ok=True)
                    db = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
                    db.execute("PRAGMA page_size=65536")     # rows of tens of kB: few overflow pages (a new file only)
                    db.execute("PRAGMA synchronous=NORMAL")
                    db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
                    self._stored = {k for (k,) in db.execute("SELECT key FROM entries")}
                    db.execute("BEGIN")
                    self._db = db
                    break
                except sqlite3.DatabaseError:   # not a database (damaged): start a new one
                    if db is not None:
                        db.close()
                    for f in (path, path.with_name(path.name + "-journal")):
                        f.unlink(missing_ok=True)
                except (OSError, sqlite3.Error):
                    break
            if self._db is None:
                self._db = False
        return self._db or None

    def get(self, key: str | None) -> FileResult | None:
        if key is None or not self.has(key):
            return None
        try:
            (rowid,) = self._db.execute("SELECT rowid FROM entries WHERE key = ?", (key,)).fetchone()
            with self._db.blobopen("entries", "data", rowid, readonly=True) as blob:
                result = load(io.BufferedReader(_BlobReader(blob), 1 << 20))
        except (sqlite3.Error, TypeError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                ValueError, IndexError, KeyError):
            return None             # a damaged entry: extract again
        self.used.add(key)
        return result

    def has(self, key: str | None) -> bool:
        return key is not None and self._open(False) is not None and key in self._stored

    def put(self, key: str | None, result: bytes | FileResult) -> None:
        """Store a result (or the bytes of its pickle, as a worker made them)."""
        if key is None:
            return
        self.used.add(key)
        db = self._open(True)
        if db is None:
            return
        try:
            if isinstance(result, bytes):
                db.execute("INSERT OR REPLACE INTO entries (key, data) VALUES (?, ?)", (key, result))
                size = len(result)
            else:
                # a result made here (a huge report among them): pickled to a spooled file, then
                # copied into its row a buffer at a time, never held as one bytes object
                with tempfile.SpooledTemporaryFile(8 << 20) as f:
                    dump(result, f)
                    size = f.tell()
                    f.seek(0)
                    cur = db.execute("INSERT OR REPLACE INTO entries (key, data) VALUES (?, zeroblob(?))", (key, size))
                    with db.blobopen("entries", "data", cur.lastrowid) as blob:
                        while chunk := f.read(1 << 20):
                            blob.write(chunk)
            self._stored.add(key)
            self._pending += size
            if self._pending >= self.COMMIT_BYTES:
                self.flush()
        except (OSError, sqlite3.Error, OverflowError):
            pass                    # too big for a row, or the disk is full: not cached

    def flush(self) -> None:
        """Commit the rows written so far."""
        if self._db:
            try:
                self._db.execute("COMMIT")
                self._db.execute("BEGIN")
            except sqlite3.Error:
                pass
            self._pending = 0

    def close(self) -> None:
        if self._db:
            try:
                if self._db.in_transaction:
                    self._db.execute("COMMIT")
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    def prune(self) -> None:
        """Remove the folders of other fingerprints and the entries this build did not use."""
        try:
            for d in self.root.iterdir():
                if d.is_dir() and d != self.dir:
                    shutil.rmtree(d, ignore_errors=True)
        except OSError:
            pass
        db = self._open(False)
        if db is not None:
            try:
                gone = [(k,) for k in self._stored if k not in self.used]
                if gone:
                    db.executemany("DELETE FROM entries WHERE key = ?", gone)
                    self._stored.difference_update(k for (k,) in gone)
                db.execute("COMMIT")
                free, pages = (db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("freelist_count", "page_count"))
                if free > pages // 2:
                    db.execute("VACUUM")    # more than half the file is rows of files gone: give it back
            except sqlite3.Error:
                pass
        self.close()

    # -- the last build: an unchanged re-run writes nothing and extracts nothing ---------------------

    def has_last_build(self) -> bool:
        return (self.dir / LAST_BUILD).is_file()

    def build_key(self, files: list[Path], options: list) -> str | None:
        """What a build's outputs follow from: this cache's fingerprint, every file's name, place
        and bytes, and the build's options (None when a file cannot be read)."""
        keys = [self.key(f) for f in files]
        if any(k is None for k in keys):
            return None
        rows = [self.dir.name, options, [[printable(f), k] for f, k in zip(files, keys)]]
        return hashlib.sha256(orjson.dumps(rows)).hexdigest()

    def last_build(self, key: str | None, outputs: dict[str, Path]) -> dict | None:
        """The result of the last build when it was made from `key` and its output files are as it
        left them (same size and modification time), else None. The dict holds BuildResult's fields."""
        if key is None:
            return None
        try:
            with (self.dir / LAST_BUILD).open("rb") as f:
                head = orjson.loads(f.readline())
                if head.get("key") != key or head.get("format") != CACHE_FORMAT \
                        or sorted(head["outputs"]) != sorted(outputs):
                    return None
                for name, path in outputs.items():
                    st = path.stat()
                    if head["outputs"][name] != [str(path), st.st_size, st.st_mtime_ns]:
                        return None
                return _read_build(head, f, outputs)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def save_build(self, key: str | None, outputs: dict[str, Path], graph, documents: list[Document],
                   skipped: list[Skipped], rules: list[dict], explain: list[dict] | None) -> None:
        """Record a build's result and outputs for last_build (a line of JSON per node, edge and document)."""
        if key is None:
            return
        tmp = self.dir / f"{LAST_BUILD}.{os.getpid()}.tmp"
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            stats = {name: [str(p), p.stat().st_size, p.stat().st_mtime_ns] for name, p in outputs.items()}
            with tmp.open("wb") as f:
                f.write(orjson.dumps({"key": key, "format": CACHE_FORMAT, "outputs": stats, "rules": rules,
                                      "skipped": [[s.path, s.code, s.message] for s in skipped],
                                      "explain": explain is not None}) + b"\n")
                for n, d in graph.nodes(data=True):
                    f.write(b"N" + orjson.dumps([n, d]) + b"\n")
                for u, v, k, d in graph.edges(keys=True, data=True):
                    f.write(b"E" + orjson.dumps([u, v, k, d]) + b"\n")
                names = [x.name for x in fields(Document)]
                for doc in documents:
                    f.write(b"D" + orjson.dumps([getattr(doc, x) for x in names]) + b"\n")
                for row in explain or ():
                    f.write(b"X" + orjson.dumps(row) + b"\n")
            tmp.replace(self.dir / LAST_BUILD)
        except (OSError, TypeError):
            tmp.unlink(missing_ok=True)         # not recorded: the next build is a full one


def _read_build(head: dict, f, outputs: dict[str, Path]) -> dict:
    import networkx as nx

    graph = nx.MultiDiGraph()
    documents, explain = [], [] if head["explain"] else None
    for line in f:
        kind, row = line[:1], orjson.loads(line[1:])
        if kind == b"N":
            graph.add_node(row[0], **row[1])
        elif kind == b"E":
            graph.add_edge(row[0], row[1], key=row[2], **row[3])
        elif kind == b"D":
            documents.append(Document(*row))
        elif kind == b"X":
            explain.append(row)
    return {"graph": graph, "documents": documents, "skipped": [Skipped(*s) for s in head["skipped"]],
            "rules": head["rules"], "explain": explain, **outputs}


# -- the run ---------------------------------------------------------------------------------------

def is_huge(path: Path) -> bool:
    """A file read in the build process, its huge reports split across the workers."""
    return path.is_file() and _size(path) >= SPLIT_BYTES


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def default_jobs() -> int:
    return os.cpu_count() or 1


def start_pool(jobs: int, lexicon: Lexicon, lexicon_files: list[str | Path] = ()):
    """A pool of `jobs` worker processes, each set up (kg.batch._setup) with the rules switched on
    or off as they are now: started before the files are listed and hashed, so that the workers'
    start-up (jieba, the gazetteer) overlaps that; give it to `run`, which stops it."""
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    rules_on = {r.key: r.on for r in registry.rules()}
    # a forked worker inherits the parent's lexicon; a spawned one loads it from the files
    return ctx.Pool(jobs, initializer=_setup, initargs=(lexicon if ctx.get_start_method() == "fork" else None,
                                                        [str(f) for f in lexicon_files], rules_on))


def run(files: list[Path], *, lexicon: Lexicon, lexicon_files: list[str | Path] = (), jobs: int | None = None,
        cache: Cache | None = None, pool=None) -> Iterator[FileResult]:
    """Each file's FileResult, in the order of `files`: from the cache, or read and extracted in a
    pool of `jobs` worker processes (in this process when one job, or one file, is left to do).
    `pool`: one start_pool made (of `jobs` workers), used if workers are needed, stopped in any case.
    Close the iterator (or run it to its end) to stop the workers."""
    keys = [cache.key(f) for f in files] if cache is not None else [None] * len(files)
    cached = [cache is not None and cache.has(k) for k in keys]
    todo = [f for f, c in zip(files, cached) if not c]
    huge = {f for f in todo if is_huge(f)}
    jobs = max(1, min(jobs or default_jobs(), len(todo) if not huge else jobs or default_jobs()))
    window: deque = deque()             # the workers' results to come, in file order
    waiting = iter([f for f in todo if f not in huge])
    if jobs > 1 and len(huge) < len(todo):
        pool = pool or start_pool(jobs, lexicon, lexicon_files)
    elif jobs > 1 and "fork" not in mp.get_all_start_methods():
        pool = pool or start_pool(jobs, lexicon, lexicon_files)     # huge reports split on it (_pool_map)
    elif pool is not None:
        pool.terminate()                # started ahead, not needed: one file (or none) to extract
        pool.join()
        pool = None

    ahead = [0]                         # the bytes of the files in the window

    def submit() -> None:
        # some files ahead of the one the caller waits for, not all: results the caller has not
        # taken yet wait in memory
        while len(window) < AHEAD * jobs and (not window or ahead[0] < AHEAD_BYTES):
            f = next(waiting, None)
            if f is None:
                return
            size = _size(f)
            ahead[0] += size
            window.append((pool.apply_async(_work, (f,)), size))

    extractor = None
    try:
        for f, key, c in zip(files, keys, cached):
            result = cache.get(key) if c else None
            if result is not None:
                yield result
                continue
            if jobs > 1 and not c and f in huge:
                # read here; its huge reports' sentences on the workers (after the files given them)
                extractor = extractor or Extractor(lexicon)
                result = extract_file(f, extractor, _split_map(extractor, pool, jobs))
                if result.skipped is None and cache is not None:
                    cache.put(key, result)
            elif pool is not None and not c:
                submit()
                task, size = window.popleft()
                ahead[0] -= size
                data = task.get()
                submit()
                result = load(io.BytesIO(data))
                if result.skipped is None and cache is not None:
                    cache.put(key, data)
            else:                   # one job, or a cache entry that could not be read after all
                extractor = extractor or Extractor(lexicon)
                result = extract_file(f, extractor)
                if result.skipped is None and cache is not None:
                    cache.put(key, result)
            yield result
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        if cache is not None:
            cache.flush()
