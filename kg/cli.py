"""The `kg` command line. It mirrors the Python API in kg.api; every expected failure is a
coded one-line message and a non-zero exit, never a traceback.

Exit codes: 0 ok · 1 error · 2 usage error (bad option, missing path) · 3 built, but some files were skipped.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from . import __version__
from .cliutil import handle_errors
from .store import store_options

EXIT_SKIPPED = 3


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
@click.option("--no-page", is_flag=True, help="Do not write graph.html.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; errors only.")
@store_options
@handle_errors
def build(paths: tuple[Path, ...], out: Path, lexicons: tuple[Path, ...], no_store: bool, no_page: bool, quiet: bool,
          store_config) -> None:
    """Build the graph of the reports in PATHS (files or folders): facts.json, graph.html, and the store."""
    from .pipeline import build as run_build

    with contextlib.ExitStack() as stack:
        bar = {}

        def on_documents(n: int) -> None:
            if not quiet and sys.stderr.isatty():
                bar["bar"] = stack.enter_context(click.progressbar(length=n, label="extracting", file=sys.stderr,
                                                                   show_pos=True))

        def progress(k: int) -> None:
            if "bar" in bar:
                bar["bar"].update(k)

        result = run_build(paths, out, lexicons=lexicons, page=not no_page,
                           store_config=None if no_store else store_config, progress=progress,
                           on_documents=on_documents)
    for s in result.skipped:
        click.echo(f"skipped: {s.code} {s.message}", err=True)
    if not quiet:
        _summary(result)
    if result.skipped:
        sys.exit(EXIT_SKIPPED)


def _summary(result) -> None:
    rows = list(result.counts().items())
    width = max(len(k) for k, _ in rows)
    click.echo("")
    for k, v in rows:
        click.echo(f"  {k:<{width}}  {v:>7}")
    if result.store_summary is not None:
        click.echo(f"  {result.store_summary.line()}")
    click.echo(f"\nwrote {result.facts_path}" + (f" and {result.page_path}" if result.page_path else ""))


def _register() -> None:
    """Commands that live beside their code: the store and its queries, the exploration page."""
    from viz.cli import explore

    from .store.cli import participation, query, remove, serve

    for cmd in (serve, remove, query, participation, explore):
        main.add_command(cmd)


_register()
