"""The Store: one writer and reader over the neo4j driver, for the embedded
ArcadeDB child process and for any Neo4j 5 server alike."""
from __future__ import annotations

import datetime
import logging
import os
import re
import shutil
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import E, KGError, QueryError, StoreError, add_secret, redact
from ..resources import read_text
from . import writer as W
from . import background as bg
from .embedded import START_TIMEOUT, USER as EMBEDDED_USER, EmbeddedServer, default_db_dir, read_or_create_password
from .embedded import StoreLock, is_reserved, reserve, served_uri, unreserve
from ._lazy import LazyModule

# Imported when first used: a command that never talks to a store (kg build --no-store) does not
# pay for the driver, and a query does not pay for networkx.
nx = LazyModule("networkx")
neo4j = LazyModule("neo4j")
nex = LazyModule("neo4j.exceptions")


def _min_free_bytes() -> int:
    """Below this much free space the store counts as full (KG_STORE_MIN_FREE_MB, default 64)."""
    try:
        return int(float(os.environ.get("KG_STORE_MIN_FREE_MB", "64")) * 1024 * 1024)
    except ValueError:
        return 64 * 1024 * 1024

# The driver logs each retried transaction (ArcadeDB's DeadlockDetected) as a warning;
# they are retried and expected, so they stay out of the user's terminal.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


@dataclass
class StoreConfig:
    """Where the graph lives. uri None → the embedded ArcadeDB in db_dir (default ./kg-data,
    or $KG_DB). NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE fill what is not given."""
    db_dir: Path | None = None
    uri: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None
    batch_size: int = 5000
    embedded_only: bool = False     # a command of the embedded store only (kg serve): NEO4J_URI is ignored

    def resolved(self) -> StoreConfig:
        """The configuration with the environment filled in. Credentials written in the URI
        (bolt://user:password@host) are taken out of it: the URI kept, shown in messages, has none;
        every password is registered with kg.errors.redact, so no message can show it."""
        uri = None if self.embedded_only else (self.uri or os.environ.get("NEO4J_URI") or None)
        if self.db_dir is not None and not self.uri:
            uri = None  # an explicit --db means the embedded store
        uri_user = uri_password = None
        if uri:
            uri, uri_user, uri_password = split_credentials(uri)
        password = self.password if self.password is not None else uri_password
        if password is None:
            password = os.environ.get("NEO4J_PASSWORD")
        for secret in (self.password, uri_password, os.environ.get("NEO4J_PASSWORD")):
            add_secret(secret)
        return StoreConfig(
            db_dir=Path(self.db_dir) if self.db_dir is not None else None,
            uri=uri,
            user=self.user or uri_user or os.environ.get("NEO4J_USER") or ("neo4j" if uri else None),
            password=password,
            database=self.database or os.environ.get("NEO4J_DATABASE") or None,
            batch_size=self.batch_size,
            embedded_only=self.embedded_only,
        )

    def __repr__(self) -> str:  # never show the password
        uri = split_credentials(self.uri)[0] if self.uri else None
        return (f"StoreConfig(db_dir={self.db_dir!r}, uri={uri!r}, user={self.user!r}, "
                f"password={'***' if self.password else None}, database={self.database!r}, "
                f"batch_size={self.batch_size})")


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """(the URI without user and password, the user, the password) of `bolt://user:password@host:port`
    (percent-escapes in them decoded)."""
    from urllib.parse import unquote  # noqa: PLC0415

    scheme, sep, rest = uri.partition("://")
    if not sep:
        return uri, None, None
    netloc, slash, path = rest.partition("/")
    userinfo, at, host = netloc.rpartition("@")
    if not at:
        return uri, None, None
    user, colon, password = userinfo.partition(":")
    return (f"{scheme}://{host}{slash}{path}", unquote(user) or None,
            unquote(password) if colon else None)


class Rows(list):
    """Rows as dicts (a list); `columns` names the result's columns, also when there is no row."""

    def __init__(self, rows=(), columns: list[str] | None = None) -> None:
        super().__init__(rows)
        self.columns = list(columns or [])


@dataclass
class LoadSummary:
    added: int = 0          # documents new to the store
    updated: int = 0        # documents whose sha256 changed (facts replaced)
    unchanged: int = 0      # documents already stored with the same sha256 (nothing written)
    nodes: int = 0          # nodes in the store after the load
    relationships: int = 0  # relationships in the store after the load
    nodes_written: int = 0
    relationships_written: int = 0
    relationships_removed: int = 0
    entities_removed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # rows not written, by reason
    documents: dict[str, list[str]] = field(default_factory=dict)  # added/updated/unchanged ids
    interrupted: bool = False  # this load completed one that had been interrupted

    def line(self) -> str:
        return (f"documents: {self.added} added, {self.updated} updated, {self.unchanged} unchanged; "
                f"store: {self.nodes} nodes, {self.relationships} relationships"
                + ("; an interrupted load completed" if self.interrupted else ""))


