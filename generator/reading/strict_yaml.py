"""Strict YAML loading.

PyYAML's safe loader still applies YAML 1.1 implicit typing (``8:30`` -> 510,
``0571`` -> octal, ``no`` -> False), keeps the last of two duplicate keys and
expands aliases without bound.  Here we only *compose* the node graph (no
constructors run, so nothing can be executed) and build plain Python values
ourselves: every scalar stays text (the schema decides what it means), ``null``
/ ``~`` / empty become None, duplicate keys, unknown tags, tabs, control
characters and alias bombs are errors.  Each mapping and list remembers where
its entries came from, so a validation error can name file, line, column and key path.

A content file is read only if it is a regular file of at most MAX_FILE_BYTES:
a FIFO, a device or a directory is refused without reading (folder.py also keeps
symlinks inside the content folder).  libyaml composes the nodes where PyYAML has
it (a 13 MB file in about a second), else PyYAML's own Python composer.
"""

from __future__ import annotations

import gc
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.reading.diagnostics import Diagnostic, Location

# Beyond this many values reached through aliases (*name, <<: *name), counted at
# every level of nesting, aliases are being used to blow the document up
# ("billion laughs"): stop before memory goes. Values written out count nothing,
# however many a file holds; MAX_FILE_BYTES bounds those.
MAX_ALIAS_EXPANSIONS = 100_000
# Deeper than this, a content file is not data but an attack on the recursion.
MAX_DEPTH = 64
# A content file larger than this is not content (13 MB holds 40,000 partners).
MAX_FILE_BYTES = 50 * 1024 * 1024

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

# Characters no content may hold, since they would reach the terminal, the
# documents and the workbook as they are: C0 controls but tab, line feed and
# carriage return; DEL and C1; the bidirectional embeddings, overrides and
# isolates, which make text display in another order than it is written.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _forbidden_message(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return (
            f"含有控制字符“\\x{code:02x}”：内容只能包含可打印的文字、制表符和换行，"
            "请删除它（常见于从其他软件复制来的文本）"
        )
    return (
        f"含有双向文本控制字符“\\u{code:04x}”（{unicodedata.name(char, '')}）："
        "它会让文字显示的顺序与实际内容不同，请删除它"
    )


_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


class _Resolver(yaml.resolver.BaseResolver):
    """Resolves nothing implicitly except null and the merge key: a plain scalar
    ``~``/``null``/empty is null, ``<<`` the merge key, everything else text.
    Called once per node, so it answers directly instead of trying regular expressions."""

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                if value in _NULL_WORDS:
                    return _NULL
                if value == "<<":
                    return _MERGE
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers

    def ascend_resolver(self) -> None:
        pass


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


try:
    from yaml._yaml import CParser

    _LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _LIBYAML = False

