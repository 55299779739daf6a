"""Fuzzing: the example content mutated at random, fed to `check` and to a one-project
`build` through generator.cli.main. Whatever the content, the answer is exit 0, 1 or 2
with no traceback (3 is an internal error: a bug), and a build that fails leaves no
partial output.

A mutation is made on a copy of content/ in a temporary folder: a YAML file is loaded
into Python objects (every scalar text, as aftersales reads it), changed (a scalar
replaced by a random one, a number inside a value changed with its shape kept, a key or
item deleted, an item duplicated, a value given an odd type or nested hundreds deep)
and dumped back, or its text is cut short, has characters inserted, or a line (a key)
duplicated or deleted. The build is also fed words in place of words (markup, formula
prefixes, control characters, very long text): content that often stays valid, so the
renderers see it. `make test` runs a small, derandomized budget; `scripts/fuzz.py
--examples N` a larger random one.

A crash the fuzzer found that is someone else's to fix is listed in KNOWN: its pinned
case must still crash (a strict xfail: once fixed, remove the entry), and generated
cases that crash the same way are set aside, so the test keeps looking for new ones.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import shutil
import tempfile
import traceback
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, reject, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from generator.cli import main

# Hypothesis caches (unicode tables, constants from the source) in ./.hypothesis by
# default, which is the checkout: keep them in the temporary folder.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "aftersales-hypothesis")

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content"
PROJECT = "qingshi-classroom"  # the build: one project, with a 偏离表 workbook
FILES = sorted(p.relative_to(EXAMPLE).as_posix() for p in EXAMPLE.rglob("*.yaml"))


class _Loader(yaml.SafeLoader):
    """Every scalar text, as aftersales reads it: only null and the merge key resolve."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # a SafeLoader: no Python objects


def _dump(tree: Any) -> str:
    return yaml.dump(tree, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=1 << 20)


TEXTS = {name: (EXAMPLE / name).read_bytes().decode("utf-8") for name in FILES}
TREES = {name: _load(text) for name, text in TEXTS.items()}
KEY_LINES = {
    name: [i for i, line in enumerate(text.split("\n")) if re.match(r"\s*(- )?[A-Za-z_]+:", line)]
    for name, text in TEXTS.items()
}
NEST = "fuzznestedvaluehere"  # where a deeply nested value goes, after dumping
RAW = ("truncate", "insert", "dup-line", "del-line")  # mutations of the text, not of the loaded YAML


@dataclass(frozen=True)
class Mutation:
    file: str
    op: str  # set, number, delete, retype, nest, dup-item (on the loaded YAML); truncate, insert, dup-line, del-line (on the text)
    path: tuple[str | int, ...] = ()
    value: Any = None  # the new value; the text inserted; the nesting depth
    at: int = 0  # a character offset or line index; for nest, 0 nests lists and 1 mappings


@dataclass(frozen=True)
class Case:
    mutations: tuple[Mutation, ...]
    pinned: str = ""  # the KNOWN crash this explicit example reproduces


# --- what a mutation puts in -----------------------------------------------------------

ODD_TEXT = [
    "",
    " ",
    "~",
    "null",
    "0",
    "-1",
    "1e309",
    "NaN",
    "-inf",
    "12345678901234567890123456789012345678901234567890123456",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "100000年",
    "0.001年",
    "0分钟",
    "7×24",
    "7×24小时",
    "24/7",
    "25:61-8:30",
    "每0年1次",
    "不适用",
    "立即",
    "¥1,200.505",
    "100%",
    "-5%",
    "\x01",
    "a\x1b[31mred",
    "\u202ertl",
    "\ufeffbom",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example/","x")',
    "{{ company.name }}",
    "{% for x in y %}",
    "{{ 'a' * 10**9 }}",
    "../../etc/passwd",
    "*alias",
    "x" * 3000,
    "字" * 500,
    "８小时",
    "３年",
    "p01",
    "l1",
    "classroom",
]
SCALARS = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(max_size=30),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(min_value=date(1, 1, 1)),
)
KEYS = st.one_of(
    st.sampled_from(["id", "name", "period", "lines", "note", "level", "<<"]), st.text(min_size=1, max_size=8)
)
SHAPES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3), max_leaves=6
)
INSERTS = st.one_of(
    st.sampled_from(
        [":", ": ", "- ", "\n", "\t", "  ", "{", "}", "[", "]", "&a ", "*a", "!!python/object:os.system ",
         "!!binary ", "<<: *a", "#", "'", '"', "|", ">", "%YAML 1.1\n", "---\n", "...\n", "\ufeff", "\x00",
         "\x01", "\x1b[31m", "\u2028", "\r", "\r\n", "? ", "@", "`", "字"]
    ),
    st.text(min_size=1, max_size=10),
)  # fmt: skip
OPS = [
    "set",
    "set",
    "set",
    "delete",
    "delete",
    "retype",
    "nest",
    "dup-item",
    "truncate",
    "insert",
    "dup-line",
    "del-line",
]


