"""Start-up of the ``chuhai`` command: wall and CPU time of ``chuhai --help`` and of
``chuhai COMMAND --help`` for every command and sub-command, each run N times (like
hyperfine: the minimum is the figure least disturbed by other work on the machine).

    .venv/bin/python benchmarks/bench_cli_startup.py                 # this checkout
    .venv/bin/python benchmarks/bench_cli_startup.py --src /tmp/before/src --runs 5

``--src`` runs another checkout's package with this virtual environment (PYTHONPATH); the
command paths are this checkout's, those the other one lacks are skipped.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any


def command_paths(command: Any, path: list[str]) -> Iterator[list[str]]:
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from command_paths(sub, [*path, name])


def measure(argv: list[str], env: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + sys of the child) seconds of each run; None when it fails."""
    walls, cpus = [], []
    for _ in range(runs + 1):  # the first run warms the file cache and is not counted
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            return [], []
        walls.append(wall)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls[1:], cpus[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--src", help="another checkout's src folder (default: this one)")
    args = parser.parse_args()
    from typer.main import get_command

    from chuhai.cli import app

    env = dict(os.environ, COLUMNS="80")
    if args.src:
        env["PYTHONPATH"] = args.src
    rows = []
    for path in command_paths(get_command(app), []):
        walls, cpus = measure([sys.executable, "-m", "chuhai", *path, "--help"], env, args.runs)
        if walls:
            rows.append((" ".join(["chuhai", *path, "--help"]), walls, cpus))
    print(f"{len(rows)} commands, {args.runs} runs each; seconds")
    print(f"{'command':<40} {'wall min':>8} {'median':>7} {'cpu min':>8}")
    for name, walls, cpus in rows:
        print(f"{name:<40} {min(walls):8.3f} {statistics.median(walls):7.3f} {min(cpus):8.3f}")
    top = rows[0]
    subs = rows[1:]
    print(f"chuhai --help: wall min {min(top[1]):.3f}, median {statistics.median(top[1]):.3f}")
    print(
        f"COMMAND --help ({len(subs)}): wall min {min(min(r[1]) for r in subs):.3f}"
        f"..{max(min(r[1]) for r in subs):.3f}, medians "
        f"{min(statistics.median(r[1]) for r in subs):.3f}"
        f"..{max(statistics.median(r[1]) for r in subs):.3f}, cpu min "
        f"{min(min(r[2]) for r in subs):.3f}..{max(min(r[2]) for r in subs):.3f}"
    )


if __name__ == "__main__":
    main()