if _LIBYAML:

    class _FastComposer(CParser, _Resolver):
        """libyaml's scanner, parser and composer with our resolver: the same nodes, ten times faster."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _Resolver.__init__(self)


class Mark(NamedTuple):
    """Where a value was written: file, 1-based line and column, key path."""

    file: Path
    line: int
    col: int
    path: str

    def location(self) -> Location:
        return Location(self.file, self.line, self.col, self.path)


# Makes a Mark without NamedTuple's __new__ (a Python call): the loader makes a million.
_new_mark = tuple.__new__


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


class _Builder:
    def __init__(self, file: Path) -> None:
        self.file = file
        # Collections already built: met again, they are reached through an alias.
        self.built: set[int] = set()
        # Collections being built (the ancestors of the current node): met again, a cycle.
        self.active: set[int] = set()
        self.aliased = 0  # how many alias expansions the current node lies inside
        self.expanded = 0  # values built through aliases so far

    def mark(self, node: Node, path: str) -> Mark:
        m = node.start_mark
        return Mark(self.file, m.line + 1, m.column + 1, path)

    def fail(self, node: Node, path: str, message: str) -> LoadError:
        return LoadError(Diagnostic.error(message, self.mark(node, path).location()))

    def expand(self, node: Node, path: str) -> None:
        self.expanded += 1
        if self.expanded > MAX_ALIAS_EXPANSIONS:
            raise self.fail(
                node,
                path,
                f"别名（*）展开出的值超过 {MAX_ALIAS_EXPANSIONS} 个，疑似“别名炸弹”，已停止读取",
            )

    def build(self, node: Node, path: str) -> Any:
        if isinstance(node, ScalarNode):
            if self.aliased:
                self.expand(node, path)
            return self.scalar(node, path)
        key = id(node)
        if key in self.active:
            raise self.fail(node, path, "别名引用了包含它自身的节点（循环引用）")
        alias = key in self.built
        if alias:
            self.aliased += 1
        else:
            self.built.add(key)
        try:
            if self.aliased:
                self.expand(node, path)
            if len(self.active) >= MAX_DEPTH:
                raise self.fail(node, path, f"嵌套超过 {MAX_DEPTH} 层：内容文件不需要这么深的结构")
            self.active.add(key)
            try:
                if isinstance(node, SequenceNode):
                    return self.sequence(node, path)
                if isinstance(node, MappingNode):
                    return self.mapping(node, path)
            finally:
                self.active.discard(key)
        finally:
            if alias:
                self.aliased -= 1
        raise self.fail(node, path, "无法识别的 YAML 节点")  # pragma: no cover

    def scalar(self, node: ScalarNode, path: str) -> str | None:
        if node.tag not in _CORE_SCALAR_TAGS:
            raise self.fail(node, path, f"不允许的 YAML 标签 {node.tag}：内容文件只能包含普通文本、列表和映射")
        if node.tag == _NULL and not node.style:  # plain: None from PyYAML, "" from libyaml
            return None
        value: str = node.value
        if node.style == '"':  # escapes (\x01, \u202e) write what the file itself cannot hold
            bad = _FORBIDDEN.search(value)
            if bad:
                raise self.fail(node, path, "转义序列写出的文字" + _forbidden_message(bad.group()))
        return value

    # sequence() and mapping() build a 13 MB file's million values: they make marks and
    # plain scalars inline rather than through mark() and build().

    def sequence(self, node: SequenceNode, path: str) -> LList:
        if node.tag != _SEQ:
            raise self.fail(node, path, f"不允许的 YAML 标签 {node.tag}")
        out = LList(self.mark(node, path))
        file, marks = self.file, out.item_marks
        for i, item in enumerate(node.value):
            item_path = f"{path}[{i}]"
            m = item.start_mark
            marks.append(_new_mark(Mark, (file, m.line + 1, m.column + 1, item_path)))
            out.append(
                self.scalar(item, item_path)
                if type(item) is ScalarNode and not self.aliased
                else self.build(item, item_path)
            )
        return out

    def mapping(self, node: MappingNode, path: str) -> LDict:
        if node.tag != _MAP:
            raise self.fail(node, path, f"不允许的 YAML 标签 {node.tag}")
        out = LDict(self.mark(node, path))
        file = self.file
        merged: list[LDict] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.extend(self.merge_sources(value_node, path))
                continue
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, path, "映射的键必须是简单文本")
            key = key_node.value if key_node.tag == _STR and key_node.style != '"' else self.scalar(key_node, path)
            if key is None:
                raise self.fail(key_node, path, "映射的键不能为空")
            key_path = f"{path}.{key}" if path else key
            if key in out.key_marks:
                first = out.key_marks[key]
                raise self.fail(
                    key_node,
                    key_path,
                    f"重复的键“{key}”（第 {first.line} 行已出现）：YAML 只会保留其中一个值，另一个会悄悄丢失",
                )
            m = key_node.start_mark
            out.key_marks[key] = _new_mark(Mark, (file, m.line + 1, m.column + 1, key_path))
            m = value_node.start_mark
            out.value_marks[key] = _new_mark(Mark, (file, m.line + 1, m.column + 1, key_path))
            if type(value_node) is not ScalarNode or self.aliased:
                out[key] = self.build(value_node, key_path)
            elif value_node.tag == _STR and value_node.style != '"':  # plain text: as scalar() would
                out[key] = value_node.value
            else:
                out[key] = self.scalar(value_node, key_path)
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


# A run that leaves more new objects than this behind (loading 40,000 partners: over two
# million) has them frozen by collector_paused(keep=True); content of a few hundred kB, never.
_FREEZE_ABOVE = 1_000_000


@contextmanager
def collector_paused(keep: bool = False) -> Iterator[None]:
    """Make many long-lived objects without the cyclic garbage collector walking them again and again.

    Loading a 13 MB file makes millions of small objects and frees none; validating it, as
    many again. The collector runs every few hundred allocations and, as the heap grows,
    walks every object there is, so it took longer than the work itself (40,000 partners:
    11 s to load instead of 2). It is paused meanwhile. With ``keep``, if that left more
    than _FREEZE_ABOVE new objects, they are moved out of its reach (gc.freeze: still freed
    as soon as nothing uses them, only never walked again), since content lives as long as
    the run; release_frozen() gives them back when the next run begins."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if keep and gc.get_count()[0] > _FREEZE_ABOVE:
                gc.freeze()
            gc.enable()


