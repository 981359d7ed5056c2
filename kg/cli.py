"""The `kg` command line. It mirrors the Python API in kg.api; every expected failure is a
coded one-line message and a non-zero exit, never a traceback.

Exit codes: 0 ok · 1 error · 2 usage error (bad option, missing path) · 3 built, but some files were skipped.
"""
from __future__ import annotations

import contextlib
import importlib
import sys
from pathlib import Path

import click

from . import __version__
from .cliutil import ProgressLine, handle_errors
from .errors import EXIT_SKIPPED, EXIT_USAGE, USAGE_ERRORS, KGError, printable  # noqa: F401 - exit statuses: kg.errors
from .store import store_options


class _LazyCommands(dict):
    """The group's commands, each imported when first looked up: `kg query` does not import the
    exploration page's modules (networkx, numpy), nor `kg build` the store's commands."""

    def __init__(self, lazy: dict[str, str]) -> None:
        super().__init__()
        self._lazy = dict(lazy)

    def _load(self, name: str) -> None:
        spec = self._lazy.pop(name, None)
        if spec is not None:
            module, attr = spec.split(":")
            super().__setitem__(name, getattr(importlib.import_module(module), attr))

    def _load_all(self) -> None:
        for name in list(self._lazy):
            self._load(name)

    def __getitem__(self, name: str) -> click.Command:
        self._load(name)
        return super().__getitem__(name)

    def get(self, name: str, default=None):  # noqa: ANN001
        self._load(name)
        return super().get(name, default)

    def __contains__(self, name: object) -> bool:
        return name in self._lazy or super().__contains__(name)

    def __iter__(self):
        return iter(sorted(set(super().keys()) | set(self._lazy)))

    def __len__(self) -> int:
        return len(set(super().keys()) | set(self._lazy))

    def keys(self):
        self._load_all()
        return super().keys()

    def values(self):
        self._load_all()
        return super().values()

    def items(self):
        self._load_all()
        return super().items()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg — knowledge graphs of institutions, programs, partnerships and indicators
    from Chinese health-bureau work reports."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="Directory for facts.json and graph.html.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A CSV/TSV of your own institution or program names (columns type,name,kind,aliases and an optional region). Repeatable.")
@click.option("--no-store", is_flag=True, help="Do not load the graph store; write only facts.json and the page.")
@click.option("--no-page", is_flag=True, help="Do not write graph.html (nor the reports' marked pages in docs/).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; errors only.")
@click.option("--explain", is_flag=True,
              help="Print the extraction rules with their hit counts (stderr) and write DIR/explain.tsv "
                   "(every fact with the rule that produced it and its evidence) and DIR/rules.tsv.")
@click.option("--disable-rule", "disable_rules", multiple=True, metavar="NAME",
              help="Switch an extraction rule off for this build (a rule name, or stage.name). Repeatable; "
                   "the environment variable KG_DISABLE_RULES=name,name does the same.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes reading and extracting the files [default: one per core].")
@click.option("--no-cache", is_flag=True,
              help="Extract every file again, not only the new and changed ones (the cache is DIR/.kg-cache).")
@store_options
@handle_errors
def build(paths: tuple[Path, ...], out: Path, lexicons: tuple[Path, ...], no_store: bool, no_page: bool, quiet: bool,
          explain: bool, disable_rules: tuple[str, ...], jobs: int | None, no_cache: bool, store_config) -> None:
    """Build the graph of the reports in PATHS (files or folders): facts.json, graph.html, and the store."""
    from .pipeline import build as run_build
    from .pipeline import disabled_rules

    try:
        disabled_rules(disable_rules)                 # an unknown rule name stops before any work
    except KGError as exc:
        if exc.code not in USAGE_ERRORS:
            raise
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)

    with contextlib.ExitStack() as stack:
        bar = {}
        # a log or a pipe gets a line every few seconds instead of the bar (none with --quiet)
        ticker = None if quiet or sys.stderr.isatty() else stack.enter_context(ProgressLine("kg build"))

        def on_documents(n: int) -> None:
            if ticker is not None:
                ticker.begin(n)
            elif not quiet and sys.stderr.isatty():
                bar["bar"] = stack.enter_context(click.progressbar(length=n, label="extracting", file=sys.stderr,
                                                                   show_pos=True))

        def progress(k: int) -> None:
            if ticker is not None:
                ticker.update(k)
            if "bar" in bar:
                bar["bar"].update(k)

        result = run_build(paths, out, lexicons=lexicons, page=not no_page,
                           store_config=None if no_store else store_config, progress=progress,
                           on_documents=on_documents, explain=explain, disable_rules=disable_rules, jobs=jobs,
                           cache=not no_cache)
    for s in result.skipped:
        click.echo(f"skipped: {s.code} {s.message}", err=True)
    if explain:
        _rule_table(result)
    if not quiet:
        _summary(result)
    if result.skipped:
        sys.exit(EXIT_SKIPPED)


