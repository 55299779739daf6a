"""The `aftersales` command: a thin shell over the library API in pipeline.py.

Exit codes: 0 fine, 1 content errors (or warnings with --strict), 2 usage errors,
3 an internal error (a bug in aftersales, not in the content).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__

# Each command imports what it needs: a build whose outputs are up to date answers before
# the content's models (pydantic) or any renderer is loaded.
if TYPE_CHECKING:
    from generator import pipeline
    from generator.checks import compliance
    from generator.model.resolved import ServiceModel
    from generator.reading.diagnostics import Location, Report

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

DESCRIPTION = """\
售后服务承诺生成器：把 content/ 下的 YAML 校验后生成投标文件售后章节、维护手册和服务手册网站。

常用命令：
  aftersales check              校验内容并汇总
  aftersales build              校验并生成全部输出（方案 DOCX/PDF、服务手册网站）
  aftersales serve              本机预览服务手册，改动后自动重建
  aftersales compliance ID      打印项目的商务条款偏离表（★ 负偏离时退出码 1）
  aftersales diff OLD [NEW]     两个版本（目录或 git 版本）的承诺有何不同
  aftersales schema             导出 JSON Schema，供编辑器自动补全
  aftersales new-project ID     新建一个项目文件
"""


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--content", type=Path, default=Path("content"), metavar="DIR", help="内容目录（默认 ./content）"
    )
    common.add_argument("--strict", action="store_true", help="把警告也当作错误（退出码 1）")
    common.add_argument("-q", "--quiet", action="store_true", help="只输出错误和警告，适合脚本")

    parser = argparse.ArgumentParser(
        prog="aftersales", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"aftersales {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    sub.add_parser("check", parents=[common], help="校验内容，打印汇总和全部错误、警告")

    p = sub.add_parser("build", parents=[common], help="校验并生成输出（网站、方案、手册）")
    p.add_argument("--project", metavar="ID", action="append", help="只生成指定项目（可重复）")
    p.add_argument("--output", type=Path, default=Path("output"), metavar="DIR", help="文档输出目录（默认 ./output）")
    p.add_argument("--site", type=Path, default=Path("site"), metavar="DIR", help="网站输出目录（默认 ./site）")
    p.add_argument("--templates", type=Path, metavar="DIR", help="公司自己的模板目录（同名文件覆盖默认模板）")
    p.add_argument(
        "--review",
        action="store_true",
        help="另写 proposal-review.docx：每个取自数据的值带一条 Word 批注，注明出处（文件:行:列 与键路径）",
    )
    p.add_argument("--force", action="store_true", help="全部重新生成，不论输出是否已是最新")
    p.add_argument(
        "--shard",
        metavar="I/N",
        help="只生成第 I 份（共 N 份）的项目，供 CI 在多台机器上分担；网站只在第 1 份生成",
    )

    p = sub.add_parser("serve", parents=[common], help="预览服务手册网站，内容或模板改动后自动重建")
    p.add_argument("--site", type=Path, default=Path("site"), metavar="DIR", help="网站目录（默认 ./site）")
    p.add_argument("--templates", type=Path, metavar="DIR", help="公司自己的模板目录")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    p.add_argument("--host", default="127.0.0.1", help="地址（默认 127.0.0.1，只对本机开放）")

    p = sub.add_parser("compliance", parents=[common], help="打印项目的商务条款偏离表及每条承诺的出处")
    p.add_argument("project", metavar="PROJECT", help="项目标识（content/projects/PROJECT.yaml）")
    p.add_argument("--format", choices=("table", "json"), default="table", help="输出格式：table（默认）或 json")

    p = sub.add_parser(
        "trace", parents=[common], help="列出项目各输出中取自数据的每个值及其出处（文件:行:列 与键路径）"
    )
    p.add_argument("project", metavar="PROJECT", help="项目标识（content/projects/PROJECT.yaml）")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json")
    p.add_argument("--templates", type=Path, metavar="DIR", help="公司自己的模板目录")

    p = sub.add_parser("diff", parents=[common], help="比较两个版本（内容目录或 git 版本）中各项目承诺的变化")
    p.add_argument("old", metavar="OLD", help="旧版本：内容目录，或 git 版本（如 HEAD~1、v1.0）")
    p.add_argument("new", metavar="NEW", nargs="?", default=None, help="新版本：同上；不写表示当前内容目录")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json")

    p = sub.add_parser("schema", parents=[common], help="导出各内容文件的 JSON Schema")
    p.add_argument("--out", type=Path, default=Path("schema"), metavar="DIR", help="输出目录（默认 ./schema）")

    p = sub.add_parser("new-project", parents=[common], help="新建项目文件 content/projects/ID.yaml")
    p.add_argument("id", metavar="ID", help="项目标识：小写字母、数字、- 和 _")
    p.add_argument("--templates", type=Path, metavar="DIR", help="公司自己的模板目录（同名文件覆盖默认模板）")
    return parser


def _content_dir(path: Path) -> Path:
    if not path.is_dir():
        raise UsageError(f"内容目录 {path} 不存在（用 --content DIR 指定）")
    return path


def _templates_dir(args: argparse.Namespace) -> Path | None:
    """--templates names a folder that exists: a typo must not build with the defaults."""
    path: Path | None = getattr(args, "templates", None)
    if path is not None and not path.is_dir():
        raise UsageError(f"模板目录 {path} 不存在或不是目录（--templates DIR）")
    return path


def _report(report: Report, quiet: bool) -> None:
    _print_report(report.format() if report.items else "", len(report.errors), len(report.warnings), quiet)


def _print_report(text: str, n_err: int, n_warn: int, quiet: bool) -> None:
    """The diagnostics and the verdict, as a check found them or as a build recorded them."""
    sys.stdout.flush()  # keep the summary above the diagnostics when both go to a terminal
    if text:
        print(text, file=sys.stderr)
    if not quiet or text:
        verdict = "通过" if not n_err else "未通过"
        print(f"检查{verdict}：{n_err} 个错误，{n_warn} 个警告", file=sys.stderr)


def _summary(model: ServiceModel) -> str:
    c = model.content
    levels, word = c.commitments.response.levels, c.commitments.response.level_word
    # The team promised: every role's headcount (or the people named for it), where each role states one.
    counts = [row.headcount for row in model.staffing]
    promised = f"（承诺 {sum(n for n in counts if n is not None)} 人）" if None not in counts else ""
    graded = f"  {word}等级 {len(levels)}（{'、'.join(lv.name for lv in levels)}）" if levels else f"  不分{word}等级"
    lines = [
        f"{c.company.name}",
        f"  岗位 {len(c.staff.roles)}{promised} · 人员 {len(c.staff.people)}"
        f" · 合作伙伴 {len(c.partners.partners)} · 地区 {len(c.company.regions)}"
        f" · 服务网点 {len(c.company.service_points)} · 厂商 {len(c.manufacturers.manufacturers)}",
        graded + f" · 培训方案 {len(c.training.plans)} · 项目 {len(model.projects)}",
    ]
    for p in model.projects:
        lines.append(f"    {p.id}: {p.project.name}（{p.region.name}，{len(p.project.sections)} 个章节）")
    return "\n".join(lines)


def _check(args: argparse.Namespace) -> int:
    from generator import pipeline

    result = pipeline.check(_content_dir(args.content))
    if result.model is not None and not args.quiet:
        print(_summary(result.model))
    _report(result.report, args.quiet)
    return EXIT_CONTENT if result.report.failed(args.strict) or result.model is None else EXIT_OK


class _RichProgress:
    """Progress per project and output on stderr, so stdout stays the summary."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=Console(stderr=True)
        )
        self.task = self.bar.add_task("生成", total=total)
        self.started = False

    def step(self, project: str, output: str) -> None:
        if not self.started:
            self.bar.start()
            self.started = True
        else:
            self.bar.advance(self.task)
        self.bar.update(self.task, description=f"{project} · {output}")

    def stop(self) -> None:
        if self.started:
            self.bar.advance(self.task)
            self.bar.stop()


