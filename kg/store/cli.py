"""Click commands of the store: serve, stop, remove, query, participation.

Registered by kg/cli.py:  main.add_command(serve); main.add_command(remove); ...
"""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import sys
import threading
import unicodedata
from pathlib import Path
from typing import Any

import click

from ..cliutil import fail, warn
from ..errors import E, KGError, StoreError
from . import background as bg
from ._lazy import import_driver_lean
from . import StoreConfig, open_store, store_options
from .embedded import default_db_dir, serving_file
from .queries import parse_param_options, resolve, saved_queries

FORMATS = ("table", "csv", "json")


_fail = fail


def _existing(config: StoreConfig) -> StoreConfig:
    """A read command needs a store that exists: no empty one is made for it."""
    cfg = config.resolved()
    db = cfg.db_dir or default_db_dir()
    if not cfg.uri and not (db / "arcadedb").exists() and not serving_file(db).exists():
        raise StoreError(E.E308, path=db)
    return config


def _open(config: StoreConfig):
    """The store of a command that needs one that exists (the driver imported lean: this process
    ends after the command)."""
    import_driver_lean()
    store = open_store(_existing(config))
    if store.started_background and store.serving is not None:
        click.echo(f"kg: the store {store.db_dir} now runs in the background (pid {store.serving.pid}) for the "
                   f"next commands; it stops after {store.serving.idle:g} s without one, or on "
                   f"`kg stop --db {store.db_dir}`", err=True)
    return store


def warn_if_interrupted(store) -> None:
    """KG-W301 on stderr while the store holds the mark of a load that never finished."""
    mark = store.interrupted()
    if mark is not None:
        warn(E.W301, where=store.where, detail=store.interrupted_detail(mark))


# ------------------------------------------------------------------ output
def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else str(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in s)


def _clip(s: str, limit: int) -> str:
    s = " ".join(s.split())
    if _width(s) <= limit:
        return s
    out, w = [], 0
    for c in s:
        cw = _width(c)
        if w + cw > limit - 1:
            break
        out.append(c)
        w += cw
    return "".join(out) + "…"


def format_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None,
                max_cell: int = 60) -> str:
    """Rows as an aligned table (East Asian wide characters count double), CSV or JSON."""
    cols = columns or (list(rows[0].keys()) if rows else [])
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
        return buf.getvalue()
    if not cols:
        return "(no rows)\n"
    if not rows:
        return "  ".join(cols) + "\n(0 rows)\n"
    cells = [[_clip(_cell(r.get(c)), max_cell) for c in cols] for r in rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(cols)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (widths[i] - _width(v)) for i, v in enumerate(values)).rstrip()

    out = [line(cols), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _emit(rows: list[dict[str, Any]], fmt: str | None, out: Path | None) -> None:
    if fmt is None:
        if out is not None:
            fmt = {".csv": "csv", ".json": "json"}.get(out.suffix.lower(), "table")
        else:
            fmt = "table" if sys.stdout.isatty() else "csv"
    text = format_rows(rows, fmt, columns=getattr(rows, "columns", None) or None,
                       max_cell=60 if out is None and fmt == "table" else 10_000)
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    except OSError as exc:
        raise KGError(E.E203, path=out, detail=exc.strerror or str(exc)) from exc
    click.echo(f"{len(rows)} row(s) written to {out}", err=True)


def _list_queries() -> None:
    for q in saved_queries().values():
        params = ", ".join(str(p) for p in q.params) or "(none)"
        click.echo(f"{q.name}\n  params: {params}\n  {q.description}")


# ------------------------------------------------------------------ commands
_format_opt = click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                           help="Output format (default: table on a terminal, csv otherwise).")
_out_opt = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Write the rows to FILE (format from its suffix unless --format).")


@click.command("query")
@click.argument("statement", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the Cypher statement from a file.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable). Numbers, true/false and JSON lists are parsed.")
@click.option("--list", "list_", is_flag=True, help="List the saved queries and their parameters.")
@click.option("--write", is_flag=True, help="Allow a statement that changes the graph.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None,
              help="Give up after this many seconds.")
@_format_opt
@_out_opt
@store_options(batch_size=False)
def query_cmd(statement: str | None, file: Path | None, params: tuple[str, ...], list_: bool,
              write: bool, timeout: float | None, fmt: str | None, out: Path | None,
              store_config: StoreConfig) -> None:
    """Run Cypher on the store: STATEMENT inline, -f FILE, or a saved query by name
    (see --list). Read-only unless --write."""
    try:
        if list_:
            _list_queries()
            return
        if file is not None:
            if statement:
                raise click.UsageError("give either STATEMENT or -f FILE, not both")
            try:
                statement = file.read_text(encoding="utf-8-sig").strip().rstrip(";")
            except (UnicodeDecodeError, OSError) as exc:
                raise KGError(E.E407, path=file, detail=getattr(exc, "reason", None) or str(exc)) from None
        if not statement:
            raise click.UsageError("give a Cypher STATEMENT, -f FILE, or a saved query name (--list)")
        cypher, prepared, _name = resolve(statement, parse_param_options(params))
        with _open(store_config) as store:
            warn_if_interrupted(store)
            rows = store.run(cypher, prepared, write=write, timeout=timeout)
        _emit(rows, fmt, out)
    except KGError as err:
        _fail(err)