@main.command("export")
@click.option("--neo4j-import", "neo4j_import", required=True, type=click.Path(file_okay=False, path_type=Path),
              metavar="DIR", help="Write the CSV and header files of `neo4j-admin database import full` into DIR.")
@click.option("--facts", "facts", type=click.Path(path_type=Path), default=Path("out/facts.json"),
              show_default=True, help="The facts.json of a build (or the folder holding it).")
@click.option("--database", default="neo4j", show_default=True, help="The Neo4j database the command imports into.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@handle_errors
def export(neo4j_import: Path, facts: Path, database: str, quiet: bool) -> None:
    """Write a build's graph as the files of Neo4j's offline importer, for first loads of large
    corpora; prints the commands that import them."""
    from .neo4j_import import export as run_export

    files = run_export(facts, neo4j_import, database=database)
    if quiet:
        return
    click.echo(f"wrote {files.node_count:,} nodes ({len(files.nodes)} files) and {files.relationship_count:,} "
               f"relationships ({len(files.relationships)} files) to {printable(files.directory)}")
    for reason, n in sorted(files.skipped.items()):
        click.echo(f"  left out: {n} {reason}")
    click.echo(f"Import them with the server stopped (this replaces database {database}); the commands are "
               "in the server's bin/:")
    for line in files.instructions():
        click.echo(f"  {line}")


def _rule_table(result) -> None:
    """The extraction rules, their hits and what they do, on stderr (also DIR/rules.tsv)."""
    rows = result.rules
    if not rows:
        click.echo("no extraction rules are registered", err=True)
    else:
        w_stage = max(len("stage"), *(len(r["stage"]) for r in rows))
        w_rule = max(len("rule"), *(len(r["rule"]) for r in rows))
        click.echo(f"{'stage':<{w_stage}}  {'rule':<{w_rule}}  {'hits':>6}  {'docs':>5}  on   matches → produces",
                   err=True)
        for r in rows:
            click.echo(f"{r['stage']:<{w_stage}}  {r['rule']:<{w_rule}}  {r['hits']:>6}  {r['documents']:>5}  "
                       f"{'on ' if r['on'] else 'off'}  {r['matches']} → {r['produces']}", err=True)
    facts = result.explain or []
    unnamed = sum(1 for f in facts if not f["rule"])
    click.echo(f"{len(facts)} facts, {unnamed} without a rule"
               + (f"; wrote {result.explain_path} and {result.rules_path}" if result.explain_path else ""), err=True)


def _summary(result) -> None:
    rows = list(result.counts().items())
    width = max(len(k) for k, _ in rows)
    click.echo("")
    for k, v in rows:
        click.echo(f"  {k:<{width}}  {v:>7}")
    if result.store_summary is not None:
        click.echo(f"  {result.store_summary.line()}")
    click.echo(f"\nwrote {printable(result.facts_path)}"
               + (f" and {printable(result.page_path)}" if result.page_path else ""))


def _register() -> None:
    """Commands that live beside their code: the store and its queries, the exploration page
    (imported when the command is looked up)."""
    where = {name: f"kg.store.cli:{name}" for name in ("serve", "stop", "remove", "query", "participation")}
    lazy = _LazyCommands({**where, "explore": "viz.cli:explore", "show": "kg.show:show_cmd"})
    lazy.update(main.commands)
    main.commands = lazy


_register()
