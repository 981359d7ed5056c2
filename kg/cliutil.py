"""What every `kg` command shares: a KGError becomes one coded line and a non-zero exit."""
from __future__ import annotations

import functools
import sys

import click

from .errors import KGError


def fail(exc: KGError) -> None:
    """Print `error: KG-Exxx message` on stderr and exit 1 (2 for a missing path)."""
    click.echo(f"error: {exc}", err=True)
    sys.exit(2 if exc.code == "KG-E100" else 1)


def handle_errors(f):
    """KGError → one coded line and a non-zero exit (see fail); no traceback."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KGError as exc:
            fail(exc)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper
