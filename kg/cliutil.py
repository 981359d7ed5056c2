"""What every `kg` command shares: a KGError becomes one coded line and a non-zero exit;
warnings; the progress line printed when stderr is not a terminal."""
from __future__ import annotations

import functools
import os
import sys
import threading
import time

import click

from .errors import KGError, exit_status, redact


def fail(exc: KGError) -> None:
    """Print `error: KG-Exxx message` on stderr and exit with the code's status
    (kg.errors.exit_status: 2 for the caller's mistakes, 1 otherwise)."""
    click.echo(f"error: {redact(str(exc))}", err=True)
    sys.exit(exit_status(exc.code) or 1)


def warn(error: tuple[str, str], **fields: object) -> None:
    """Print `warning: KG-Wxxx message` on stderr; the command goes on."""
    click.echo(f"warning: {KGError(error, **fields)}", err=True)


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
