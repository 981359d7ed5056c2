"""The store server that outlives a command: its state file, its clients, and how it is stopped.

A read command on the embedded store (kg query, kg participation, kg remove, kg explore --db)
that finds no server running starts the ArcadeDB child detached, as a *background server*: it
holds db_dir/kg.lock (its pid in it), writes db_dir/serving, logs to db_dir/server.log, and stops
by itself once no client has used it for KG_STORE_IDLE seconds (default 600; 0: no background
server, every command starts and stops its own child). `kg serve` writes the same file while it
keeps the store up. Files in the store directory:

    serving         PORT, then state=starting|ready|stopping, pid=N (the process that answers
                    to SIGTERM: the background server, or kg serve), kind=background|serve, idle=S
    server.clients  every connected client holds a shared flock on it; the background server
                    stops only when it gets it exclusively — and marks itself `stopping` before it
                    lets go of it, so a client either holds the server up or sees that it stops
    server.used     touched by each client when it connects and when it leaves: the idle clock

Only the standard library here: the background server imports this module too.
"""
from __future__ import annotations

import fcntl
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_IDLE = 600.0
STARTING, READY, STOPPING = "starting", "ready", "stopping"
BACKGROUND, SERVE = "background", "serve"


def idle_seconds() -> float:
    """KG_STORE_IDLE: seconds a background server waits for a client before it stops
    (default 600; 0 or less: no background server). Raises ValueError when not a number."""
    text = os.environ.get("KG_STORE_IDLE", "").strip()
    if not text:
        return DEFAULT_IDLE
    value = float(text)
    if value != value or value == float("inf"):
        raise ValueError(text)
    return max(0.0, value)


def serving_file(db_dir: Path) -> Path:
    return Path(db_dir) / "serving"


def clients_file(db_dir: Path) -> Path:
    return Path(db_dir) / "server.clients"


def used_file(db_dir: Path) -> Path:
    return Path(db_dir) / "server.used"


def pid_running(pid: int | None) -> bool:
    """Whether a process with this pid runs on this machine (a zombie does not count)."""
    if pid is None or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


@dataclass(frozen=True)
class Serving:
    """What db_dir/serving says: a server of this store and how to reach it."""
    port: int
    state: str = READY
    pid: int | None = None
    kind: str = SERVE
    idle: float | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def text(self) -> str:
        lines = [str(self.port), f"state={self.state}", f"kind={self.kind}"]
        if self.pid is not None:
            lines.append(f"pid={self.pid}")
        if self.idle is not None:
            lines.append(f"idle={self.idle:g}")
        return "\n".join(lines) + "\n"


def parse_serving(text: str) -> Serving | None:
    lines = text.split("\n")
    try:
        port = int(lines[0].strip())
    except ValueError:
        return None
    fields = dict(ln.strip().split("=", 1) for ln in lines[1:] if "=" in ln)
    try:
        pid = int(fields["pid"]) if "pid" in fields else None
        idle = float(fields["idle"]) if "idle" in fields else None
    except ValueError:
        return None
    return Serving(port, fields.get("state", READY), pid, fields.get("kind", SERVE), idle)


def read_serving(db_dir: Path) -> Serving | None:
    """The store's server as db_dir/serving describes it; None when there is none, or the
    process that wrote the file has gone (a file left by a server that was killed)."""
    try:
        serving = parse_serving(serving_file(db_dir).read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError):
        return None
    if serving is None:
        return None
    if serving.pid is None:               # the one-line file of an older kg serve
        return serving if serving.port and port_answers(serving.port) else None
    return serving if pid_running(serving.pid) else None


def write_serving(db_dir: Path, serving: Serving) -> None:
    """Replace db_dir/serving at once (a reader sees the old file or the new one, never half)."""
    path = serving_file(db_dir)
    tmp = path.with_name(f".serving.{os.getpid()}")
    tmp.write_text(serving.text(), encoding="ascii")
    os.replace(tmp, path)


def port_answers(port: int) -> bool:
    import socket  # noqa: PLC0415

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def touch_used(db_dir: Path) -> None:
    try:
        used_file(db_dir).touch()
    except OSError:
        pass


