"""Strict YAML loading.

PyYAML's safe loader still applies YAML 1.1 implicit typing (``8:30`` -> 510,
``0571`` -> octal, ``no`` -> False), keeps the last of two duplicate keys and
expands aliases without bound.  Here we only *compose* the node graph (no
constructors run, so nothing can be executed) and build plain Python values
ourselves: every scalar stays text (the schema decides what it means), ``null``
/ ``~`` / empty become None, duplicate keys, unknown tags, tabs and alias bombs
are errors.  Each mapping and list remembers where its entries came from, so a
validation error can name file, line, column and key path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.reading.diagnostics import Diagnostic, Location

# Beyond this many values built from one file, aliases are being used to
# blow the document up ("billion laughs"): stop before memory goes.
MAX_VALUES_PER_FILE = 200_000

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# Explicit core tags are harmless: the value is kept as text for the schema.
_CORE_SCALAR_TAGS = {
    _STR,
    _NULL,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
}


class _Resolver(yaml.resolver.BaseResolver):
    """Resolves nothing implicitly except null and the merge key."""


_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver(_MERGE, re.compile(r"^(?:<<)$"), ["<"])


class _Composer(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Resolver,
):
    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


@dataclass(frozen=True)
class Mark:
    """Where a value was written: file, 1-based line and column, key path."""

    file: Path
    line: int
    col: int
    path: str

    def location(self) -> Location:
        return Location(self.file, self.line, self.col, self.path)


class LDict(dict[str, Any]):
    """A mapping that remembers the position of each key and value."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]
    # Keys an override removed with null, and where it did so.
    removed: dict[str, Mark]

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks = {}
        self.value_marks = {}
        self.removed = {}


class LList(list[Any]):
    """A list that remembers the position of each item."""

    mark: Mark
    item_marks: list[Mark]

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks = []


class LoadError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Builder:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.count = 0
        self.active: set[int] = set()

    def mark(self, node: Node, path: str) -> Mark:
        m = node.start_mark
        return Mark(self.file, m.line + 1, m.column + 1, path)

    def fail(self, node: Node, path: str, message: str) -> LoadError:
        return LoadError(Diagnostic.error(message, self.mark(node, path).location()))

    def build(self, node: Node, path: str) -> Any:
        self.count += 1
        if self.count > MAX_VALUES_PER_FILE:
            raise self.fail(
                node,
                path,
                f"别名（&/*）展开后超过 {MAX_VALUES_PER_FILE} 个值，疑似“别名炸弹”，已停止读取",
            )
        if id(node) in self.active:
            raise self.fail(node, path, "别名引用了包含它自身的节点（循环引用）")
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return self.sequence(node, path)
            if isinstance(node, MappingNode):
                return self.mapping(node, path)
        finally:
            self.active.discard(id(node))
        raise self.fail(node, path, "无法识别的 YAML 节点")  # pragma: no cover

    def scalar(self, node: ScalarNode, path: str) -> str | None:
        if node.tag not in _CORE_SCALAR_TAGS:
            raise self.fail(node, path, f"不允许的 YAML 标签 {node.tag}：内容文件只能包含普通文本、列表和映射")
        if node.tag == _NULL and node.style is None:
            return None
        return str(node.value)

    def sequence(self, node: SequenceNode, path: str) -> LList:
        if node.tag != _SEQ:
            raise self.fail(node, path, f"不允许的 YAML 标签 {node.tag}")
        out = LList(self.mark(node, path))
        for i, item in enumerate(node.value):
            item_path = _join(path, i)
            out.append(self.build(item, item_path))
            out.item_marks.append(self.mark(item, item_path))
        return out

    def mapping(self, node: MappingNode, path: str) -> LDict:
        if node.tag != _MAP:
            raise self.fail(node, path, f"不允许的 YAML 标签 {node.tag}")
        out = LDict(self.mark(node, path))
        merged: list[LDict] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.extend(self.merge_sources(value_node, path))
                continue
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, path, "映射的键必须是简单文本")
            key = self.scalar(key_node, path)
            if key is None:
                raise self.fail(key_node, path, "映射的键不能为空")
            key_path = _join(path, key)
            if key in out.key_marks:
                first = out.key_marks[key]
                raise self.fail(
                    key_node,
                    key_path,
                    f"重复的键“{key}”（第 {first.line} 行已出现）：YAML 只会保留其中一个值，另一个会悄悄丢失",
                )
            out.key_marks[key] = self.mark(key_node, key_path)
            out.value_marks[key] = self.mark(value_node, key_path)
            out[key] = self.build(value_node, key_path)
        # Merge keys (<<: *base) fill in only what the mapping does not set itself.
        for source in merged:
            for key, value in source.items():
                if key not in out:
                    out[key] = value
                    out.key_marks[key] = source.key_marks[key]
                    out.value_marks[key] = source.value_marks[key]
        return out

    def merge_sources(self, node: Node, path: str) -> list[LDict]:
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        sources = []
        for n in nodes:
            built = self.build(n, path)
            if not isinstance(built, LDict):
                raise self.fail(n, path, "合并键 << 只能引用映射")
            sources.append(built)
        return sources


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def load_text(text: str, file: Path) -> Any:
    """Parse YAML text strictly; raise LoadError with a located diagnostic."""
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        col = tab.end() - tab.start()
        raise LoadError(
            Diagnostic.error("缩进中使用了制表符（Tab）：YAML 只能用空格缩进", Location(file, line, col, ""))
        )
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "语法错误"
        raise LoadError(Diagnostic.error(f"YAML 语法错误：{problem}", Location(file, line, col, ""))) from None
    except yaml.YAMLError as exc:
        raise LoadError(Diagnostic.error(f"YAML 语法错误：{exc}", Location(file, 1, 1, ""))) from None
    finally:
        composer.dispose()
    if node is None:
        raise LoadError(Diagnostic.error("文件为空：至少需要一个映射（键: 值）", Location(file, 1, 1, "")))
    return _Builder(file).build(node, "")


def decode(raw: bytes, file: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "（看起来像 GBK/GB2312 编码）" if _looks_like_gbk(raw) else ""
        raise LoadError(
            Diagnostic.error(
                f"文件不是 UTF-8 编码{hint}：请用编辑器另存为 UTF-8",
                Location(file, line, col, ""),
            )
        ) from None


def _looks_like_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def load_mapping(file: Path) -> LDict:
    """Read one content file; it must hold a mapping at the top."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise LoadError(Diagnostic.error(f"无法读取文件：{exc.strerror}", Location(file, 1, 1, ""))) from None
    value = load_text(decode(raw, file), file)
    if not isinstance(value, LDict):
        kind = "列表" if isinstance(value, list) else "单个值"
        raise LoadError(Diagnostic.error(f"文件顶层必须是映射（键: 值），这里是{kind}", Location(file, 1, 1, "")))
    return value