@click.command("participation")
@click.option("--program", default=None, help="Program name or alias (part of it is enough).")
@click.option("--region", default=None, help="Region of the institutions, as written (甲县).")
@click.option("--institution", default=None, help="Institution name or alias.")
@click.option("--kind", default=None, help="Institution kind (general_hospital, cdc, …).")
@_format_opt
@_out_opt
@store_options(batch_size=False)
def participation_cmd(program: str | None, region: str | None, institution: str | None,
                      kind: str | None, fmt: str | None, out: Path | None,
                      store_config: StoreConfig) -> None:
    """Which institutions take part in which programs, each row with its evidence documents."""
    try:
        given = {"program": program, "region": region, "institution": institution, "kind": kind}
        cypher, prepared, _ = resolve("participation", given)
        with _open(store_config) as store:
            warn_if_interrupted(store)
            rows = store.run(cypher, prepared)
        _emit(rows, fmt, out)
    except KGError as err:
        _fail(err)


@click.command("remove")
@click.argument("doc_ids", nargs=-1, required=True)
@store_options
def remove_cmd(doc_ids: tuple[str, ...], store_config: StoreConfig) -> None:
    """Remove documents (by id) with their facts, and the entities no other document mentions.

    The document ids are those `kg query documents` lists (column `document`): the file's name
    without its suffix, plus #N for the N-th report of a compilation file."""
    try:
        with _open(store_config) as store:
            summary = store.remove(list(doc_ids))
        click.echo(summary.line())
        if summary.missing:
            raise StoreError(E.E309, ids=", ".join(summary.missing))
    except KGError as err:
        _fail(err)


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Bolt port on 127.0.0.1 (default: a free port).")
@store_options(neo4j=False, batch_size=False)
def serve_cmd(port: int, store_config: StoreConfig) -> None:
    """Keep the embedded store running for other clients (Neo4j Browser, cypher-shell,
    the neo4j driver) until Ctrl-C or kg stop; a background server that kg query left running on
    the store is stopped first. (A Neo4j server needs no kg serve: connect to it directly.)"""
    try:
        cfg = store_config.resolved()
        db = (cfg.db_dir or default_db_dir()).resolve()
        running = bg.read_serving(db)
        if running is not None and running.kind == bg.BACKGROUND:
            # the background server a query left running: kg serve takes the store over
            stopped = bg.stop_server(db)
            if stopped.stopped:
                click.echo(f"kg serve: {stopped.line()}; serving it here instead", err=True)
        stop = threading.Event()
        old = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        # also when SIGINT was ignored at start (a job started with & from a script)
        old_int = signal.signal(signal.SIGINT, lambda *_: stop.set())
        try:
            with open_store(StoreConfig(db_dir=cfg.db_dir, batch_size=cfg.batch_size), bolt_port=port,
                            background=False) as store:
                if store.server is None:
                    raise StoreError(E.E303, path=store.db_dir, pid=_lock_holder(store.db_dir))
                marker = serving_file(store.db_dir)
                bg.write_serving(store.db_dir, bg.Serving(store.server.bolt_port, bg.READY, os.getpid(), bg.SERVE))
                try:
                    n, r = store.counts()
                    click.echo(f"kg store {store.db_dir} is up ({n} nodes, {r} relationships)\n"
                               f"  bolt URI:  {store.uri}\n"
                               f"  user:      {store.user}\n"
                               f"  password:  in {store.password_file} (readable by you only)\n"
                               f"  database:  {store.database}\n"
                               f"  e.g.  cypher-shell -a {store.uri} -u {store.user} -p \"$(cat {store.password_file})\"\n"
                               f"  or    kg query --db {store.db_dir} \"MATCH (n) RETURN count(n)\"\n"
                               f"kg commands given --db {store.db_dir} use this server while it runs.\n"
                               f"Press Ctrl-C (or run kg stop --db {store.db_dir}) to stop.")
                    try:
                        while not stop.wait(0.5):
                            if store.server is None or not store.server.alive():
                                code = store.server.proc.returncode if store.server and store.server.proc else None
                                raise StoreError(E.E305, detail=f"the embedded server process exited with code {code}")
                    except KeyboardInterrupt:
                        pass
                    click.echo("stopping the store…", err=True)
                finally:
                    marker.unlink(missing_ok=True)
        finally:
            signal.signal(signal.SIGTERM, old)
            signal.signal(signal.SIGINT, old_int)
    except KGError as err:
        _fail(err)


@click.command("stop")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing unless something goes wrong.")
@store_options(neo4j=False, batch_size=False)
def stop_cmd(quiet: bool, store_config: StoreConfig) -> None:
    """Stop the server that keeps the embedded store up — the background server kg query started,
    or a kg serve — and wait until the store is free. Says so when none runs."""
    try:
        cfg = store_config.resolved()
        result = bg.stop_server(cfg.db_dir or default_db_dir())
        if not quiet:
            click.echo(result.line())
    except KGError as err:
        _fail(err)


def _lock_holder(db_dir: Path) -> str:
    try:
        return (Path(db_dir) / "kg.lock").read_text(encoding="ascii").strip() or "unknown"
    except OSError:
        return "unknown"


# Names the lead registers: main.add_command(query) etc.
query = query_cmd
participation = participation_cmd
remove = remove_cmd
serve = serve_cmd
stop = stop_cmd