@st.composite
def _paths(draw: st.DrawFn, tree: Any) -> tuple[str | int, ...]:
    path: list[str | int] = []
    node, depth = tree, draw(st.integers(0, 12))
    while isinstance(node, dict | list) and node and len(path) < depth:
        key = draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
        path.append(key)
        node = node[key]
    return tuple(path)


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    name = draw(st.sampled_from(FILES))
    op = draw(st.sampled_from(OPS))
    text = TEXTS[name]
    if op == "truncate":
        return Mutation(name, op, at=draw(st.integers(0, len(text))))
    if op == "insert":
        return Mutation(name, op, value=draw(INSERTS), at=draw(st.integers(0, len(text))))
    if op in ("dup-line", "del-line"):
        lines = KEY_LINES[name] if op == "dup-line" else range(text.count("\n") + 1)
        return Mutation(name, op, at=draw(st.sampled_from(lines)))
    path = draw(_paths(TREES[name]))
    if op == "set":
        return Mutation(name, op, path, draw(SCALARS))
    if op == "retype":
        return Mutation(name, op, path, draw(SHAPES))
    if op == "nest":
        return Mutation(name, op, path, draw(st.integers(1, 2000)), at=draw(st.integers(0, 1)))
    return Mutation(name, op, path)


MIXED = st.lists(mutations(), min_size=1, max_size=3).map(lambda ms: Case(tuple(ms)))


def _leaves(node: Any, pattern: str, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _leaves(value, pattern, (*path, key))]
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in _leaves(value, pattern, (*path, i))]
    return [path] if isinstance(node, str) and re.search(pattern, node) else []


TEXT_LEAVES = {name: _leaves(tree, r"[\u4e00-\u9fff]") for name, tree in TREES.items()}  # words: names, texts
WORDS = st.one_of(
    st.sampled_from(
        [
            "条款\x01文本",
            '=HYPERLINK("http://evil.example/","点此")',
            "+SUM(1,2)字",
            "<b>粗</b> & <script>alert(1)</script>",
            "</title><script>alert(1)</script>",
            "{{ 7*7 }}字",
            "字" * 3000,
            "a" * 400,
            "表情🙂\u200b零宽\u202e反向",
            "e\u0301\u0301\u0301字",
            "行一\n行二\r\n行三",
            "制表\t字",
            "\\x00字",
            "**粗体** - 列表 1. 项",
            "字;BEGIN:VEVENT\nEND:VCALENDAR",
        ]
    ),
    st.text(max_size=40).map(lambda s: "字" + s),
)


@st.composite
def text_mutations(draw: st.DrawFn) -> Mutation:
    """A word value replaced by other words: content that often stays valid, so the build
    gets as far as rendering it into every format."""
    name = draw(st.sampled_from([n for n in FILES if TEXT_LEAVES[n]]))
    return Mutation(name, "set", draw(st.sampled_from(TEXT_LEAVES[name])), draw(WORDS))


DIGIT_LEAVES = {name: _leaves(tree, r"\d") for name, tree in TREES.items()}  # numbers, dates, durations
NUMBERS = st.one_of(
    st.sampled_from(["0", "00", "1", "7", "12", "13", "24", "25", "29", "30", "31", "32", "60", "99", "100",
                     "365", "1000", "2199", "2200", "9999", "10000", "100000", "999999999", "1" + "0" * 30]),
    st.integers(0, 10**12).map(str),
)  # fmt: skip


@st.composite
def number_mutations(draw: st.DrawFn) -> Mutation:
    """A number inside a value changed, its shape kept: 2小时 → 100000小时, 2026-05-20 →
    9999-05-20, ¥1,200 → ¥1,999999999: values that parse, with bounds to hold."""
    name = draw(st.sampled_from([n for n in FILES if DIGIT_LEAVES[n]]))
    path = draw(st.sampled_from(DIGIT_LEAVES[name]))
    return Mutation(name, "number", path, draw(NUMBERS), at=draw(st.integers(0, 5)))


