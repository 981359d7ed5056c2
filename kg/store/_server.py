"""The embedded ArcadeDB server, run as a child process of kg.

    python -m kg.store._server --root DIR --bolt-port N --http-port N --ready-file F

The root password arrives as the first line on stdin (never on the command line).
The process stops on SIGTERM/SIGINT, and when its stdin reaches EOF, so it never
outlives a crashed parent. It exits with os._exit: a JVM that misbehaves at
shutdown must not keep the process alive.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

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
    args = ap.parse_args(argv)

    password = sys.stdin.readline().rstrip("\n")
    if not password:
        print("kg.store._server: no password on stdin", file=sys.stderr)
        return 2
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    threading.Thread(target=_watch_stdin, args=(stop,), daemon=True).start()

    root = os.path.abspath(args.root)
    os.makedirs(root, exist_ok=True)
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
    try:
        if not server._java_server.existsDatabase(DATABASE):  # noqa: SLF001 - no public API for it
            server.create_database(DATABASE)
        with open(args.ready_file, "w", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        print(f"kg.store._server: ready on bolt://127.0.0.1:{args.bolt_port}", flush=True)
        while not stop.wait(0.2):
            pass
    finally:
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
