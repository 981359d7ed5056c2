"""The embedded ArcadeDB server, run as a child process of kg.

    python -m kg.store._server --root DIR --bolt-port N --http-port N --ready-file F
                               [--idle SECONDS --lock-fd FD]

The root password arrives as the first line on stdin (never on the command line).
The process stops on SIGTERM/SIGINT, and when its stdin reaches EOF, so it never
outlives a crashed parent. It exits with os._exit: a JVM that misbehaves at
shutdown must not keep the process alive.

With --idle it is a background server (kg.store.background): it outlives the command that
started it, holds the store's lock (inherited as --lock-fd, its pid written in it), keeps
ROOT/serving up to date, ignores the end of stdin, and stops once no client has used it for
SECONDS.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time

DATABASE = "kg"
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"


def _watch_stdin(stop: threading.Event) -> None:
    try:
        while sys.stdin.buffer.read(1024):
            pass
    except (OSError, ValueError):
        pass
    stop.set()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="kg.store._server")
    ap.add_argument("--root", required=True)
    ap.add_argument("--bolt-port", type=int, required=True)
    ap.add_argument("--http-port", type=int, required=True)
    ap.add_argument("--ready-file", required=True)
    ap.add_argument("--heap", default=os.environ.get("KG_STORE_HEAP", "4g"))
    ap.add_argument("--idle", type=float, default=0.0)
    ap.add_argument("--lock-fd", type=int, default=None)
    args = ap.parse_args(argv)
    background = args.idle > 0

    password = sys.stdin.readline().rstrip("\n")
    if not password:
        print("kg.store._server: no password on stdin", file=sys.stderr)
        return 2
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    root = os.path.abspath(args.root)
    os.makedirs(root, exist_ok=True)
    if background:
        from . import background as bg  # noqa: PLC0415 - the standard library only

        if args.lock_fd is not None:    # the store's lock is this process's now: its pid in it
            os.ftruncate(args.lock_fd, 0)
            os.pwrite(args.lock_fd, f"{os.getpid()}\n".encode("ascii"), 0)
        serving = bg.Serving(args.bolt_port, bg.STARTING, os.getpid(), bg.BACKGROUND, args.idle)
        bg.write_serving(root, serving)
    else:
        threading.Thread(target=_watch_stdin, args=(stop,), daemon=True).start()
    os.chdir(root)  # ArcadeDB writes its application log to ./log
    import arcadedb_embedded as arcadedb  # noqa: PLC0415 - starts nothing until used
    from arcadedb_embedded.jvm import start_jvm  # noqa: PLC0415

    start_jvm(heap_size=args.heap)
    server = arcadedb.create_server(
        root_path=os.path.join(root, "arcadedb"),
        root_password=password,
        config={
            "host": "127.0.0.1",
            "http_port": args.http_port,
            "server_plugins": BOLT_PLUGIN,
            "bolt_port": args.bolt_port,
            "bolt_defaultDatabase": DATABASE,
        },
    )
    server.start()
    orphaned = False
    try:
        if not server._java_server.existsDatabase(DATABASE):  # noqa: SLF001 - no public API for it
            server.create_database(DATABASE)
        if background:
            serving = bg.Serving(args.bolt_port, bg.READY, os.getpid(), bg.BACKGROUND, args.idle)
            bg.write_serving(root, serving)
            since = time.time()
            bg.touch_used(root)
        with open(args.ready_file, "w", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        print(f"kg.store._server: ready on bolt://127.0.0.1:{args.bolt_port}"
              + (f", stops after {args.idle:g} s without a client" if background else ""), flush=True)
        ticks = 0
        while not stop.wait(0.2):
            ticks += 1
            if background and ticks % 5 == 0:
                if not bg.still_ours(root, serving):
                    print(f"kg.store._server: {root}/serving no longer names this server "
                          "(the store was removed or replaced), stopping", flush=True)
                    orphaned = True
                    break
                if bg.try_idle_stop(root, serving, args.idle, since):
                    print(f"kg.store._server: no client for {args.idle:g} s, stopping", flush=True)
                    break
    finally:
        if background:
            if not orphaned:
                bg.mark_stopping(root, serving)     # no new client from now on
            # a server that does not stop (a query it will not abandon) must not keep the lock
            watchdog = threading.Timer(30.0, os._exit, (3,))
            watchdog.daemon = True
            watchdog.start()
        try:
            server.stop()
        except BaseException as exc:  # noqa: BLE001 - report and exit regardless
            print(f"kg.store._server: stop failed: {exc}", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    code = 1
    try:
        code = main()
    except BaseException as exc:  # noqa: BLE001 - the parent reads the log
        print(f"kg.store._server: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
