"""Prose blocks render in a sandbox of bounded cost: a block that would make a huge
value or loop for ever is a located error in `check`, found quickly; ordinary
blocks render exactly as Jinja's plain sandbox renders them."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, SEEDS
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from generator.model.prose import ProseBlock
from generator.outputs import prose
from generator.pipeline import check
from generator.reading.diagnostics import Location

SIZE, LOOPS, STEPS, DIGITS = (
    f"{n:,}" for n in (prose.MAX_SIZE, prose.MAX_LOOPS, prose.MAX_STEPS, prose.MAX_INT_DIGITS)
)
TEXT = f"生成的文本超过 {SIZE} 个字符"
LIST = f"生成的列表超过 {SIZE} 项"
PRINTED = f"输出的值超过 {SIZE} 个字符"
NUMBER = f"计算出的整数超过 {DIGITS} 位"
WIDTH = f"格式的宽度或精度超过 {SIZE}"
WORK = f"累计生成的文本超过 {prose.MAX_WORK:,} 个字符"

DOUBLING = (
    "{% set ns = namespace(s='x') %}{% for i in range(99999) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"
)
APPENDING = "{% set ns = namespace(s='') %}{% for i in range(99999) %}{% set ns.s = ns.s ~ '0123456789' %}{% endfor %}{{ ns.s }}"
NESTED = "{% for i in range(99999) %}{% for j in range(99999) %}{{ i }}{% endfor %}{% endfor %}"
MACRO = "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}"
RECURSIVE = "{% for x in [1] recursive %}{% if loop.depth < 3 %}{{ loop(range(99999)) }}{% endif %}{% endfor %}"

# id: (body, what the error says). The body starts with a word: a body of digits and
# symbols alone is a schema error (text must contain a word), which is not the point here.
PAYLOADS: dict[str, tuple[str, str]] = {
    # the issue's cases
    "mul": ("x{{ 'a' * 10**9 }}", TEXT),
    "mul-twice": ("x{{ 'a' * 10**5 * 10**5 }}", TEXT),
    "range-list": ("x{{ range(10**9)|list }}", f"range() 超过 {SIZE} 项"),
    "nested-loops": ("x" + NESTED, f"循环超过 {LOOPS} 次"),
    "power": ("x{{ 10**10**10 }}", NUMBER),  # Jinja reads (10**10)**10: 101 digits
    "power-right": ("x{{ 10**(10**10) }}", NUMBER),  # Python's reading: ten billion digits
    "concat-doubling": ("x" + DOUBLING, TEXT),
    "concat-appending": ("x" + APPENDING, WORK),
    # other ways to the same place
    "list-mul": ("x{{ ([1] * 10**5) * 10**5 }}", LIST),
    "list-add": (
        "x{% set ns = namespace(l=[1]) %}{% for i in range(60) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
        LIST,
    ),
    "int-squaring": (
        "x{% set ns = namespace(n=10) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
        NUMBER,
    ),
    "print-references": ("x{{ ['a' * 10**5] * 10**5 }}", PRINTED),
    "concat-references": ("x{{ (['a' * 10**5] * 10**5) ~ '' }}", TEXT),
    "join-references": ("x{{ (['a' * 10**5] * 10**5)|join }}", TEXT),
    "method-join": ("x{{ ','.join(['a' * 10**5] * 10**5) }}", TEXT),
    "namespace-references": ("x{{ namespace(l=['a' * 10**5] * 10**5) }}", PRINTED),
    "printf-width": ("x{{ '%0999999999d' % 1 }}", WIDTH),
    "printf-star": ("x{{ '%*d' % (10**9, 1) }}", TEXT),
    "format-width": ("x{{ '{:999999999}'.format(1) }}", WIDTH),
    "format-nested": ("x{{ '{:{}}'.format(1, 10**9) }}", TEXT),
    "format-filter": ("x{{ '%0999999999d'|format(1) }}", WIDTH),
    "center": ("x{{ 'a'|center(10**9) }}", f"|center 的参数超过 {SIZE}"),
    "ljust": ("x{{ 'a'.ljust(10**9) }}", f"ljust() 的参数超过 {SIZE}"),
    "to-bytes": ("x{{ (1).to_bytes(10**9, 'big') }}", f"to_bytes() 的参数超过 {SIZE}"),
    "slice": ("x{{ [1]|slice(10**9)|list }}", f"|slice 的参数超过 {SIZE}"),
    "replace-filter": ("x{{ ('a' * 10**5)|replace('a', 'b' * 10**5) }}", TEXT),
    "replace-method": ("x{{ ('a' * 10**5).replace('', 'b' * 10**5) }}", TEXT),
    "translate": ("x{{ ('a' * 10**5).translate({97: 'b' * 10**5}) }}", TEXT),
    "indent": ("x{{ ('a\\n' * 50000)|indent('b' * 10**5) }}", TEXT),
    "wordwrap": ("x{{ ('a ' * 50000)|wordwrap(1, wrapstring='b' * 10**5) }}", TEXT),
    "sum-lists": ("x{{ range(99999)|batch(1)|sum(start=[]) }}", "|sum 的 start 只能是数字"),
    "macro-recursion": ("x" + MACRO, f"调用、取值和运算超过 {STEPS} 次"),
    "recursive-loop": ("x" + RECURSIVE, f"循环超过 {LOOPS} 次"),
}


def _limit_memory() -> None:  # in the child: a regression fails there, not on the machine
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def _with_blocks(root: Path, blocks: dict[str, str]) -> dict[str, int]:
    """The example's content with these blocks added to prose.yaml and used by one project;
    returns each block's line in prose.yaml."""
    shutil.copytree(EXAMPLE, root)
    text = (root / "prose.yaml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    lines: dict[str, int] = {}
    for bid, body in blocks.items():
        text += f"  - id: {bid}\n    title: 块{bid}\n"
        lines[bid] = text.count("\n") + 1
        text += f"    body: {json.dumps(body, ensure_ascii=False)}\n"
    (root / "prose.yaml").write_text(text, encoding="utf-8")
    project = root / "projects" / "linchuan-gov-dc.yaml"
    used = "".join(f"  - prose:{bid}\n" for bid in blocks)
    project.write_text(project.read_text(encoding="utf-8").replace("  - prose:archive\n", "  - prose:archive\n" + used))
    return lines


def test_every_payload_is_a_located_error_and_check_ends(tmp_path: Path) -> None:
    lines = _with_blocks(tmp_path / "content", {bid: body for bid, (body, _) in PAYLOADS.items()})
    # The timeout only bounds a regression (before the limits: 49 s and 7.9 GB for the first
    # payload, for ever for the nested loops); all of them together take a few seconds.
    run = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--content", "content", "--quiet"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    errors = [ln for ln in run.stderr.splitlines() if ": error: " in ln]
    for i, (bid, (_, detail)) in enumerate(PAYLOADS.items(), start=1):
        at = f"content/prose.yaml:{lines[bid]}:11: error: 文本块“块{bid}”正文第 1 行超出资源限制：{detail}"
        found = [ln for ln in errors if ln.startswith(at)]
        assert found, f"{bid}: no line starting {at!r} in\n" + "\n".join(errors)
        assert found[0].endswith(f"(at blocks[{i}].body)")
    assert len(errors) == len(PAYLOADS), "\n".join(errors)


def test_the_error_names_the_line_of_the_body(example_model: Any) -> None:
    body = "第一行{{ company.short_name }}\n{% for i in range(3) %}\n{{ 'a' * 10**6 }}\n{% endfor %}\n"
    where = _anywhere()
    _, problem = prose.render_checked(
        ProseBlock(id="x", title="说明", body=body), prose.context(example_model, None), where
    )
    assert problem is not None and problem.location == where
    assert problem.message == f"文本块“说明”正文第 3 行超出资源限制：{TEXT}（文本块只写说明文字，不做大量计算）"


def _anywhere() -> Location:
    return Location(Path("content/prose.yaml"), 7, 11)


# --- up to the limits, everything works -------------------------------------------------


def test_values_up_to_the_limits_are_fine() -> None:
    n = prose.MAX_SIZE
    body = (
        f"{{{{ ('a' * {n})|length }}}} {{{{ range({n})|list|length }}}} {{{{ ([0] * {n})|length }}}} "
        f"{{{{ 10**99 > 0 }}}} {{% for i in range({prose.MAX_LOOPS}) %}}{{% endfor %}}"
        f"{{{{ '%5d|%.2f' % (7, 1.5) }}}} {{{{ '{{:>5}}'.format(3) }}}}"
    )
    assert prose.render(ProseBlock(id="x", title="上限", body=body), {}) == f"{n} {n} {n} True     7|1.50     3"
    with pytest.raises(prose.ProseLimitError, match=TEXT):
        prose.render(ProseBlock(id="x", title="上限", body=f"x{{{{ 'a' * {n + 1} }}}}"), {})
    with pytest.raises(prose.ProseLimitError, match=NUMBER):
        prose.render(ProseBlock(id="x", title="上限", body="x{{ 10**100 }}"), {})


def _plain() -> SandboxedEnvironment:
    """How prose rendered before the limits."""
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


ORDINARY = [
    "{{ company.short_name }}为每个项目建立用户档案，质保期为{{ warranty.period.zh() }}。",
    "{% for level in response.levels %}{{ loop.index }}. {{ level.name }}{{ '；' if not loop.last else '。' }}\n{% endfor %}",
    "共{{ people|length }}人：{{ people.values()|map(attribute='name')|select|join('、') }}",
    "{{ partners|sort(attribute='id')|map(attribute='name')|list|first }} {{ partners|length }}家",
    "{% set ns = namespace(n=0) %}{% for p in partners %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}",
    "{{ company.name ~ '（' ~ company.short_name ~ '）' }} {{ '%s家，%d年' % ('三', 3) }} {{ '{}-{}'.format(1, 2) }}",
    "{% macro item(x) %}- {{ x|upper|replace('A', 'a')|truncate(20) }}{% endmacro %}{{ item('abc') }}\n{{ item('def') }}",
    "{% for x in [[1, [2]], 3] recursive %}{% if x is iterable %}[{{ loop(x) }}]{% else %}{{ x }}{% endif %}{% endfor %}",
    "{% set text %}{% for i in range(3) %}{{ i * 2 }}{% endfor %}{% endset %}{{ text|center(9) }}|{{ text|indent(2) }}",
    "{{ (range(10)|batch(3)|list)[1] }} {{ range(5)|sum }} {{ 2 ** 10 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ [1, 2] + [3] }}",
    "{{ 'x' * 3 }}{{ 3 * 'y' }} {{ 'a-b-c'.split('-')|join(',') }} {{ 'abc'|reverse }} {{ {'b': 1, 'a': 2}|dictsort }}",
    "{{ '%-6s|' % '左' }}{{ '{:,}'.format(1234567) }} {{ 1234567 * 1000 }} {{ 'abc'.center(7, '*') }} {{ 'a b'|wordwrap(1) }}",
]


@pytest.mark.parametrize("body", ORDINARY, ids=range(len(ORDINARY)))
def test_ordinary_templates_render_as_before(body: str, example_model: Any) -> None:
    variables = prose.context(example_model, example_model.project("linchuan-gov-dc"))
    block = ProseBlock(id="x", title="普通", body=body)
    assert prose.render(block, variables) == _plain().from_string(body).render(variables)


def test_the_example_and_seed_blocks_render_as_before(example_model: Any) -> None:
    models = [example_model, *(check(seed).model for seed in sorted(SEEDS.glob("s0*")) if seed.is_dir())]
    rendered = 0
    for model in models:
        assert model is not None
        for rp in model.projects:
            variables = prose.context(model, rp)
            for block in [*model.content.prose.blocks, *rp.project.prose]:
                expected = _plain().from_string(block.body).render(variables)
                assert prose.render(block, variables) == expected
                assert prose.render_checked(block, variables, _anywhere()) == (expected, None)
                rendered += 1
    assert rendered >= 6  # the example: 1 block × 3 projects; the seeds: 3 (s000 needs none)


def test_models_keep_their_pydantic_api_out_of_reach(example_model: Any) -> None:
    variables = prose.context(example_model, None)
    for body in ("{{ company.model_dump_json(indent=99999) }}", "{{ company.model_copy() }}", "{{ company.json() }}"):
        _, problem = prose.render_checked(ProseBlock(id="x", title="接口", body=body), variables, _anywhere())
        assert problem is not None and "is unsafe" in problem.message, body
    _, problem = prose.render_checked(ProseBlock(id="x", title="改动", body="x{{ [1].append(2) }}"), {}, _anywhere())
    assert problem is not None and "is unsafe" in problem.message
