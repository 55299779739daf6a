"""Handbook build time: the example, and the example with 50 generated projects.

    .venv/bin/python benchmarks/site.py [--projects 50]

Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator import pipeline
from generator.outputs import site

EXAMPLE = Path(__file__).resolve().parent.parent / "content"


def timed_build(content: Path, out: Path) -> tuple[float, int]:
    result = pipeline.check(content)
    if result.model is None:
        print(result.report.format(), file=sys.stderr)
        raise SystemExit(1)
    started = time.perf_counter()
    pages = site.build(result.model, out)
    return time.perf_counter() - started, pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seconds, pages = timed_build(EXAMPLE, root / "site-example")
        print(f"example: {pages} pages in {seconds:.2f} s")
        content = root / "content"
        shutil.copytree(EXAMPLE, content)
        templates = sorted((content / "projects").glob("*.yaml"))
        for i in range(args.projects):
            source = templates[i % len(templates)]
            text = source.read_text(encoding="utf-8")
            (content / "projects" / f"generated-{i:03d}.yaml").write_text(
                text.replace("name: ", f"name: 第{i + 1}号", 1), encoding="utf-8"
            )
        for source in templates:
            source.unlink()
        seconds, pages = timed_build(content, root / "site-many")
        print(f"{args.projects} generated projects: {pages} pages in {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