NUMBERS_CHANGED = number_mutations().map(lambda m: Case((m,)))
CASES = st.one_of(MIXED, NUMBERS_CHANGED)  # for check
BUILD_CASES = st.one_of(text_mutations().map(lambda m: Case((m,))), NUMBERS_CHANGED, MIXED)


# --- making the mutated copy --------------------------------------------------------------


def _edit_text(text: str, m: Mutation) -> str:
    at = min(m.at, len(text))
    if m.op == "truncate":
        return text[:at]
    if m.op == "insert":
        return text[:at] + str(m.value) + text[at:]
    lines = text.split("\n")
    if m.at >= len(lines):
        return text
    if m.op == "dup-line":
        return "\n".join([*lines[: m.at + 1], lines[m.at], *lines[m.at + 1 :]])
    return "\n".join([*lines[: m.at], *lines[m.at + 1 :]])


def _edit_tree(tree: Any, m: Mutation) -> tuple[Any, str | None]:
    """The changed tree, and the text that replaces NEST after dumping; KeyError,
    IndexError or TypeError when the path is gone (an earlier mutation changed it)."""
    *parents, last = m.path or (None,)
    parent = tree
    for key in parents:
        parent = parent[key]
    if m.op == "dup-item":
        indexed = [i for i, key in enumerate(m.path) if isinstance(key, int)]
        if not indexed:
            raise KeyError("no list on the path")
        holder = tree
        for key in m.path[: indexed[-1]]:
            holder = holder[key]
        item = m.path[indexed[-1]]
        holder.insert(item, holder[item])
        return tree, None
    if m.op == "number":
        runs = list(re.finditer(r"\d+", parent[last]))
        if not runs:
            raise KeyError("no number here")
        run = runs[m.at % len(runs)]
        parent[last] = parent[last][: run.start()] + str(m.value) + parent[last][run.end() :]
        return tree, None
    if m.op == "delete":
        if not m.path:
            return None, None
        del parent[last]
        return tree, None
    value: Any = NEST if m.op == "nest" else m.value
    if m.path:
        parent[last]  # the key must exist: KeyError or IndexError if not
        parent[last] = value
    else:
        tree = value
    nested = None
    if m.op == "nest":
        nested = "[" * m.value + "1" + "]" * m.value if m.at == 0 else "{a: " * m.value + "1" + "}" * m.value
    return tree, nested


def apply(root: Path, m: Mutation) -> None:
    """Change the copy of content/ in root; a mutation that no longer applies changes nothing."""
    target = root / m.file
    text = target.read_bytes().decode("utf-8", errors="surrogateescape")
    if m.op in RAW:
        new = _edit_text(text, m)
    else:
        try:
            tree, nested = _edit_tree(_load(text), m)
            new = _dump(tree)
        except Exception:  # the text no longer parses (or nests too deep for PyYAML), or the path is gone
            return
        if nested is not None:
            new = new.replace(NEST, nested)
    target.write_bytes(new.encode("utf-8", errors="surrogateescape"))


def prepare(case: Case, work: Path) -> Path:
    content = work / "content"
    shutil.copytree(EXAMPLE, content)
    for m in case.mutations:
        apply(content, m)
    return content


# --- the property -----------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """A crash found by the fuzzer, someone else's to fix: how it shows, and a case."""

    name: str
    command: str  # check or build
    raises: type[BaseException]
    message: str  # a regular expression the exception's text matches
    case: Case


KNOWN: list[Known] = []


def _known(exc: BaseException, command: str) -> Known | None:
    for k in KNOWN:
        if k.command == command and isinstance(exc, k.raises) and re.search(k.message, str(exc)):
            return k
    return None


def run(args: Sequence[str]) -> tuple[int, str]:
    """generator.cli.main with AFTERSALES_DEBUG=1: an internal error raises (where it
    arose) instead of printing exit 3. The exit code and all that was printed."""
    printed = io.StringIO()
    before = os.environ.get("AFTERSALES_DEBUG")
    os.environ["AFTERSALES_DEBUG"] = "1"
    try:
        with redirect_stdout(printed), redirect_stderr(printed):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        if before is None:
            del os.environ["AFTERSALES_DEBUG"]
        else:
            os.environ["AFTERSALES_DEBUG"] = before
    return code, printed.getvalue()


def _guarded(case: Case, command: str, call: Callable[[], tuple[int, str]]) -> tuple[int, str]:
    try:
        code, printed = call()
    except Exception as exc:
        if _known(exc, command) and not case.pinned:
            reject()  # found before; its pinned case keeps it in view
        raise
    assert code in (0, 1, 2), f"exit {code}:\n{printed[-3000:]}"
    assert "Traceback" not in printed, printed[-3000:]
    return code, printed


