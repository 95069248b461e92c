"""Start and stop the project's own Neo4j server (tools/neo4j-server, Neo4j Community from Maven).

    python tools/neo4j_server.py start --home var/neo4j --port 7687
    python tools/neo4j_server.py stop --home var/neo4j
    python tools/neo4j_server.py import --home var/neo4j-import --files export/   # neo4j-admin

`start` runs the launcher in the background, records its PID in HOME/neo4j.pid, and returns once
Bolt answers a query (or fails with the server's log). `stop` sends SIGTERM, which the launcher
turns into a clean shutdown, and waits for the process to end. `make neo4j`, `make neo4j-stop`
and `make test` call this; the class path comes from `mvn dependency:build-classpath`.
`import` loads the CSV files of `harmonia export ... --format neo4j` with Neo4j's own import
tool (``neo4j-admin database import full``, the same Maven artifacts) into a new database under
HOME, which `start` then serves.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import ServiceUnavailable

PROJECT = Path(__file__).resolve().parent / "neo4j-server"
CLASSES = PROJECT / "target" / "classes"
CLASS_PATH = PROJECT / "target" / "classpath.txt"
MAIN = "org.harmonia.Launcher"
#: neo4j-admin's entry point, in org.neo4j:neo4j-command-line.
ADMIN = "org.neo4j.cli.AdminTool"
#: A cold start (new store, JIT warm-up) takes 10-30 s on a shared 2-core machine.
START_TIMEOUT = 180.0
STOP_TIMEOUT = 60.0
#: Bounded, so a shared machine stays usable; Neo4j lets one transaction use 70% of the heap,
#: and writing the largest source edition (about 20,000 nodes) in one needs well under that.
#: A graph of many more editions needs more for its one alignment write (``--heap``).
HEAP = "2g"
JAVA_OPTIONS = ["-Xms256m", "-XX:+UseG1GC"]


class ServerError(RuntimeError):
    """The server could not be started or stopped; the message says why."""


def _pid_file(home: Path) -> Path:
    return home / "neo4j.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def running_pid(home: Path) -> int | None:
    """The PID recorded for HOME, if that process still runs."""
    try:
        pid = int(_pid_file(home).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _alive(pid) else None


def bolt_answers(uri: str) -> bool:
    # verify_connectivity asks once; execute_query would retry for 30 s and log each attempt.
    try:
        with GraphDatabase.driver(uri, auth=("neo4j", "unused")) as driver:
            driver.verify_connectivity()
    except (ServiceUnavailable, OSError):
        return False
    return True


def _class_path() -> str:
    if not CLASS_PATH.is_file() or not CLASSES.is_dir():
        raise ServerError(
            f"{CLASS_PATH} is missing: build the launcher first (`make neo4j` does it with Maven)"
        )
    return f"{CLASSES}{os.pathsep}{CLASS_PATH.read_text().strip()}"


def import_files(home: Path, directory: Path, database: str = "neo4j") -> str:
    """Load an export's CSV files into a new database under HOME with neo4j-admin; return what
    the tool printed last (its counts). HOME must hold no server and no such database."""
    from store.export import neo4j_import_arguments

    if running_pid(home) is not None:
        raise ServerError(f"a Neo4j runs on {home}: neo4j-admin imports into a stopped one")
    files = sorted(directory.glob("*.csv"))
    if not files:
        raise ServerError(f"no CSV files in {directory}: export with `--format neo4j` first")
    conf = home / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "neo4j.conf").touch()
    env = {**os.environ, "NEO4J_HOME": str(home.resolve()), "NEO4J_CONF": str(conf.resolve())}
    command = ["java", *JAVA_OPTIONS, f"-Xmx{HEAP}", "-cp", _class_path(), ADMIN]
    # The tool's report goes under HOME, not into the working directory (the checkout).
    report = f"--report-file={(home / 'import.report').resolve()}"
    done = subprocess.run(
        [*command, *neo4j_import_arguments(files, database), report],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise ServerError(f"neo4j-admin import failed ({done.returncode}):\n{done.stdout[-2000:]}")
    return done.stdout[done.stdout.rfind("IMPORT DONE") :].strip()


def start(home: Path, port: int, heap: str = HEAP) -> int:
    """Start the server for HOME on 127.0.0.1:PORT and wait until Bolt answers; return its PID."""
    uri = f"bolt://127.0.0.1:{port}"
    pid = running_pid(home)
    if pid is not None:
        if bolt_answers(uri):
            return pid
        raise ServerError(f"a Neo4j (PID {pid}) for {home} runs but {uri} does not answer")
    class_path = _class_path()
    if bolt_answers(uri):
        raise ServerError(f"another server already answers at {uri}: choose another port")
    home.mkdir(parents=True, exist_ok=True)
    log = home / "launcher.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            ["java", *JAVA_OPTIONS, f"-Xmx{heap}", "-cp", class_path, MAIN, str(home), str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # survives the make recipe that started it
        )
    _pid_file(home).write_text(f"{process.pid}\n")
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _pid_file(home).unlink(missing_ok=True)
            raise ServerError(f"Neo4j exited with {process.returncode}; see {log}")
        if bolt_answers(uri):
            return process.pid
        time.sleep(1.0)
    stop(home)
    raise ServerError(f"Neo4j did not answer at {uri} within {START_TIMEOUT:.0f} s; see {log}")


def stop(home: Path) -> bool:
    """Stop the server recorded for HOME; False if none was running."""
    pid = running_pid(home)
    if pid is None:
        _pid_file(home).unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while _alive(pid) and time.monotonic() < deadline:
        _reap(pid)
        time.sleep(0.5)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    _pid_file(home).unlink(missing_ok=True)
    return True


def _reap(pid: int) -> None:
    """Collect the exit status when the server is our own child (else it lingers as a zombie)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "import"])
    parser.add_argument("--home", type=Path, default=Path("var/neo4j"), help="data and logs")
    parser.add_argument("--port", type=int, default=7687, help="Bolt port on 127.0.0.1")
    parser.add_argument("--files", type=Path, help="import: the folder of an export's CSV files")
    parser.add_argument(
        "--heap", default=HEAP, help="start: the Java heap (default 2g; e.g. 8g for bench.scale)"
    )
    args = parser.parse_args(argv)
    try:
        if args.action == "start":
            pid = start(args.home, args.port, args.heap)
            print(f"Neo4j ready at bolt://127.0.0.1:{args.port} (PID {pid}, files in {args.home})")
        elif args.action == "import":
            if args.files is None:
                parser.error("import needs --files FOLDER")
            print(import_files(args.home, args.files))
        elif stop(args.home):
            print(f"Neo4j stopped ({args.home})")
        else:
            print(f"no Neo4j running for {args.home}")
    except ServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
