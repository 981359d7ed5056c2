"""The embedded store: ArcadeDB with its Bolt plugin in a child process kg manages.

Layout of the store directory (default ./kg-data):
    password        the root password, generated on first use, mode 0600
    kg.lock         fcntl lock held by the kg process using the store (holds its pid)
    server.log      the child's output (ArcadeDB's log)
    arcadedb/       ArcadeDB's server root (config/, databases/kg/)
    serving, server.clients, server.used
                    a server that outlives one command (kg serve, or a background server):
                    see kg.store.background
"""
from __future__ import annotations

import errno
import fcntl
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from ..errors import E, StoreError
from . import background as bg

USER = "root"
DATABASE = "kg"
START_TIMEOUT = float(os.environ.get("KG_STORE_START_TIMEOUT", "120"))


def default_db_dir() -> Path:
    """The store directory when neither --db nor KG_DB is given: ./kg-data."""
    env = os.environ.get("KG_DB")
    return Path(env) if env else Path("kg-data")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _check_disk(path: Path, exc: OSError) -> None:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        raise StoreError(E.E306, path=path) from exc


def read_or_create_password(db_dir: Path) -> str:
    """The store's root password: read from db_dir/password, or generated there (0600)."""
    pw_file = db_dir / "password"
    if pw_file.exists():
        text = pw_file.read_text(encoding="utf-8").strip()
        if text:
            return text
    if (db_dir / "arcadedb" / "config" / "server-users.jsonl").exists():
        raise StoreError(E.E304, detail=f"the password file {pw_file} is missing or empty, "
                         "but the store already has users; restore the file or use a new --db")
    password = secrets.token_urlsafe(24)
    try:
        fd = os.open(pw_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(password + "\n")
        os.chmod(pw_file, 0o600)
    except OSError as exc:
        _check_disk(db_dir, exc)
        raise StoreError(E.E304, detail=f"cannot write {pw_file}: {exc.strerror}") from exc
    return password


def serving_file(db_dir: Path) -> Path:
    """Written by `kg serve`, or a background server, while it keeps the store up (its Bolt port
    on the first line; kg.store.background)."""
    return bg.serving_file(db_dir)


def served_uri(db_dir: Path) -> str | None:
    """The Bolt URI of a server keeping this store up (kg serve, a background server), if one
    is ready and answers."""
    serving = bg.read_serving(db_dir)
    if serving is None or serving.state != bg.READY:
        return None
    return serving.uri if bg.port_answers(serving.port) else None


class StoreLock:
    """An exclusive fcntl lock on db_dir/kg.lock holding the pid of its owner."""

    def __init__(self, db_dir: Path) -> None:
        self.path = db_dir / "kg.lock"
        self.fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            try:
                pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            finally:
                os.close(fd)
            raise StoreError(E.E303, path=self.path.parent, pid=pid) from exc
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
            except OSError:
                pass
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


# Locks taken ahead of time by this process (reserve): the next server of that store takes it over.
_RESERVED: dict[Path, StoreLock] = {}


def reserve(db_dir: Path) -> StoreLock:
    """Take the store's lock now (KG-E303 if another process holds it), before a long build;
    the EmbeddedServer this process starts next on db_dir uses it. Give it back with unreserve."""
    db_dir = Path(db_dir).resolve()
    try:
        db_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _check_disk(db_dir, exc)
        raise StoreError(E.E304, detail=f"cannot create {db_dir}: {exc.strerror}") from exc
    held = _RESERVED.get(db_dir)
    if held is not None and held.fd is not None:
        return held
    lock = StoreLock(db_dir)
    lock.acquire()
    _RESERVED[db_dir] = lock
    return lock


def is_reserved(db_dir: Path) -> bool:
    """Whether this process holds the lock of db_dir from reserve (a build on its way to the load)."""
    held = _RESERVED.get(Path(db_dir).resolve())
    return held is not None and held.fd is not None


def unreserve(lock: StoreLock) -> None:
    """Release a lock from reserve unless a server took it over (it releases it when it stops)."""
    db_dir = lock.path.parent
    if _RESERVED.get(db_dir) is lock:
        del _RESERVED[db_dir]
        lock.release()


# Background children this process started (reaped when they exit, not waited for).
_DETACHED: list = []


class EmbeddedServer:
    """Starts and stops the ArcadeDB child process for one store directory. With `idle` > 0
    the child is a background server: `detach()` once it is up leaves it running (it holds
    the lock then) until it has had no client for `idle` seconds (kg.store.background)."""

    def __init__(self, db_dir: Path, bolt_port: int = 0, idle: float = 0.0) -> None:
        self.db_dir = Path(db_dir).resolve()
        self.fixed_port = bolt_port
        self.idle = idle
        self.lock = StoreLock(self.db_dir)
        self.proc: subprocess.Popen | None = None
        self.bolt_port: int | None = None
        self.password: str | None = None
        self.start_seconds: float | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def password_file(self) -> Path:
        return self.db_dir / "password"

    @property
    def log_file(self) -> Path:
        return self.db_dir / "server.log"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def start(self) -> None:
        t0 = time.monotonic()
        _DETACHED[:] = [p for p in _DETACHED if p.poll() is None]   # reap the ones that stopped
        try:
            self.db_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _check_disk(self.db_dir, exc)
            raise StoreError(E.E304, detail=f"cannot create {self.db_dir}: {exc.strerror}") from exc
        held = _RESERVED.pop(self.db_dir, None)
        if held is not None and held.fd is not None:
            self.lock = held             # taken by reserve() before the build's extraction
        else:
            self.lock.acquire()
        serving_file(self.db_dir).unlink(missing_ok=True)  # left by a server that was killed
        try:
            if self.idle > 0:   # others wait for it rather than fail on the lock
                bg.write_serving(self.db_dir, bg.Serving(0, bg.STARTING, os.getpid(), bg.BACKGROUND, self.idle))
            self.password = read_or_create_password(self.db_dir)
            last = "no attempt"
            for _attempt in range(3):  # a free port can be taken between probe and bind
                last = self._start_child()
                if last == "":
                    self.start_seconds = time.monotonic() - t0
                    return
            raise StoreError(E.E304, detail=last)
        except BaseException:
            self.stop()
            raise

    def _start_child(self) -> str:
        """Start the child; '' when it is ready, else the reason it is not."""
        if self.fixed_port and bg.port_answers(self.fixed_port):
            raise StoreError(E.E304, detail=f"port {self.fixed_port} is already in use")
        self.bolt_port = self.fixed_port or _free_port()
        http_port = _free_port()
        ready = self.db_dir / "server.ready"
        ready.unlink(missing_ok=True)
        cmd = [sys.executable, "-m", "kg.store._server", "--root", str(self.db_dir),
               "--bolt-port", str(self.bolt_port), "--http-port", str(http_port),
               "--ready-file", str(ready)]
        if self.idle > 0:
            cmd += ["--idle", f"{self.idle:g}"]
            if self.lock.fd is not None:
                cmd += ["--lock-fd", str(self.lock.fd)]
        try:
            if self.log_file.exists() and self.log_file.stat().st_size > 10 * 1024 * 1024:
                self.log_file.replace(self.log_file.with_suffix(".log.1"))
            log = open(self.log_file, "ab")  # noqa: SIM115 - handed to the child
        except OSError as exc:
            _check_disk(self.db_dir, exc)
            raise StoreError(E.E304, detail=f"cannot write {self.log_file}: {exc.strerror}") from exc
        try:
            self.proc = subprocess.Popen(
                cmd, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT,
                cwd=self.db_dir, start_new_session=True,
                pass_fds=(self.lock.fd,) if self.lock.fd is not None else (),
            )
        except OSError as exc:
            raise StoreError(E.E304, detail=f"cannot start {sys.executable}: {exc.strerror}") from exc
        finally:
            log.close()
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write((self.password or "").encode("utf-8") + b"\n")
            self.proc.stdin.flush()
        except OSError:
            pass
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                reason = self._log_tail()
                self._reap()
                return f"the server process exited with code {self.proc.returncode if self.proc else '?'}: {reason}"
            if ready.exists() and bg.port_answers(self.bolt_port):
                return ""
            time.sleep(0.1)
        self._terminate()
        return f"no answer on port {self.bolt_port} after {START_TIMEOUT:.0f} s: {self._log_tail()}"

    def _log_tail(self) -> str:
        try:
            lines = self.log_file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "no log"
        interesting = [ln for ln in lines[-40:] if any(w in ln for w in
                       ("Error", "Exception", "SEVER", "kg.store._server", "No space"))]
        text = (interesting or lines[-1:] or ["no log"])[-1].strip()
        return text[:300]

    def _reap(self) -> None:
        if self.proc is not None:
            if self.proc.stdin:
                try:
                    self.proc.stdin.close()
                except OSError:
                    pass
            try:
                self.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass

    def _terminate(self, grace: float = 30.0) -> None:
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            try:
                proc.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if proc.stdin:
            try:
                proc.stdin.close()
            except OSError:
                pass

    def detach(self) -> None:
        """Leave the background child running on its own: it holds the store's lock from now
        on (this process's copy is closed without unlocking), and stops when idle or on kg stop."""
        proc = self.proc
        if proc is not None and proc.stdin:
            try:
                proc.stdin.close()
            except OSError:
                pass
        if self.lock.fd is not None:
            os.close(self.lock.fd)      # not LOCK_UN: that would unlock the child's copy too
            self.lock.fd = None
        _DETACHED.append(proc)
        self.proc = None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        try:
            self._terminate()
        finally:
            self.proc = None
            (self.db_dir / "server.ready").unlink(missing_ok=True)
            self.lock.release()
