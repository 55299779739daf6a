"""Fuzz aftersales with a larger budget than `make test` (tests/test_fuzz.py).

    .venv/bin/python scripts/fuzz.py --examples 500 --build-examples 20
    .venv/bin/python scripts/fuzz.py --replay "Case(mutations=(Mutation(file=..., ...),))" [--build]

Random (not derandomized) cases: each run tries new ones. Hypothesis's example
database lives in a temporary folder (--db), never in the checkout, so a crash found
once is tried first next time. Each crash is printed with the case that shrank to it
and its traceback; --replay prints what a case changes and what aftersales answers
(the traceback under AFTERSALES_DEBUG=1). Exit 1 when a crash was found.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import test_fuzz as fuzz  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis.database import DirectoryBasedExampleDatabase  # noqa: E402


def _crashes(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        return [e for sub in exc.exceptions for e in _crashes(sub)]
    return [exc]


def campaign(command: str, examples: int, db: Path, fixed_seed: int | None) -> int:
    prop = fuzz.check_property if command == "check" else fuzz.build_property
    cases = fuzz.CASES if command == "check" else fuzz.BUILD_CASES
    test = settings(
        deadline=None,
        database=DirectoryBasedExampleDatabase(db / command),
        max_examples=examples,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=True,
    )(given(case=cases)(prop))
    if fixed_seed is not None:
        test = seed(fixed_seed)(test)
    start = time.monotonic()
    try:
        test()
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        found = _crashes(exc)
        print(f"{command}: {len(found)} crash(es) in {time.monotonic() - start:.0f} s", flush=True)
        for i, crash in enumerate(found, start=1):
            print(f"\n--- {command} crash {i} ---")
            print("".join(traceback.format_exception(crash, limit=-25)), flush=True)
        return len(found)
    print(f"{command}: {examples} cases, no crash ({time.monotonic() - start:.0f} s)", flush=True)
    return 0


def replay(text: str, command: str) -> None:
    case = eval(text, {"Case": fuzz.Case, "Mutation": fuzz.Mutation, "date": date})  # a repr this script printed
    print(fuzz.describe(case))
    print()
    print(fuzz.reproduce(case, command))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=200, help="cases fed to check (default 200)")
    parser.add_argument("--build-examples", type=int, default=10, help="cases fed to a one-project build (default 10)")
    parser.add_argument("--seed", type=int, help="a fixed random seed, to repeat a run")
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "aftersales-fuzz-db")
    parser.add_argument("--replay", metavar="CASE", help="a Case(...) as printed: show it and run it")
    parser.add_argument("--build", action="store_true", help="with --replay: build instead of check")
    args = parser.parse_args()
    if args.db.resolve().is_relative_to(REPO):
        parser.error("--db must be outside the checkout")
    if args.replay:
        replay(args.replay, "build" if args.build else "check")
        return 0
    found = 0
    if args.examples > 0:
        found += campaign("check", args.examples, args.db, args.seed)
    if args.build_examples > 0:
        found += campaign("build", args.build_examples, args.db, args.seed)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