def check_property(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="aftersales-fuzz-") as tmp:
        content = prepare(case, Path(tmp))
        _guarded(case, "check", lambda: run(["check", "--content", str(content), "--quiet"]))


def build_property(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="aftersales-fuzz-") as tmp:
        work = Path(tmp)
        content = prepare(case, work)
        out, site = work / "output", work / "site"
        args = ["build", "--content", str(content), "--project", PROJECT, "--output", str(out), "--site", str(site)]
        code, printed = _guarded(case, "build", lambda: run([*args, "--quiet"]))
        if code == 0:
            assert (out / PROJECT / "proposal.docx").is_file(), printed[-3000:]
            return
        # Nothing written, or only the marker that says aftersales owns the folder.
        left = [
            p.relative_to(work).as_posix()
            for folder in (out, site)
            if folder.exists()
            for p in folder.rglob("*")
            if not p.is_dir() and not p.name.startswith(".aftersales")
        ]
        assert not left, f"exit {code} left partial output: {left[:10]}\n{printed[-2000:]}"
        stray = sorted(set(os.listdir(work)) - {"content", "output", "site"})
        assert not stray, f"exit {code} left temporary files beside the outputs: {stray}"


def describe(case: Case) -> str:
    """What the case changes, as a unified diff of each file it touched (for reports)."""
    with tempfile.TemporaryDirectory(prefix="aftersales-fuzz-") as tmp:
        content = prepare(case, Path(tmp))
        out: list[str] = []
        for name in dict.fromkeys(m.file for m in case.mutations):
            new = (content / name).read_bytes().decode("utf-8", errors="surrogateescape")
            raw = any(m.file == name and m.op in RAW for m in case.mutations)
            old = TEXTS[name] if raw else _dump(TREES[name])  # dumped alike: only the change shows
            diff = difflib.unified_diff(old.split("\n"), new.split("\n"), name, name + " (mutated)", lineterm="")
            out.extend(line if len(line) < 300 else line[:300] + f"…(+{len(line) - 300})" for line in diff)
        return "\n".join(out)


def reproduce(case: Case, command: str) -> str:
    """The traceback the case gives (or its exit code), for a report."""
    with tempfile.TemporaryDirectory(prefix="aftersales-fuzz-") as tmp:
        work = Path(tmp)
        content = prepare(case, work)
        args = ["check", "--content", str(content)]
        if command == "build":
            args = ["build", "--content", str(content), "--project", PROJECT]
            args += ["--output", str(work / "output"), "--site", str(work / "site")]
        try:
            code, printed = run([*args, "--quiet"])
        except Exception:
            return traceback.format_exc().replace(str(work), "<tmp>").replace(work.name, "<tmp>")
        return f"exit {code}\n{printed}".replace(str(work), "<tmp>").replace(work.name, "<tmp>")


# --- the tests: a small budget for `make test` -------------------------------------------

FUZZ = settings(
    deadline=None,
    database=None,  # no .hypothesis in the checkout
    derandomize=True,  # the same cases on every run: `make test` does not flake
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def _pinned(command: str, test: Callable[..., None]) -> Callable[..., None]:
    for k in KNOWN:
        if k.command == command:
            test = example(case=Case(k.case.mutations, pinned=k.name)).xfail(raises=k.raises, reason=k.name)(test)
    return test


@settings(FUZZ, max_examples=25)
@given(case=CASES)
def test_check_never_crashes(case: Case) -> None:
    check_property(case)


@settings(FUZZ, max_examples=4)
@given(case=BUILD_CASES)
def test_build_never_crashes_nor_leaves_partial_output(case: Case) -> None:
    build_property(case)


test_check_never_crashes = _pinned("check", test_check_never_crashes)
test_build_never_crashes_nor_leaves_partial_output = _pinned(
    "build", test_build_never_crashes_nor_leaves_partial_output
)


def test_unmutated_content_round_trips() -> None:
    """Loading and dumping back changes nothing aftersales reads: the mutations are the only change."""
    with tempfile.TemporaryDirectory(prefix="aftersales-fuzz-") as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(EXAMPLE, content)
        for name in FILES:
            (content / name).write_text(_dump(_load(TEXTS[name])), encoding="utf-8")
        code, printed = run(["check", "--content", str(content), "--quiet"])
    original = run(["check", "--content", str(EXAMPLE), "--quiet"])[1]
    assert code == 0, printed
    assert _messages(printed) == _messages(original)


def _messages(printed: str) -> list[str]:
    return [line.split(": ", 1)[1] for line in printed.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
