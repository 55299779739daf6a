"""Median wall time of each example project's maintenance manual and calendar.

    .venv/bin/python benchmarks/manual.py [--content content] [--runs 5]

Reports the schedule computation, the manual PDF (with its page count) and the
ICS file per project. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from generator import pipeline
from generator.dates import schedule
from generator.outputs import ics, manual, pdf_render


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = pipeline.check(args.content)
    if result.model is None:
        print(result.report.format(), file=sys.stderr)
        return 1
    model = result.model
    stamp = pipeline.build_time()
    print(f"runs: {args.runs}")
    for rp in model.projects:
        book = manual.build(model, rp, stamp.date())
        pages = len(PdfReader(io.BytesIO(pdf_render.render_manual(book))).pages)
        sched = _median(lambda rp=rp: schedule.schedule(rp), args.runs)  # type: ignore[misc]
        pdf = _median(lambda book=book: pdf_render.render_manual(book), args.runs)  # type: ignore[misc]
        cal = _median(lambda book=book: ics.render(book, stamp), args.runs)  # type: ignore[misc]
        visits = len(book.schedule.visits)
        print(
            f"{rp.id}: schedule {sched * 1000:.1f} ms ({visits} visits) · "
            f"manual.pdf {pdf:.2f} s ({pages} pages, {pdf / pages:.3f} s/page) · schedule.ics {cal * 1000:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
