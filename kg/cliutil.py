"""What every `kg` command shares: a KGError becomes one coded line and a non-zero exit."""
from __future__ import annotations

import functools
import sys

import click

from .errors import KGError


def handle_errors(f):
    """KGError → `error: KG-Exxx message` on stderr, exit 1 (2 for a missing path); no traceback."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KGError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2 if exc.code == "KG-E100" else 1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper
