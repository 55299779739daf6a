"""The build as a bid writer runs it, timed as whole processes (issue 15).

    .venv/bin/python benchmarks/build.py [--runs 3] [--project yunxi-cdc-network]
                                         [--projects 200] [--checkout DIR]

Copies the example content into a temporary folder and prints, in one run, the median
of --runs of each:

  no-change rebuild            `build` again, nothing edited
  one-project edit rebuild     `build` after editing one project's file: its name (every
                               output of it and the site), then a tender clause (the
                               proposal and the 偏离表 only)
  build --project X --force    beside LibreOffice converting that project's DOCX (the ratio)
  full --force build           every output of the example
  check                        `check` on the example
  ms per PDF page              the proposal and the manual of X, rendered in this process

With --projects N it also builds N generated projects (copies of X) with --force, and
a quarter of them, and prints wall time, CPU time and the peak memory of the largest
process (a worker), and the seconds per project of both (linear growth: equal).
--checkout DIR times another checkout's code (e.g. the commit before a change) with
this script; an aftersales without --force rebuilds everything anyway.

Targets on the 2-core reference machine: no-change rebuild ≤ 1 s; one-project edit
≤ 1× LibreOffice's conversion (stretch 0.5×); full --force build ≤ 12 s; check ≤ 0.5 s.
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content"


class Runner:
    def __init__(self, checkout: Path) -> None:
        self.checkout = checkout
        # As `make setup` does: with PYTHONDONTWRITEBYTECODE set, an uncompiled checkout
        # would compile its modules on every run and time that instead.
        subprocess.run([sys.executable, "-m", "compileall", "-q", "generator"], cwd=checkout, capture_output=True)
        help_text = self.cli("build", "--help").stdout
        self.force = ["--force"] if "--force" in help_text else []

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        # -m from the checkout's folder: that checkout's package, whatever is installed.
        cmd = [sys.executable, "-m", "generator.cli", *args]
        return subprocess.run(cmd, cwd=self.checkout, capture_output=True, text=True, check=False)

    def timed(self, *args: str) -> tuple[float, float, int]:
        """Wall seconds, CPU seconds of the process and its workers, peak RSS (MB) of the largest."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = self.cli(*args)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"aftersales {' '.join(args)} failed:\n{done.stderr[-2000:]}")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu, after.ru_maxrss // 1024


def median(runs: int, setup: Callable[[], None], measure: Callable[[], float]) -> float:
    times = []
    for _ in range(runs):
        setup()
        times.append(measure())
    return statistics.median(times)


def soffice(docx: Path, into: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(into), str(docx)],
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - started


