"""Median wall time of the proposal DOCX and PDF for the example's largest proposal.

    .venv/bin/python benchmarks/proposal.py [--content content] [--runs 7]

Targets on the 2-core reference machine: DOCX within 0.3 s, a 30-page PDF within 1.5 s.
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from generator import pipeline
from generator.outputs import docx_render, pdf_render, proposal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    result = pipeline.check(args.content)
    if result.model is None:
        print(result.report.format(), file=sys.stderr)
        return 1
    model = result.model
    # The largest proposal: the one with the most pages.
    docs = {rp.id: proposal.build(model, rp) for rp in model.projects}
    pages = {pid: len(PdfReader(_pdf(doc)).pages) for pid, doc in docs.items()}
    pid = max(pages, key=lambda k: pages[k])
    rp = model.project(pid)

    def timed(fn: object) -> float:
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        return time.perf_counter() - t

    model_t = [timed(lambda: proposal.build(model, rp)) for _ in range(args.runs)]
    doc = docs[pid]
    docx_t = [timed(lambda: docx_render.render(doc)) for _ in range(args.runs)]
    pdf_t = [timed(lambda: pdf_render.render(doc)) for _ in range(args.runs)]
    print(f"project: {pid} ({pages[pid]} pages; runs: {args.runs})")
    print(f"document model (templates + flowchart): median {statistics.median(model_t):.3f} s")
    print(f"DOCX: median {statistics.median(docx_t):.3f} s (target 0.3 s)")
    print(f"PDF:  median {statistics.median(pdf_t):.3f} s (target 1.5 s for 30 pages)")
    return 0


def _pdf(doc: object) -> object:
    import io

    return io.BytesIO(pdf_render.render(doc))  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