def _written_table(written: list[tuple[str, int, float]], fresh: int, seconds: float, site_line: str) -> None:
    from rich.console import Console
    from rich.table import Table

    title = (
        f"已写入 {len(written)} 个文件" + (f"，{fresh} 个文件已是最新" if fresh else "") + f"，用时 {seconds:.1f} 秒"
    )
    if not written:  # nothing to tabulate
        print(title + (f"\n{site_line}" if site_line else ""))
        return
    table = Table(title=title, title_justify="left")
    if site_line:
        table.caption = site_line
        table.caption_justify = "left"
    table.add_column("文件")
    table.add_column("大小", justify="right")
    table.add_column("用时", justify="right")
    for path, size, took in written:
        table.add_row(path, f"{size / 1024:.0f} KB", f"{took:.2f} s")
    Console().print(table)


def _shard(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    i, _, n = text.partition("/")
    if not (i.isdigit() and n.isdigit() and 1 <= int(i) <= int(n)):
        raise UsageError(f"--shard 应写作 I/N（1 ≤ I ≤ N），例如 1/4，而不是“{text}”")
    return int(i), int(n)


def _build_options(args: argparse.Namespace, shard: tuple[int, int] | None) -> list[str]:
    """What, besides the inputs, makes two builds the same build."""
    return [
        ",".join(sorted(args.project or [])),
        str(args.review),
        str(args.strict),
        str(shard),
        str(args.output.resolve()),
        str(args.templates.resolve() if args.templates else ""),
        os.getcwd(),  # the diagnostics it replays name files relative to it
    ]


def _up_to_date(args: argparse.Namespace, content: Path, shard: tuple[int, int] | None) -> bool:
    """Answer a build whose inputs are byte for byte those of the last one, whose files are all
    still as written, from the record: its summary and diagnostics again, nothing rendered.
    Imports nothing that loads the content's models or a renderer."""
    from generator.outputs import cache, shards

    started = time.perf_counter()
    if args.force:
        return False
    record = cache.Record.read(args.output)
    site_dir = args.site if shards.builds_site(shard) else None
    date = cache.build_time().astimezone(cache.CHINA).date()
    inputs = cache.Inputs.gather(content, _search_path(args.templates), date, site_dir)
    last = record.last_build(args.output, inputs.whole_key(_build_options(args, shard)), site_dir, inputs.site_key())
    if last is None:
        return False
    report, counts, summary = last.get("report"), last.get("counts"), last.get("summary")
    if not (isinstance(report, str) and isinstance(summary, str) and isinstance(counts, list) and len(counts) == 2):
        return False  # a record not written by this version: build
    if not args.quiet:
        print(summary)
    _print_report(report, counts[0], counts[1], args.quiet)
    if not args.quiet:
        site_line = "服务手册网站已是最新" if site_dir is not None else ""
        _written_table([], len(last["files"]), time.perf_counter() - started, site_line)
    return True


def _build(args: argparse.Namespace) -> int:
    content = _content_dir(args.content)
    shard = _shard(args.shard)
    if _up_to_date(args, content, shard):
        return EXIT_OK
    from generator import pipeline
    from generator.outputs import cache, shards

    started = time.perf_counter()
    checked = pipeline.check(content)
    summary = _summary(checked.model) if checked.model is not None else ""
    if summary and not args.quiet:
        print(summary)
    _report(checked.report, args.quiet)
    if checked.model is None or checked.report.failed(args.strict):
        print("未生成任何文件：请先改正上面的问题。", file=sys.stderr)
        return EXIT_CONTENT
    wanted = args.project or [p.id for p in checked.model.projects]
    chosen = [p for p in checked.model.projects if p.id in wanted]
    chosen = [p for p in chosen if shards.in_shard(p.id, shard)]
    steps = sum(pipeline.steps(p, args.review) for p in chosen) + shards.builds_site(shard)
    progress = None if args.quiet else _RichProgress(steps)
    try:
        result = pipeline.write_outputs(
            checked,
            args.output,
            args.project,
            args.templates,
            args.strict,
            progress,
            args.site,
            content,
            args.review,
            args.force,
            shard,
        )
    except (pipeline.UnknownProjects, pipeline.FolderRefused) as exc:
        raise UsageError(str(exc)) from None
    finally:
        if progress:
            progress.stop()
    if result.error:
        print(f"aftersales: error: {result.error}", file=sys.stderr)
        print("未写入任何文件，原有输出保持不变。", file=sys.stderr)
        return EXIT_CONTENT
    # The next build with the same inputs answers from this: what it printed, what it wrote.
    record = cache.Record.read(args.output)
    out = args.output
    files = [o.path.relative_to(out).as_posix() for o in result.written] + [
        p.relative_to(out).as_posix() for p in result.fresh
    ]
    if result.inputs is not None and all(f in record.outputs for f in files):
        record.whole = {
            "key": result.inputs.whole_key(_build_options(args, shard)),
            "summary": summary,
            "report": checked.report.format() if checked.report.items else "",
            "counts": [len(checked.report.errors), len(checked.report.warnings)],
            "files": files,
        }
        try:
            record.write(out)
        except OSError:
            pass  # a hint only: the next build renders what it must
    if not args.quiet:
        if result.site_pages:
            site_line = f"服务手册网站：{result.site_pages} 个页面，用时 {result.site_seconds:.1f} 秒"
        else:
            site_line = "服务手册网站已是最新" if result.site_fresh else ""
        written = [(str(o.path), len(o.data), o.seconds) for o in result.written]
        _written_table(written, len(result.fresh), time.perf_counter() - started, site_line)
    return EXIT_OK


def _search_path(templates: Path | None) -> list[Path]:
    from generator.outputs.templating import search_path

    return search_path(templates)


def _snapshot(dirs: list[Path]) -> dict[Path, float]:
    return {f: f.stat().st_mtime for d in dirs if d.is_dir() for f in d.rglob("*") if f.is_file()}


def _serve(args: argparse.Namespace) -> int:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from generator import pipeline
    from generator.outputs import publish, site
    from generator.outputs.templating import search_path

    content = _content_dir(args.content)
    watched = [content, *search_path(args.templates)]
    try:
        publish.check_destinations(None, args.site, content, search_path(args.templates))
    except publish.Refused as exc:
        raise UsageError(str(exc)) from None

    def rebuild() -> None:
        checked = pipeline.check(content)
        _report(checked.report, quiet=True)
        if checked.model is None or checked.report.failed(args.strict):
            print("内容有错误：网站保持上一次的版本。", file=sys.stderr)
            return
        try:
            with publish.Staging(None, args.site) as staging:
                pages = site.build(checked.model, staging.site, args.templates, staging.scratch)
                staging.commit()
        except site.SiteError as exc:
            print(f"aftersales: error: {exc}", file=sys.stderr)
            return
        except OSError as exc:
            print(f"aftersales: error: {publish.Unwritable(exc, [args.site])}", file=sys.stderr)
            return
        print(f"已生成服务手册：{pages} 个页面")

    rebuild()
    if not args.site.is_dir():
        return EXIT_CONTENT

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *values: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(args.site))
    server = ThreadingHTTPServer((args.host, args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览：http://{args.host}:{server.server_port}/index.html （Ctrl+C 结束）")
    seen = _snapshot(watched)
    try:
        while True:
            time.sleep(1)
            now = _snapshot(watched)
            if now != seen:
                seen = now
                print("检测到改动，重新生成……")
                rebuild()
    except KeyboardInterrupt:
        server.shutdown()
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from generator.authoring import schemas
    from generator.outputs import publish

    try:
        written = schemas.write_schemas(args.out)
    except OSError as exc:
        print(f"aftersales: error: {publish.Unwritable(exc, [args.out])}", file=sys.stderr)
        return EXIT_CONTENT
    for path in written:
        if not args.quiet:
            print(f"已写入 {path}")
    return EXIT_OK


def _new_project(args: argparse.Namespace) -> int:
    from generator import pipeline
    from generator.authoring import newproject
    from generator.outputs import publish

    content = _content_dir(args.content)
    result = pipeline.check(content)
    if result.model is None or result.report.errors:
        _report(result.report, args.quiet)
        print("内容有错误，无法根据它生成新项目。", file=sys.stderr)
        return EXIT_CONTENT
    try:
        path = newproject.create(result.model, content, args.id, args.templates)
    except newproject.NewProjectError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        print(f"aftersales: error: {publish.Unwritable(exc, [content])}", file=sys.stderr)
        return EXIT_CONTENT
    if not args.quiet:
        print(f"已创建 {path}：请填写其中标注“待填写”的内容，然后运行 aftersales check")
    return EXIT_OK


def _where(loc: Location | None) -> str:
    return f"{loc.display_file()}:{loc.line}" if loc else ""


def _diff(args: argparse.Namespace) -> int:
    from generator import pipeline
    from generator.authoring import diff

    content = args.content
    models = []
    for label, spec in (("旧版本", args.old), ("新版本", args.new)):
        try:
            with diff.content_at(spec, content) if spec is not None else nullcontext(_content_dir(content)) as tree:
                result = pipeline.check(tree)
        except diff.RevisionError as exc:
            raise UsageError(str(exc)) from None
        if result.model is None:
            print(f"{label}（{spec or content}）的内容有错误，无法比较：", file=sys.stderr)
            _report(result.report, quiet=True)
            return EXIT_CONTENT
        if result.report.items:  # the promises still compare; say the version has findings
            n_err, n_warn = len(result.report.errors), len(result.report.warnings)
            print(f"注意：{label}（{spec or content}）检查有 {n_err} 个错误、{n_warn} 个警告", file=sys.stderr)
        models.append(result.model)
    changes = diff.compare(models[0], models[1])
    if args.format == "json":
        out = [
            {
                "project": d.id,
                "name": d.name,
                "status": d.status,
                "changes": [
                    {
                        "item": c.item,
                        "old": c.old,
                        "new": c.new,
                        "direction": c.direction.name.lower(),
                        "direction_zh": c.direction.value,
                    }
                    for c in d.changes
                ],
            }
            for d in changes
        ]
        print(
            json.dumps(
                {"old": args.old, "new": args.new or str(content), "projects": out}, ensure_ascii=False, indent=2
            )
        )
        return EXIT_OK
    if not changes:
        print("两个版本中各项目的承诺没有差别。")
    for d in changes:
        head = f"{d.name}（{d.id}）"
        if not d.changes:
            print(f"{head}：{d.status}")
            continue
        counts = {k: sum(1 for c in d.changes if c.direction is k) for k in diff.Direction}
        summary = "，".join(f"{k.value} {n} 项" for k, n in counts.items() if n)
        print(f"{head}：{len(d.changes)} 处变化（{summary}）")
        for c in d.changes:
            print(f"  {c.zh()}")
    return EXIT_OK


def _checked_project(args: argparse.Namespace) -> tuple[pipeline.CheckResult, str | None]:
    """The checked content and the project the command names (None: the content has errors)."""
    from generator import pipeline

    content = _content_dir(args.content)
    files = sorted(p.stem for p in (content / "projects").glob("*.yaml"))
    if args.project not in files:  # before checking: a usage error whatever state the content is in
        raise UsageError(f"未知的项目：{args.project}（现有：{'、'.join(files)}）")
    result = pipeline.check(content)
    if result.model is None:
        return result, None
    known = [p.id for p in result.model.projects]
    if args.project not in known:
        raise UsageError(f"未知的项目：{args.project}（现有：{'、'.join(known)}）")
    return result, args.project


def _compliance(args: argparse.Namespace) -> int:
    from generator.checks import compliance, consistency
    from generator.reading.diagnostics import Report

    result, pid = _checked_project(args)
    model = result.model
    if model is None or pid is None:
        _report(result.report, args.quiet)
        return EXIT_CONTENT
    rp = model.project(pid)
    at = result.locators.get(rp.id, {})
    rows = [(r, *consistency.clause_locations(r, at)) for r in compliance.evaluate(model, rp)]
    if args.format == "json":
        out = [
            {
                "number": r.number,
                "clause": r.requirement.clause,
                "marker": r.requirement.marker.value if r.requirement.marker else None,
                "requirement": r.requirement.text,
                "response": r.response,
                "deviation": r.deviation.value if r.deviation else None,
                "note": r.note,
                "automatic": r.automatic,
                "clause_at": _where(clause) or None,
                "promise_at": _where(source) or None,
            }
            for r, clause, source in rows
        ]
        print(json.dumps({"project": rp.id, "clauses": out}, ensure_ascii=False, indent=2))
    else:
        _compliance_table(rp.project.name, rows)
    own = Report([d for d in result.report.items if d.location is None or "requirements" in d.location.path])
    _report(own if args.quiet else result.report, args.quiet)
    return EXIT_CONTENT if result.report.failed(args.strict) else EXIT_OK


def _trace(args: argparse.Namespace) -> int:
    from generator.outputs import pdf_render, proposal, provenance, site

    result, pid = _checked_project(args)
    model = result.model
    if model is None or pid is None:
        _report(result.report, args.quiet)
        return EXIT_CONTENT
    try:
        entries = provenance.project_trace(model, model.project(pid), args.templates)
    except (proposal.ProposalError, pdf_render.ManualError, site.SiteError) as exc:
        print(f"aftersales: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    if args.format == "json":
        print(json.dumps({"project": pid, "values": [e.as_json() for e in entries]}, ensure_ascii=False, indent=2))
    else:
        for output in dict.fromkeys(e.output for e in entries):
            print(f"== {output}")
            for e in entries:
                if e.output == output:
                    print(f"{e.where}｜{e.text}｜{'；'.join(s.zh() for s in e.sources)}")
    if not args.quiet:
        _report(result.report, args.quiet)
    return EXIT_CONTENT if result.report.failed(args.strict) else EXIT_OK


def _compliance_table(title: str, rows: list[tuple[compliance.ClauseResult, Location | None, Location | None]]) -> None:
    from rich.console import Console
    from rich.table import Table

    from generator.model.project import Deviation

    style = {Deviation.POSITIVE: "green", Deviation.NEGATIVE: "bold red"}
    table = Table(title=f"{title}：商务条款偏离表", title_justify="left", show_lines=True)
    for name, kw in (
        ("序号", {"justify": "right"}),
        ("条目号", {}),
        ("招标文件要求", {"ratio": 3}),
        ("投标文件响应", {"ratio": 3}),
        ("偏离", {}),
        ("说明", {"ratio": 2}),
        ("依据", {}),
    ):
        table.add_column(name, overflow="fold", **kw)
    counts: dict[str, int] = {}
    for r, clause, source in rows:
        dev = r.deviation.value if r.deviation else "待填写"
        counts[dev] = counts.get(dev, 0) + 1
        marker = r.requirement.marker.value if r.requirement.marker else ""
        table.add_row(
            str(r.number),
            r.requirement.clause,
            marker + r.requirement.text,
            r.response,
            f"[{style.get(r.deviation, '') if r.deviation else 'yellow'}]{dev}[/]"
            if r.deviation in style or not r.deviation
            else dev,
            r.note,
            "\n".join(x for x in (_where(clause), _where(source)) if x),
        )
    table.caption = "　".join(f"{k} {v} 条" for k, v in counts.items()) or "本项目没有填写招标条款（requirements）"
    table.caption_justify = "left"
    Console().print(table)


COMMANDS = {
    "check": _check,
    "build": _build,
    "serve": _serve,
    "compliance": _compliance,
    "trace": _trace,
    "diff": _diff,
    "schema": _schema,
    "new-project": _new_project,
}


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM (a CI timeout, `kill`) unwinds like Ctrl+C, so staged files are cleaned up."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    on_main = threading.current_thread() is threading.main_thread()
    before = signal.signal(signal.SIGTERM, _interrupt) if on_main else None
    try:
        _templates_dir(args)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"aftersales: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("aftersales: 已中断：暂存的文件已清除，原有输出保持不变。", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: say so plainly, keep the traceback for who asks
        if os.environ.get("AFTERSALES_DEBUG"):
            raise
        print(
            f"aftersales: internal error: {type(exc).__name__}: {exc}\n"
            "这是 aftersales 的缺陷，不是内容的问题；设置 AFTERSALES_DEBUG=1 重新运行可看到详细信息。",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        if on_main:
            signal.signal(signal.SIGTERM, before)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