def ms_per_page(content: Path, project: str) -> dict[str, float]:
    """The two PDFs of one project rendered here, after a warm-up, in ms per page."""
    sys.path.insert(0, str(ROOT))
    from pypdf import PdfReader

    from generator import pipeline
    from generator.outputs import manual, pdf_render, proposal

    checked = pipeline.check(content)
    assert checked.model is not None
    rp = checked.model.project(project)
    doc = proposal.build(checked.model, rp)
    book = manual.build(checked.model, rp, pipeline.build_time().date())
    out = {}
    for name, render in (
        ("proposal.pdf", lambda: pdf_render.render(doc)),
        ("manual.pdf", lambda: pdf_render.render_manual(book)),
    ):
        render()
        started = time.perf_counter()
        data = render()
        seconds = time.perf_counter() - started
        out[name] = 1000 * seconds / len(PdfReader(io.BytesIO(data)).pages)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--project", default="yunxi-cdc-network")
    ap.add_argument("--projects", type=int, default=0, help="also build this many generated projects")
    ap.add_argument("--checkout", type=Path, default=ROOT, help="the aftersales checkout to time")
    ap.add_argument("--scale-only", action="store_true", help="only the --projects build")
    args = ap.parse_args()
    run = Runner(args.checkout.resolve())
    tmp = Path(tempfile.mkdtemp(prefix="aftersales-bench-"))
    try:
        if args.scale_only:
            scale(run, tmp, args.project, args.projects)
            return
        content, out, site = tmp / "content", tmp / "output", tmp / "site"
        shutil.copytree(EXAMPLE, content)
        build = ["build", "--content", str(content), "--output", str(out), "--site", str(site), "-q"]
        project_file = content / "projects" / f"{args.project}.yaml"
        original = project_file.read_text(encoding="utf-8")
        edits = iter(range(10_000))

        def edit() -> None:  # the project's name: printed in every output of it, and on the site
            project_file.write_text(original.replace("name:", f"name: {next(edits)}", 1), encoding="utf-8")

        def edit_clause() -> None:  # a tender clause: printed in the proposal and the 偏离表 only
            text = original.replace("    text: ", f"    text: （{next(edits)}）", 1)
            project_file.write_text(text, encoding="utf-8")

        rows: list[tuple[str, float, str]] = []
        full = median(args.runs, lambda: None, lambda: run.timed(*build, *run.force)[0])
        rows.append(("full --force build", full, "≤ 12 s"))
        rows.append(("no-change rebuild", median(args.runs, lambda: None, lambda: run.timed(*build)[0]), "≤ 1 s"))
        one = median(args.runs, edit, lambda: run.timed(*build)[0])
        rows.append(("one-project edit rebuild (its name)", one, "≤ 1× LibreOffice"))
        clause = median(args.runs, edit_clause, lambda: run.timed(*build)[0])
        rows.append(("one-project edit rebuild (a tender clause)", clause, ""))
        project_build = [*build, "--project", args.project, *run.force]
        forced = median(args.runs, lambda: None, lambda: run.timed(*project_build)[0])
        rows.append((f"build --project {args.project} --force", forced, ""))
        docx = out / args.project / "proposal.docx"
        soffice(docx, tmp / "lo")  # a first start sets up LibreOffice's profile
        lo = median(args.runs, lambda: None, lambda: soffice(docx, tmp / "lo"))
        rows.append(("LibreOffice: that proposal.docx → PDF", lo, ""))
        checked = median(args.runs, lambda: None, lambda: run.timed("check", "--content", str(content), "-q")[0])
        rows.append(("check", checked, "≤ 0.5 s"))
        project_file.write_text(original, encoding="utf-8")

        print(f"aftersales at {run.checkout} · median of {args.runs}")
        for label, seconds, target in rows:
            print(f"  {label:<48} {seconds:6.2f} s   {target}")
        print(
            f"  one-project edit / LibreOffice: {one / lo:.2f}× (name), {clause / lo:.2f}× (tender clause);"
            f"   --project --force / LibreOffice: {forced / lo:.2f}×"
        )
        if run.checkout == ROOT:
            for name, ms in ms_per_page(content, args.project).items():
                print(f"  {name} of {args.project}: {ms:.0f} ms per page")
        if args.projects:
            scale(run, tmp, args.project, args.projects)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def scale(run: Runner, tmp: Path, project: str, n: int) -> None:
    """N copies of one project, and a quarter of them: cost per project should not grow."""
    source = (EXAMPLE / "projects" / f"{project}.yaml").read_text(encoding="utf-8")
    print(f"generated projects (copies of {project}), --force, site included:")
    for count in (max(1, n // 4), n):
        content = tmp / f"scale-{count}"
        shutil.copytree(EXAMPLE, content)
        for old in (content / "projects").iterdir():
            old.unlink()
        for i in range(count):
            (content / "projects" / f"gen-{i:04d}.yaml").write_text(source, encoding="utf-8")
        out = tmp / f"scale-{count}-out"
        args = [
            "build",
            "--content",
            str(content),
            "--output",
            str(out),
            "--site",
            str(out.parent / f"{out.name}-site"),
        ]
        wall, cpu, peak = run.timed(*args, "-q", *run.force)
        print(
            f"  {count:>4} projects: wall {wall:7.1f} s · CPU {cpu:7.1f} s · peak RSS {peak} MB · "
            f"{wall / count:.2f} s wall and {cpu / count:.2f} s CPU per project"
        )


if __name__ == "__main__":
    main()