@dataclass
class RemoveSummary:
    removed: int = 0        # documents removed
    missing: list[str] = field(default_factory=list)  # ids not in the store
    relationships_removed: int = 0
    entities_removed: int = 0
    nodes: int = 0
    relationships: int = 0

    def line(self) -> str:
        return (f"removed {self.removed} document(s), {self.relationships_removed} relationships, "
                f"{self.entities_removed} entities no longer mentioned; "
                f"store: {self.nodes} nodes, {self.relationships} relationships")


def constraint_statements() -> list[str]:
    """schema/constraints.cypher split into statements (line comments dropped)."""
    text = read_text("constraints.cypher")
    lines = [ln for ln in text.splitlines() if not ln.strip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _rows(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return [r.data() for r in tx.run(query, params)]


_SCHEMA_RE = re.compile(r"^\s*(CREATE|DROP|ALTER|SHOW|START|STOP|GRANT|DENY|REVOKE)\b"
                        r"(?=[\s\S]*\b(CONSTRAINT|INDEX|DATABASE|USER|ROLE|ALIAS|SERVER|PRIVILEGE)S?\b)",
                        re.IGNORECASE)
# keywords, not property names or labels (n.set, :Create)
_WRITE_RE = re.compile(r"(?<![.:$\w])(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV)\b|"
                       r"\bIN\s+TRANSACTIONS\b", re.IGNORECASE)
_STRINGS_RE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*[\s\S]*?\*/")


def looks_like_write(cypher: str) -> bool:
    """A conservative lexical check (outside strings, names and comments) for writing clauses."""
    bare = _STRINGS_RE.sub(" ", cypher)
    return bool(_WRITE_RE.search(bare)) and not re.match(r"^\s*SHOW\b", bare, re.IGNORECASE)


def _masked(cypher: str) -> str:
    """`cypher` with strings, quoted names and comments blanked out, same length."""
    return _STRINGS_RE.sub(lambda m: ("_" if m.group().startswith(("`", "'", '"')) else " ") * len(m.group()), cypher)


_CLAUSE_END = re.compile(r"\b(ORDER\s+BY|SKIP|LIMIT|UNION)\b", re.IGNORECASE)


def return_columns(cypher: str) -> list[str]:
    """The column names of a statement's final RETURN, read from its text: the alias after AS,
    or the expression as written ([] for RETURN * or no RETURN). ArcadeDB names no column of an
    empty result; this names them so that an empty CSV still has its header."""
    bare = _masked(cypher)
    depth, depths = 0, []
    for ch in bare:
        if ch in "([{":
            depth += 1
        depths.append(depth)
        if ch in ")]}":
            depth -= 1
    starts = [m for m in re.finditer(r"\bRETURN\b", bare, re.IGNORECASE) if depths[m.start()] == 0]
    if not starts:
        return []
    begin = starts[-1].end()
    end = next((m.start() for m in _CLAUSE_END.finditer(bare, begin) if depths[m.start()] == 0), len(bare))
    m = re.match(r"\s*DISTINCT\b", bare[begin:end], re.IGNORECASE)
    if m:
        begin += m.end()
    items, k = [], begin
    for i in range(begin, end):
        if bare[i] == "," and depths[i] == 0:
            items.append((k, i))
            k = i + 1
    items.append((k, end))
    columns = []
    for a, b in items:
        alias = re.search(r"\bAS\s+(\S+)\s*$", bare[a:b], re.IGNORECASE)
        if alias:
            name = cypher[a + alias.start(1):b].strip()
            columns.append(name[1:-1] if name.startswith("`") and name.endswith("`") else name)
        else:
            seg = bare[a:b]
            a, b = a + len(seg) - len(seg.lstrip()), a + len(seg.rstrip())   # comments are blank in `bare`
            expr = " ".join(cypher[a:b].split())
            if expr == "*":
                return []
            columns.append(expr)
    return columns


def is_schema_statement(cypher: str) -> bool:
    bare = _STRINGS_RE.sub(" ", cypher)
    return bool(_SCHEMA_RE.match(bare)) and not re.match(r"^\s*SHOW\b", bare, re.IGNORECASE)


class Store:
    """An open graph store. Use `with open_store(config) as store:`.

    The embedded store is reached through a server that outlives the command when one runs
    (`serving`: kg serve, or a background server — see kg.store.background); otherwise this
    store starts one in the background (`background` True, the default when KG_STORE_IDLE > 0)
    or its own child, stopped on close (`server`)."""

    def __init__(self, config: StoreConfig, bolt_port: int = 0, background: bool | None = None) -> None:
        self.config = config
        self.bolt_port = bolt_port
        self.background = background
        self.server: EmbeddedServer | None = None
        self.serving: bg.Serving | None = None    # the server this store is a client of
        self.started_background = False         # this open started that server (in the background)
        self._hold: bg.ClientHold | None = None
        self.driver: neo4j.Driver | None = None
        self.database: str | None = config.database
        self.uri: str = config.uri or ""
        self.user: str = config.user or ""
        self.embedded = not config.uri
        self.db_dir: Path | None = None

    # ------------------------------------------------------------ lifecycle
    def open(self) -> Store:
        cfg = self.config
        password = cfg.password
        retry = 30.0
        if self.embedded:
            self.db_dir = Path(cfg.db_dir or default_db_dir()).resolve()
            self.database = "kg"
            password = self._open_embedded()
            if self.driver is not None:
                return self                 # a client of the server that keeps the store up
            retry = 10.0  # a dead child does not come back: fail fast
        self._connect(password, retry)
        return self

    def _open_embedded(self) -> str | None:
        """Reach the embedded store: as a client of the server that runs (kg serve, a background
        server; none is started then, the lock is not even tried), else by starting one — in the
        background, then as its client, or as this store's own child. Returns the password of an
        own child (the driver is not connected yet then)."""
        assert self.db_dir is not None
        db = self.db_dir
        try:
            idle = bg.idle_seconds()
        except ValueError:
            raise StoreError(E.E304, detail=f"KG_STORE_IDLE={os.environ.get('KG_STORE_IDLE')!r} "
                             "is not a number of seconds") from None
        background = self.background
        if background is None:
            background = idle > 0 and not self.bolt_port and not is_reserved(db)
        deadline = time.monotonic() + START_TIMEOUT
        unclaimed_since: float | None = None
        failures = 0
        while True:
            serving = bg.read_serving(db)
            if serving is not None and serving.state == bg.READY:
                if self._connect_client(serving):
                    return None
                failures += 1       # it went away (or is stopping) between reading and connecting
            server = EmbeddedServer(db, self.bolt_port, idle if background else 0.0)
            try:
                server.start()
            except StoreError as exc:
                if exc.code != "KG-E303":
                    raise
                # locked: a server starting or stopping (wait for it), a server that does not
                # answer, or another kg command holding the store
                now = time.monotonic()
                serving = bg.read_serving(db)
                if serving is None:
                    # the lock may have been taken a moment before the serving file is written
                    unclaimed_since = unclaimed_since if unclaimed_since is not None else now
                    if now - unclaimed_since > 1.0:
                        raise
                elif now > deadline or (serving.state == bg.READY and failures >= 3):
                    if serving.state == bg.READY:
                        raise StoreError(E.E301, uri=serving.uri, detail=(
                            f"the store server (pid {serving.pid}) of {db} does not answer; "
                            f"`kg stop --db {db}` ends it")) from None
                    raise
                time.sleep(0.1)
                continue
            if background:
                server.detach()     # it runs on its own now: connect to it as a client
                self.started_background = True
                continue
            self.server = server
            self.uri, self.user = server.uri, EMBEDDED_USER
            add_secret(server.password)
            return server.password

    def _connect_client(self, serving: bg.Serving) -> bool:
        """Connect to the server `serving` describes, holding it up (a shared lock on its clients'
        file) while this store is open. False when it stopped or started stopping meanwhile."""
        assert self.db_dir is not None
        hold = bg.ClientHold(self.db_dir)
        if not hold.acquire():
            return False
        current = bg.read_serving(self.db_dir)
        if current is None or current.state != bg.READY or (current.port, current.pid) != (serving.port, serving.pid):
            hold.release()
            return False
        try:
            password = read_or_create_password(self.db_dir)
            add_secret(password)
            self.uri, self.user = current.uri, EMBEDDED_USER
            self._connect(password, 10.0)
        except StoreError as exc:
            hold.release()
            if exc.code == "KG-E301":   # no answer: it went away
                return False
            raise
        except BaseException:
            hold.release()
            raise
        self._hold, self.serving = hold, current
        return True

    def _connect(self, password: str | None, retry: float) -> None:
        try:
            self.driver = neo4j.GraphDatabase.driver(
                self.uri, auth=(self.user, password or ""),
                max_transaction_retry_time=retry, connection_timeout=15.0,
                notifications_min_severity="OFF",
            )
            self.driver.verify_connectivity()
        except BaseException as exc:
            self.close()
            if isinstance(exc, KGError):
                raise
            if isinstance(exc, Exception):
                raise self._error(exc, during="connect") from None
            raise

    def close(self) -> None:
        try:
            if self.driver is not None:
                try:
                    self.driver.close()
                except Exception:  # noqa: BLE001 - closing a dead connection
                    pass
                self.driver = None
        finally:
            if self._hold is not None:
                self._hold.release()        # the idle clock of a background server starts again
                self._hold = None
            if self.server is not None:
                self.server.stop()
                self.server = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def password_file(self) -> Path | None:
        if self.server is not None:
            return self.server.password_file
        return self.db_dir / "password" if self.embedded and self.db_dir is not None else None

    @property
    def where(self) -> str:
        return str(self.db_dir) if self.embedded else self.uri

    # ------------------------------------------------------------ errors
    def _error(self, exc: Exception, during: str = "load") -> KGError:
        where = self.where
        if isinstance(exc, KGError):
            return exc
        msg = str(getattr(exc, "message", None) or exc)
        if "No space left" in msg or "ENOSPC" in msg or (isinstance(exc, OSError) and exc.errno == 28):
            return StoreError(E.E306, path=where)
        if self._disk_nearly_full():
            # ArcadeDB reports a full disk as a failed commit without a reason
            return StoreError(E.E306, path=where)
        msg = redact(msg)
        if isinstance(exc, nex.AuthError) or (isinstance(exc, nex.Neo4jError) and during == "connect"
                                              and (exc.code or "").startswith("Neo.ClientError.Security.")):
            return StoreError(E.E302, uri=self.uri, user=self.user)
        if isinstance(exc, nex.ConfigurationError | ValueError) and during == "connect":
            return StoreError(E.E310, uri=self.uri, detail=_short(msg))
        lost = isinstance(exc, nex.ServiceUnavailable | nex.SessionExpired | nex.IncompleteCommit
                          | ConnectionError | nex.TransactionError | nex.DriverError)
        if self.server is not None and not self.server.alive():
            code = self.server.proc.returncode if self.server.proc else None
            detail = f"the embedded server process exited with code {code}"
            return StoreError(E.E305 if during != "connect" else E.E304, detail=detail)
        if lost:
            if during == "connect":
                return StoreError(E.E301, uri=self.uri, detail=_short(msg))
            return StoreError(E.E305, detail=_short(msg))
        if isinstance(exc, nex.Neo4jError):
            return StoreError(E.E307, detail=f"{exc.code}: {_short(msg)}")
        return StoreError(E.E307, detail=f"{type(exc).__name__}: {_short(msg)}")

    # ------------------------------------------------------------ primitives
    def _session(self, **kw: Any) -> neo4j.Session:
        assert self.driver is not None, "store is closed"
        return self.driver.session(database=self.database, **kw)

    def _write(self, query: str, **params: Any) -> list[dict[str, Any]]:
        with self._session() as s:
            return s.execute_write(_rows, query, params)

    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        with self._session() as s:
            return s.execute_read(_rows, query, params)

    def apply_constraints(self) -> None:
        for stmt in constraint_statements():
            self._write(stmt)

    def counts(self) -> tuple[int, int]:
        n = self._read(W.COUNT_NODES)[0]["n"]
        r = self._read(W.COUNT_RELATIONSHIPS)[0]["n"]
        return int(n), int(r)

    # ------------------------------------------------------------ load
    def load(self, graph: nx.MultiDiGraph, progress: Callable[[int], None] | None = None,
             *, force: bool = False) -> LoadSummary:
        """Write the graph: documents new or changed (sha256) get their facts (re)written,
        unchanged ones are left alone. `progress(n)` is called with increments that add up
        to graph.number_of_nodes() + graph.number_of_edges(). `force` reloads every document."""
        try:
            return self._load(graph, progress or (lambda n: None), force)
        except KGError:
            raise
        except Exception as exc:  # noqa: BLE001 - mapped to one coded error
            raise self._error(exc) from None

    def _disk_nearly_full(self) -> bool:
        if self.db_dir is None:
            return False
        try:
            return shutil.disk_usage(self.db_dir).free < _min_free_bytes()
        except OSError:
            return False

    def _check_space(self) -> None:
        if self.db_dir is not None:
            try:
                if shutil.disk_usage(self.db_dir).free < _min_free_bytes():
                    raise StoreError(E.E306, path=self.db_dir)
            except OSError:
                pass

    def _load(self, graph: nx.MultiDiGraph, progress: Callable[[int], None], force: bool) -> LoadSummary:
        bs = self.config.batch_size
        summary = LoadSummary()
        self._check_space()
        self.apply_constraints()
        # a load left half done by a process that died: finished and swept by this one
        summary.interrupted = self.interrupted() is not None
        self._mark("load")

        labels = {n: a.get("label") for n, a in graph.nodes(data=True)}
        docs = {n: a for n, a in graph.nodes(data=True) if a.get("label") == "Document"}
        # a document is unchanged when its source (sha256) and the build that read it (kg version and
        # lexicons: `build`) are the same; a new --lexicon or kg version rewrites its facts
        stored = {r["id"]: (r["sha256"], r.get("build")) for r in self._read(W.STORED_DOCUMENTS)}
        added, updated, unchanged = [], [], []
        for doc_id, attrs in docs.items():
            if doc_id not in stored or stored[doc_id][0] is None:
                added.append(doc_id)
            elif force or stored[doc_id] != (attrs.get("sha256"), attrs.get("build")):
                updated.append(doc_id)
            else:
                unchanged.append(doc_id)
        to_write = set(added) | set(updated)
        summary.added, summary.updated, summary.unchanged = len(added), len(updated), len(unchanged)
        summary.documents = {"added": sorted(added), "updated": sorted(updated), "unchanged": sorted(unchanged)}

        # 1. Old facts of the documents about to be written (changed, or left half-loaded), their
        #    seal taken off first; after an interrupted load, documents it left unsealed that are not
        #    in this graph go altogether (a later build of their files loads them again).
        stale = sorted(d for d in to_write if d in stored)
        for batch in W.batches([d for d in stale if stored[d][0] is not None], bs):
            self._write(W.UNSEAL_DOCUMENTS, ids=batch)
        leftovers = sorted(d for d, (sha, _) in stored.items() if sha is None and d not in docs)
        candidates = self._drop_facts(stale + leftovers, summary) if stale or leftovers else {}
        for batch in W.batches(leftovers, bs):
            self._write(W.DELETE_DOCUMENTS, ids=batch)
        if leftovers:
            summary.documents["removed unfinished"] = leftovers

        # 2. What to write: the facts of new/changed documents and the nodes they touch.
        plan = W.plan(graph, to_write)
        edges_by_key, nodes_by_label, edge_docs = plan.edges_by_key, plan.nodes_by_label, plan.edge_docs
        n_nodes_total, n_edges_total = plan.n_nodes, plan.n_edges
        summary.skipped = plan.skipped

        # 3. Nodes (documents first, without sha256), then relationships; batch by batch.
        written = 0
        merged: dict[str, set[str]] = {}
        for label in W.LABELS:
            rows = nodes_by_label.get(label, [])
            existing: set[str] = set()
            for batch in W.batches([r["id"] for r in rows], bs):
                existing.update(r["id"] for r in self._read(W.EXISTING[label], ids=batch))
            merged[label] = existing
            old_rows = [r for r in rows if r["id"] in existing]
            new_rows = [W.create_row(r, sorted(edge_docs.get(r["id"], ()))
                                     if label in ("Institution", "Program") else None, label)
                        for r in rows if r["id"] not in existing]
            plain = [r for r in new_rows if "extra" not in r]
            extra = [r for r in new_rows if "extra" in r]
            for stmt, part in ((W.NODE_MERGE[label], old_rows), (W.NODE_CREATE[label], plain),
                               (W.NODE_CREATE_EXTRA[label], extra)):
                for batch in W.batches(part, bs):
                    self._write(stmt, rows=batch)
                    written += len(batch)
                    progress(len(batch))
        summary.nodes_written = written
        written = 0
        for key in W.EDGE_KEYS:
            rows = edges_by_key.get(key, [])
            for extra, part in ((False, [r for r in rows if "extra" not in r]),
                                (True, [r for r in rows if "extra" in r])):
                for side, batch, n in W.grouped(part, bs, W.EDGE_PROPS[key[0]]):
                    if extra:
                        stmt = W.EDGE_BY_SRC_EXTRA[key] if side == "src" else W.EDGE_BY_DST_EXTRA[key]
                    else:
                        stmt = W.EDGE_BY_SRC[key] if side == "src" else W.EDGE_BY_DST[key]
                    self._write(stmt, rows=batch)
                    written += n
                    progress(n)
        summary.relationships_written = written

        # 4. Entities: `documents` recomputed, the ones no document mentions any more deleted.
        for label in ("Institution", "Program"):
            # nodes created by this load got theirs from the rows written
            ids = set(candidates.get(label, ())) | merged.get(label, set())
            self._recompute_documents(label, sorted(ids))
        summary.entities_removed += self._delete_orphans(candidates)
        if summary.interrupted:
            summary.entities_removed += self._sweep(set(labels))

        # 5. Seal: only now do the documents count as loaded.
        seal = [{"id": d, "sha256": W.clean_value(docs[d].get("sha256")), "build": W.clean_value(docs[d].get("build"))}
                for d in sorted(to_write)]
        for batch in W.batches(seal, bs):
            self._write(W.SEAL_DOCUMENTS, rows=batch)
        self._write(W.CLEAR_LOAD)
        rest = n_nodes_total + n_edges_total - summary.nodes_written - summary.relationships_written
        if rest > 0:
            progress(rest)
        summary.nodes, summary.relationships = self.counts()
        return summary

    # ------------------------------------------------------------ interrupted loads
    def interrupted(self) -> dict[str, Any] | None:
        """The mark of a load (or removal) that started and never finished — its process was
        killed, or the store stopped under it — as {started, pid, host, what}; None when the last
        one ran to the end."""
        try:
            rows = self._read(W.LOAD_MARK)
        except KGError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise self._error(exc, during="query") from None
        return rows[0] if rows else None

    def interrupted_detail(self, mark: dict[str, Any]) -> str:
        """A line saying which load was interrupted (for KG-W301)."""
        who = f"pid {mark.get('pid')}" + (f" on {mark['host']}" if mark.get("host") else "")
        line = f"a {mark.get('what') or 'load'} by {who} started {mark.get('started') or 'at an unknown time'}"
        if mark.get("host") == socket.gethostname() and isinstance(mark.get("pid"), int) and bg.pid_running(mark["pid"]):
            line += f"; pid {mark['pid']} still runs, so it may be a load in progress"
        return line

    def _mark(self, what: str) -> None:
        started = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
        self._write(W.MARK_LOAD, started=started, pid=os.getpid(), host=socket.gethostname(), what=what)

    def _sweep(self, keep: set[str]) -> int:
        """After an interrupted load: every entity's `documents` recomputed, every entity no
        relationship holds deleted unless the graph being loaded has it (`keep`). Returns the
        number deleted."""
        for label in ("Institution", "Program"):
            ids = sorted(r["id"] for r in self._read(W.ALL_ENTITY_IDS[label]) if r["id"] is not None)
            self._recompute_documents(label, ids)
        orphans = {label: {r["id"] for r in self._read(W.ALL_ORPHANS[label])} - keep for label in W.ENTITY_LABELS}
        return self._delete_orphans({label: ids for label, ids in orphans.items() if ids})

    def _drop_facts(self, doc_ids: list[str], summary: LoadSummary | RemoveSummary) -> dict[str, set[str]]:
        """Delete every relationship whose `document` is one of doc_ids; return the
        entity ids at their ends, by label."""
        candidates: dict[str, set[str]] = {}
        for ids in W.batches(doc_ids, 500):
            starts: dict[str, set[str]] = {}
            unlabelled = False
            for row in self._read(W.FACT_ENDS, ids=ids):  # the one scan of all relationships
                start_label = next((lb for lb in row["al"] or () if lb in W.DELETE_FACTS_FROM), None)
                if start_label is not None and row["a"] is not None:
                    starts.setdefault(start_label, set()).add(row["a"])
                else:
                    unlabelled = True
                for nid, lab in ((row["a"], row["al"]), (row["b"], row["bl"])):
                    for label in lab or ():
                        if label in W.ENTITY_LABELS:
                            candidates.setdefault(label, set()).add(nid)
            # then from their start nodes, through the id indexes, a few thousand at a time
            for label, nodes in starts.items():
                for batch in W.batches(sorted(nodes), max(1, self.config.batch_size // 10)):
                    res = self._write(W.DELETE_FACTS_FROM[label], ids=batch, docs=ids)
                    summary.relationships_removed += int(res[0]["deleted"]) if res else 0
            # anything left (a start node without a known label or id) goes by a scan
            limit = max(1000, self.config.batch_size)
            while unlabelled:
                res = self._write(W.DELETE_FACTS, ids=ids, limit=limit)
                deleted = int(res[0]["deleted"]) if res else 0
                summary.relationships_removed += deleted
                if deleted < limit:
                    break
        return candidates

    def _recompute_documents(self, label: str, ids: list[str]) -> None:
        for batch in W.batches(ids, self.config.batch_size):
            rows = self._read(W.ENTITY_DOCUMENTS[label], ids=batch)
            out = [{"id": r["id"], "documents": sorted({d for d in r["docs"] if isinstance(d, str)})}
                   for r in rows]
            if out:
                self._write(W.SET_DOCUMENTS[label], rows=out)

    def _delete_orphans(self, candidates: dict[str, set[str]]) -> int:
        before = self.counts()[0] if candidates else 0
        for label, ids in candidates.items():
            for batch in W.batches(sorted(ids), self.config.batch_size):
                self._write(W.DELETE_ORPHANS[label], ids=batch)
        return before - self.counts()[0] if candidates else 0

    # ------------------------------------------------------------ remove
    def remove(self, doc_ids: list[str]) -> RemoveSummary:
        """Delete documents, their facts, and the entities no other document mentions."""
        try:
            summary = RemoveSummary()
            stored = {r["id"] for r in self._read(W.STORED_DOCUMENTS)}
            present = sorted({d for d in doc_ids if d in stored})
            summary.missing = sorted({d for d in doc_ids if d not in stored})
            # the mark of an interrupted load stays until a load completes it
            marked = bool(present) and self.interrupted() is None
            if marked:
                self._mark("removal")
            if present:
                candidates = self._drop_facts(present, summary)
                for label in ("Institution", "Program"):
                    self._recompute_documents(label, sorted(candidates.get(label, ())))
                for batch in W.batches(present, self.config.batch_size):
                    self._write(W.DELETE_DOCUMENTS, ids=batch)
                summary.entities_removed = self._delete_orphans(candidates)
            if marked:
                self._write(W.CLEAR_LOAD)
            summary.removed = len(present)
            summary.nodes, summary.relationships = self.counts()
            return summary
        except KGError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise self._error(exc) from None

    # ------------------------------------------------------------ queries
    def run(self, cypher: str, params: dict | None = None, *, write: bool = False,
            timeout: float | None = None) -> list[dict]:
        """Run one statement, rows as dicts. Read-only unless write=True: the statement runs
        in a transaction that is always rolled back, and one that changes anything is refused
        (KG-E404). `timeout` (seconds) abandons the query and closes the connection."""
        params = dict(params or {})
        if not write:
            if is_schema_statement(cypher) or looks_like_write(cypher):
                raise QueryError(E.E404)
        result: dict[str, Any] = {}

        def work() -> None:
            try:
                result["rows"] = self._run(cypher, params, write, timeout)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                result["error"] = exc

        if timeout is None:
            work()
        else:
            t = threading.Thread(target=work, daemon=True, name="kg-query")
            t.start()
            t.join(timeout)
            if t.is_alive():
                # The server may ignore the driver's timeout (ArcadeDB does): abandon the query.
                self._abandon()
                raise QueryError(E.E406, seconds=_num(timeout))
        if "error" in result:
            raise self._query_error(result["error"]) from None
        return result["rows"]

    def _run(self, cypher: str, params: dict, write: bool, timeout: float | None) -> list[dict]:
        try:
            return self._run_raw(cypher, params, write, timeout)
        except Exception as exc:  # noqa: BLE001 - one coded error
            raise self._query_error(exc) from None

    def _run_raw(self, cypher: str, params: dict, write: bool, timeout: float | None) -> list[dict]:
        query = cypher
        if write:
            @neo4j.unit_of_work(timeout=timeout)
            def txf(tx: neo4j.ManagedTransaction) -> Rows:
                res = tx.run(query, params)
                rows = [_plain(dict(r.items())) for r in res]
                return Rows(rows, list(res.keys()) or return_columns(query))

            with self._session() as s:
                return s.execute_write(txf)
        with self._session(default_access_mode=neo4j.READ_ACCESS) as s:
            tx = s.begin_transaction(timeout=timeout)
            try:
                res = tx.run(query, params)
                rows = [_plain(dict(r.items())) for r in res]
                columns = list(res.keys()) or return_columns(query)
                counters = res.consume().counters
                if counters.contains_updates or counters.contains_system_updates:
                    raise QueryError(E.E404)
                return Rows(rows, columns)
            finally:
                try:
                    tx.rollback()
                except Exception:  # noqa: BLE001 - already closed by a failure
                    pass

    def _abandon(self) -> None:
        """Give up on a stuck query: drop the connections; the embedded server is
        restarted by the next open_store (its child is stopped on close)."""
        drv, self.driver = self.driver, None
        if drv is not None:
            threading.Thread(target=_quiet_close, args=(drv,), daemon=True).start()
        if self.server is not None:
            self.server._terminate(grace=5.0)  # a read-only transaction: nothing to lose
            self.server.stop()
            self.server = None
        serving = self.serving
        if serving is not None and serving.kind == bg.BACKGROUND and serving.pid is not None:
            # ArcadeDB does not give up the query: the background server goes (the next command
            # starts another); kg serve is the user's to stop
            try:
                os.kill(serving.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        if self._hold is not None:
            self._hold.release()
            self._hold = None

    def _query_error(self, exc: BaseException) -> BaseException:
        if isinstance(exc, KGError) or not isinstance(exc, Exception):
            return exc
        if isinstance(exc, nex.Neo4jError) and exc.code and (
                exc.code.startswith("Neo.ClientError.Statement") or "AccessMode" in exc.code
                or "Forbidden" in exc.code):
            if "AccessMode" in exc.code or "Forbidden" in exc.code:
                return QueryError(E.E404)
            if exc.code.endswith("ParameterMissing"):
                return QueryError(E.E401, detail=_short(exc.message or str(exc), 400))
            return QueryError(E.E401, detail=_short(exc.message or str(exc), 400))
        if isinstance(exc, nex.Neo4jError) and exc.code and exc.code.startswith("Neo.DatabaseError"):
            msg = exc.message or str(exc)
            if "No space left" not in msg:
                return QueryError(E.E401, detail=_short(msg, 400))
        return self._error(exc, during="query")

    # ------------------------------------------------------------ read back
    def read_graph(self) -> nx.MultiDiGraph:
        """The whole stored graph as a MultiDiGraph shaped like schema/graph.json."""
        try:
            g = nx.MultiDiGraph()
            schema = _schema()
            for row in self._read(W.ALL_NODES):
                if W.MARK_LABEL in row["labels"]:
                    continue
                labels = [lb for lb in row["labels"] if lb in W.LABELS] or list(row["labels"])
                label = labels[0] if labels else None
                props = {k: v for k, v in row["props"].items() if k not in W.STORE_ONLY}
                for k in schema["nodes"].get(label, {}):
                    props.setdefault(k, None)
                g.add_node(props["id"], label=label, **props)
            for row in self._read(W.ALL_RELATIONSHIPS):
                props = dict(row["props"])
                typ = row["type"]
                for k in schema["relationships"].get(typ, {}).get("properties", {}):
                    props.setdefault(k, None)
                if typ not in W.KEYED_BY_START and props.get("start") is None:
                    props.pop("start", None)
                g.add_edge(row["src"], row["dst"], key=edge_key(typ, props, row["dst"]), type=typ, **props)
            return g
        except KGError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise self._error(exc, during="query") from None


def edge_key(typ: str, props: dict[str, Any], dst: str | None = None) -> str:
    """The networkx key of a relationship, made the way kg.graph makes it."""
    from ..graph import edge_key as graph_edge_key, measured_key

    if typ == "MEASURED":
        return measured_key(props.get("document"), props.get("start"), props.get("value"), props.get("unit"), dst)
    return graph_edge_key(typ, props.get("document"), props.get("start"))


_SCHEMA_CACHE: dict[str, Any] = {}


def _schema() -> dict[str, Any]:
    if not _SCHEMA_CACHE:
        import json  # noqa: PLC0415
        _SCHEMA_CACHE.update(json.loads(read_text("graph.json")))
    return _SCHEMA_CACHE


def _quiet_close(driver: neo4j.Driver) -> None:
    try:
        driver.close()
    except Exception:  # noqa: BLE001
        pass


def _short(msg: str, n: int = 200) -> str:
    msg = " ".join(str(msg).split())
    return msg if len(msg) <= n else msg[: n - 1] + "…"


def _num(x: float) -> str:
    return f"{x:g}"


def _plain(value: Any) -> Any:
    """Driver values as plain Python: nodes/relationships as property dicts, paths as lists."""
    from neo4j.graph import Node, Path as GPath, Relationship  # noqa: PLC0415
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items() if k not in W.STORE_ONLY}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, GPath):
        return [_plain(n) for n in value.nodes]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


class Reservation:
    """What `reserve_store` holds until the load: the embedded store's lock, or nothing."""

    def __init__(self, lock: StoreLock | None = None) -> None:
        self.lock = lock

    def release(self) -> None:
        """Give the lock back unless a server of this process took it over (open_store)."""
        if self.lock is not None:
            unreserve(self.lock)
            self.lock = None

    def __enter__(self) -> Reservation:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def reserve_store(config: StoreConfig | None) -> Reservation:
    """Make sure, before a long build, that the store will take its load: the embedded store's
    lock is taken now (KG-E303 when another kg process holds it; the next open_store of this
    process uses it), a Neo4j server is reached and logged into (KG-E301/E302/E310 now rather than
    after the extraction). `config` None: no store, nothing to do."""
    if config is None:
        return Reservation()
    cfg = config.resolved()
    if cfg.uri:
        Store(cfg).open().close()
        return Reservation()
    db = Path(cfg.db_dir or default_db_dir()).resolve()
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            return Reservation(reserve(db))
        except StoreError as exc:
            if exc.code != "KG-E303":
                raise
            if served_uri(db) is not None:
                return Reservation()  # kg serve or a background server keeps it up: the load goes through it
            serving = bg.read_serving(db)
            if serving is None or serving.state == bg.READY or time.monotonic() > deadline:
                raise
            time.sleep(0.2)             # a server starting or stopping


def open_store(config: StoreConfig | None = None, *, bolt_port: int = 0, background: bool | None = None) -> Store:
    """Open the configured store. The embedded one: through the server that keeps it up (kg serve,
    a background server) when one runs; else a background server is started and this store is
    its client (`background` None: when KG_STORE_IDLE > 0, the default 600 s, and neither
    `bolt_port` nor a reservation of this process ties it here), or (`background` False) a child
    of this process, on `bolt_port` when given, stopped on close. Use as `with open_store(cfg) as store:`."""
    cfg = (config or StoreConfig()).resolved()
    return Store(cfg, bolt_port, background).open()
