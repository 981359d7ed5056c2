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


class ProgressLine:
    """Progress for a log or a pipe (stderr not a terminal): a line on stderr when the work is
    counted, then one every `interval` seconds (KG_PROGRESS_SECONDS, default 5) with the files
    done, the rate and the time so far; the line after the last file says what is left.

        with ProgressLine("kg build") as p:
            p.begin(n); ...; p.update(1)

    The thread that prints starts at the first update: the build forks its worker processes
    before that, never while a thread of ours may hold the stream."""

    def __init__(self, label: str, interval: float | None = None) -> None:
        if interval is None:
            try:
                interval = float(os.environ.get("KG_PROGRESS_SECONDS", "5"))
            except ValueError:
                interval = 5.0
        self.label, self.interval = label, max(0.05, interval)
        self.total: int | None = None
        self.done = 0
        self.t0 = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def begin(self, total: int) -> None:
        self.total, self.t0 = total, time.monotonic()
        click.echo(f"{self.label}: {total} file{'s' if total != 1 else ''} to read", err=True)

    def update(self, k: int = 1) -> None:
        self.done += k
        if self._thread is None and not self._stop.is_set():
            self._thread = threading.Thread(target=self._run, name="kg-progress", daemon=True)
            self._thread.start()

    def line(self) -> str:
        elapsed = time.monotonic() - self.t0
        clock = f"{int(elapsed // 60)}:{int(elapsed % 60):02d}"
        if self.total is not None and self.done >= self.total:
            return f"{self.label}: {self.done}/{self.total} files read; writing the outputs and the store ({clock})"
        rate = self.done / elapsed if elapsed > 0 else 0.0
        return f"{self.label}: {self.done}/{self.total} files read, {rate:.1f} files/s ({clock})"

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            click.echo(self.line(), err=True)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
