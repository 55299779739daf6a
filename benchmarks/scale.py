"""`check` on a large partner network: the example content with N partners.

    .venv/bin/python benchmarks/scale.py [--partners 40000] [--regions 800] [--profile]

Writes the example content into a temporary folder, replaces partners.yaml with
N partners (the example's own first, so its projects still resolve) spread over
the example's regions plus --regions generated ones (a nationwide network: each
region served by a few dozen partners), and times `pipeline.check` on it.
--profile prints the 25 costliest functions (cProfile, cumulative time). Several
sizes (--partners 5000 10000 40000) show whether the time grows linearly.

Target on the 2-core reference machine: 40,000 partners (13 MB) in under 5 s.
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator import pipeline

EXAMPLE = Path(__file__).resolve().parent.parent / "content"
CATEGORIES = ("系统集成联盟", "计算机与外设合作伙伴", "厂商授权服务商")
MAKERS = ("huaheng", "qiming", "yuntu")


def _regions_yaml(count: int) -> str:
    """Generated regions, appended to company.yaml's regions list."""
    zones = ("city", "near", "far")
    return "".join(f"  - id: gen-r{i:05d}\n    name: 生成地区{i:05d}\n    zone: {zones[i % 3]}\n" for i in range(count))


def _partner(i: int, regions: list[str]) -> str:
    """One partner shaped like the example's (about 325 bytes: 40,000 make 13 MB); every
    fifth serves two regions, every other one is authorised by a manufacturer."""
    served = regions[i % len(regions)]
    if i % 5 == 0:
        served += ", " + regions[(i * 7 + 3) % len(regions)]
    makers = f"    manufacturers: [{MAKERS[i % 3]}]\n" if i % 2 else ""
    return (
        f"  - id: gen-p{i:06d}\n"
        f"    name: 第{i:06d}号信息技术有限公司\n"
        f"    category: {CATEGORIES[i % 3]}\n"
        f"    address: 某市某区科技路 {i % 997 + 1} 号\n"
        f"    city: 某市\n"
        f"    contact: 联系人{i % 1000:03d}\n"
        f"    phone: 139-{i // 10000:04d}-{i % 10000:04d}\n"
        f"    regions: [{served}]\n"
        f"{makers}"
        f"    services: [上门故障处理, 网络与布线维护]\n"
    )


def make_content(root: Path, partners: int, regions: int) -> tuple[Path, int]:
    """The example content in root/content with N partners; and how many regions it has."""
    content = root / "content"
    shutil.copytree(EXAMPLE, content)
    company = content / "company.yaml"
    text = company.read_text(encoding="utf-8")
    marker = "regions:\n"
    at = text.index(marker) + len(marker)
    end = text.index("\nservice_points:", at) + 1
    company.write_text(text[:end] + _regions_yaml(regions) + text[end:], encoding="utf-8")
    region_ids = [line.split(": ")[1] for line in text[at:end].splitlines() if line.startswith("  - id: ")]
    region_ids += [f"gen-r{i:05d}" for i in range(regions)]
    base = (EXAMPLE / "partners.yaml").read_text(encoding="utf-8")
    own = base.count("\n  - id: ")
    chunks = [base]
    for i in range(max(0, partners - own)):
        chunks.append(_partner(i, region_ids))
    (content / "partners.yaml").write_text("".join(chunks), encoding="utf-8")
    return content, len(region_ids)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partners", type=int, nargs="+", default=[40_000])
    parser.add_argument("--regions", type=int, default=None, help="generated regions (default: partners / 50)")
    parser.add_argument("--profile", action="store_true", help="print the costliest functions")
    args = parser.parse_args()
    failed = False
    for n in args.partners:
        regions = args.regions if args.regions is not None else n // 50
        with tempfile.TemporaryDirectory() as tmp:
            content, n_regions = make_content(Path(tmp), n, regions)
            size = (content / "partners.yaml").stat().st_size
            profiler = cProfile.Profile() if args.profile else None
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            result = pipeline.check(content)
            if profiler:
                profiler.disable()
            seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        errors = result.report.errors
        print(
            f"{n} partners, {n_regions} regions ({size / 1e6:.1f} MB): check {seconds:.2f} s, "
            f"{len(errors)} errors, {len(result.report.warnings)} warnings, peak RSS {peak:.0f} MB"
        )
        for d in errors[:5]:
            print("  " + d.format(), file=sys.stderr)
        failed = failed or bool(errors)
        del result  # not alive during the next size's run (peak RSS is the process's so far)
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