def release_frozen() -> None:
    """Give what an earlier run froze back to the collector, and collect what of it is garbage
    now (cycles a renderer left behind, frozen with the content), so that a long-running
    ``serve`` holds no more than one run's worth. Nothing to do after small runs."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of text[index]."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_characters(text: str, file: Path) -> None:
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        col = tab.end() - tab.start()
        raise LoadError(
            Diagnostic.error("缩进中使用了制表符（Tab）：YAML 只能用空格缩进", Location(file, line, col, ""))
        )
    bad = _FORBIDDEN.search(text)
    if bad:
        line, col = _position(text, bad.start())
        raise LoadError(Diagnostic.error("文本中" + _forbidden_message(bad.group()), Location(file, line, col, "")))


# Up to this size a file libyaml refuses is parsed again by PyYAML's Python parser,
# whose messages name what it found ("found undefined alias 'base'").
_REPARSE_CHARS = 1_000_000


def _compose(text: str, file: Path) -> Node | None:
    try:
        try:
            return _compose_with(_FastComposer if _LIBYAML else _Composer, text)
        except yaml.YAMLError:
            if not _LIBYAML or len(text) > _REPARSE_CHARS:
                raise
        return _compose_with(_Composer, text)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, file) from None
    except RecursionError:  # PyYAML's Python composer; libyaml refuses such nesting itself
        raise LoadError(
            Diagnostic.error(f"嵌套超过 {MAX_DEPTH} 层：内容文件不需要这么深的结构", Location(file, 1, 1, ""))
        ) from None


def _compose_with(kind: Any, text: str) -> Node | None:
    composer = kind(text)
    try:
        node: Node | None = composer.get_single_node()
        return node
    finally:
        composer.dispose()


def _syntax_error(exc: yaml.YAMLError, file: Path) -> LoadError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "语法错误"
        return LoadError(Diagnostic.error(f"YAML 语法错误：{problem}", Location(file, line, col, "")))
    return LoadError(Diagnostic.error(f"YAML 语法错误：{exc}", Location(file, 1, 1, "")))


def load_text(text: str, file: Path) -> Any:
    """Parse YAML text strictly; raise LoadError with a located diagnostic."""
    _check_characters(text, file)
    with collector_paused():
        node = _compose(text, file)
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


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "目录"
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISCHR(mode):
        return "字符设备"
    if stat.S_ISBLK(mode):
        return "块设备"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def _refuse(file: Path, message: str) -> LoadError:
    return LoadError(Diagnostic.error(message, Location(file, 0, 0, "")))


def _not_regular(file: Path, mode: int) -> LoadError:
    return _refuse(file, f"不是普通文件，而是{_kind(mode)}：内容文件必须是普通文件，未读取")


def _too_large(file: Path, size: int) -> LoadError:
    mb = 1024 * 1024
    return _refuse(
        file,
        f"文件过大（{size / mb:.1f} MB，上限 {MAX_FILE_BYTES // mb} MB）：内容文件不会这么大，"
        "请检查是否放错了文件，未读取",
    )


def read_limited(file: Path, source: Path | None = None) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES. A FIFO, a device or a
    directory is refused before it is opened (opening some devices does something) and
    again on the open file, so nothing swapped in between is read. Errors name ``file``,
    the path as the content folder has it; ``source`` is where it really is (folder.py
    resolves symlinks inside the folder)."""
    path = source or file
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(file, st.st_mode)
        if st.st_size > MAX_FILE_BYTES:
            raise _too_large(file, st.st_size)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
    except OSError as exc:
        raise LoadError(Diagnostic.error(f"无法读取文件：{exc.strerror}", Location(file, 1, 1, ""))) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(file, st.st_mode)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > MAX_FILE_BYTES:  # grew since it was looked at
                raise _too_large(file, total)
            chunks.append(chunk)
    except OSError as exc:
        raise LoadError(Diagnostic.error(f"无法读取文件：{exc.strerror}", Location(file, 1, 1, ""))) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def load_mapping(file: Path, source: Path | None = None) -> LDict:
    """Read one content file; it must hold a mapping at the top. ``source``: where the file
    really is, where ``file`` is a symlink folder.py has checked."""
    value = load_text(decode(read_limited(file, source), file), file)
    if not isinstance(value, LDict):
        kind = "列表" if isinstance(value, list) else "单个值"
        raise LoadError(Diagnostic.error(f"文件顶层必须是映射（键: 值），这里是{kind}", Location(file, 1, 1, "")))
    return value