def lock_holder(db_dir: Path) -> int | None:
    """The pid written in db_dir/kg.lock (the process that holds it, or held it last)."""
    try:
        return int((Path(db_dir) / "kg.lock").read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def lock_is_free(db_dir: Path) -> bool:
    """Whether nobody holds db_dir/kg.lock (checked without writing to it)."""
    try:
        fd = os.open(Path(db_dir) / "kg.lock", os.O_RDONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


class ClientHold:
    """A client's shared flock on db_dir/server.clients: while it is held, the background
    server does not stop for being idle."""

    def __init__(self, db_dir: Path) -> None:
        self.db_dir = Path(db_dir)
        self.fd: int | None = None

    def acquire(self, timeout: float = 10.0) -> bool:
        try:
            fd = os.open(clients_file(self.db_dir), os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return False
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() > deadline:     # the server holds it only while it marks itself stopping
                    os.close(fd)
                    return False
                time.sleep(0.02)
        self.fd = fd
        touch_used(self.db_dir)
        return True

    def release(self) -> None:
        if self.fd is not None:
            touch_used(self.db_dir)
            try:
                os.close(self.fd)
            finally:
                self.fd = None


def still_ours(db_dir: Path, serving: Serving) -> bool:
    """Whether db_dir/serving still names this server: not when the store directory was deleted
    or replaced under it (the server then stops: nobody can reach it any more)."""
    try:
        current = parse_serving(serving_file(db_dir).read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError):
        return False
    return current is not None and current.pid == serving.pid


def try_idle_stop(db_dir: Path, serving: Serving, idle: float, since: float) -> bool:
    """The background server's check, every second or so: True when nobody has used it for
    `idle` seconds (counted from `since` at the latest) and no client holds it — and then the
    serving file already says `stopping`, written while the clients' file was held exclusively."""
    try:
        last = max(since, used_file(db_dir).stat().st_mtime)
    except OSError:
        last = since
    if time.time() - last < idle:
        return False
    try:
        fd = os.open(clients_file(db_dir), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False                            # a client is connected
        try:
            mark_stopping(db_dir, serving)
            return True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def mark_stopping(db_dir: Path, serving: Serving) -> None:
    try:
        write_serving(db_dir, Serving(serving.port, STOPPING, serving.pid, serving.kind, serving.idle))
    except OSError:
        pass


@dataclass
class StopResult:
    """What `kg stop` did: `pid` and `kind` (background | serve) of the server it stopped,
    stopped False when none was running."""
    db_dir: Path
    stopped: bool = False
    pid: int | None = None
    kind: str | None = None

    def line(self) -> str:
        if not self.stopped:
            return f"no store server runs on {self.db_dir}"
        what = "the background store server" if self.kind == BACKGROUND else "kg serve"
        return f"stopped {what} of {self.db_dir} (pid {self.pid})"


def wait_lock_free(db_dir: Path, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not lock_is_free(db_dir):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def stop_server(db_dir: Path, timeout: float = 60.0) -> StopResult:
    """End the server of the store in db_dir (a background server, or kg serve) and wait until
    the store's lock is free. Raises StoreError KG-E303 when the lock is held by a kg command that
    is no server (it lets go when it ends), KG-E307 when the server does not stop."""
    from ..errors import E, StoreError  # noqa: PLC0415

    db_dir = Path(db_dir).resolve()
    result = StopResult(db_dir)
    deadline = time.monotonic() + timeout
    serving = read_serving(db_dir)
    while serving is not None and serving.state == STARTING and time.monotonic() < deadline:
        time.sleep(0.2)                             # let it finish starting, then stop it
        serving = read_serving(db_dir)
    if serving is None or serving.pid is None:
        if lock_is_free(db_dir) or (serving is None and wait_lock_free(db_dir, 2.0)):
            return result
        raise StoreError(E.E303, path=db_dir, pid=lock_holder(db_dir) or "unknown")
    holder = lock_holder(db_dir)
    if holder is not None and holder != serving.pid and serving.kind == BACKGROUND:
        # the file's process is not the one holding the store: not ours to signal
        raise StoreError(E.E303, path=db_dir, pid=holder)
    try:
        os.kill(serving.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    result.stopped, result.pid, result.kind = True, serving.pid, serving.kind
    if wait_lock_free(db_dir, max(1.0, deadline - time.monotonic())):
        return result
    try:
        os.kill(serving.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    if wait_lock_free(db_dir, 15.0):
        return result
    raise StoreError(E.E307, detail=f"the store server of {db_dir} (pid {serving.pid}) did not stop; "
                                    f"the lock is held by pid {lock_holder(db_dir) or 'unknown'}")
