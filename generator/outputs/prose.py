"""Free prose blocks: Markdown with Jinja variables taken from the model.

Rendered in a sandbox with StrictUndefined, so a misspelt variable is an
error at check time, never an empty gap in a bid.

The sandbox also bounds what a block may cost, since a block is content anyone
editing the YAML can write (`{{ 'a' * 10**9 }}`, loops inside loops over
`range(99999)`). Every value the template makes is checked before it is made:
strings, lists and `range()` at most MAX_SIZE long, integers at most
MAX_INT_DIGITS digits, formats no wider than MAX_SIZE; loops run at most
MAX_LOOPS times in all, calls and lookups at most MAX_STEPS, the text made in
all (every value, every printed piece) at most MAX_WORK characters, the output
at most MAX_SIZE characters, and a render stops after MAX_SECONDS. Past a limit
the render raises ProseLimitError, which `check` reports at the block's body.
"""

from __future__ import annotations

import inspect
import math
import re
import time
import types
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, Set, Sized, ValuesView
from decimal import Decimal
from string import Formatter
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, nodes
from jinja2.exceptions import TemplateRuntimeError
from jinja2.filters import FILTERS
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace, _PassArg, pass_context, pass_environment, pass_eval_context
from jinja2.visitor import NodeTransformer
from pydantic import BaseModel

from generator.model.prose import ProseBlock
from generator.model.resolved import ResolvedProject, ServiceModel
from generator.outputs.document import Block, Inline, ListBlock, Paragraph, Run
from generator.reading.diagnostics import Diagnostic, Location

# A prose block is a paragraph or two of a proposal. The limits are far above what
# one needs (the example's blocks print a few hundred characters, loop over a few
# dozen items) and far below what hurts: each is reached in well under a second.
MAX_SIZE = 100_000  # characters of a string or of the output, items of a list, range() length
MAX_INT_DIGITS = 100  # digits of an integer the template computes
MAX_LOOPS = 100_000  # loop iterations in all (Jinja's own sandbox allows range(100000))
MAX_STEPS = 200_000  # calls, attribute and item lookups, operators (a few µs each)
MAX_WORK = 10_000_000  # characters of all the values and pieces of text made
MAX_SECONDS = 5.0  # a last resort: the counts above end any block within about a second

_MAX_INT_BITS = int(MAX_INT_DIGITS * math.log2(10))  # 332 bits: 10**99 fits, 10**100 does not
_NUMBER = 400  # characters a number may print as (a float's %f runs to 309 digits)


class ProseLimitError(TemplateRuntimeError):
    """A prose block went past one of the limits above."""


_TOO_BIG = {
    "文本": f"生成的文本超过 {MAX_SIZE:,} 个字符",
    "列表": f"生成的列表超过 {MAX_SIZE:,} 项",
    "输出": f"输出的值超过 {MAX_SIZE:,} 个字符",
}


def _n(count: int) -> str:
    return f"{count:,}"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _width(digits: str) -> int:
    if len(digits) > 6 or int(digits) > MAX_SIZE:
        raise ProseLimitError(f"格式的宽度或精度超过 {_n(MAX_SIZE)}")
    return int(digits)


def _replace_size(text: Any, old: Any, new: Any, count: Any) -> int:
    """The length of text.replace(old, new, count), without making it."""
    if not (isinstance(text, str | bytes) and isinstance(old, type(text)) and isinstance(new, type(text))):
        return 0  # the call itself rejects it
    hits = len(text) + 1 if not old else text.count(old)  # type: ignore[arg-type]
    if _is_int(count) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * (len(new) - len(old))


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.?)", re.S)
_VALUES = (str, bytes, int, float, Decimal, list, tuple, dict, set, frozenset)
# Methods every pydantic model has (model_dump_json(indent=…), model_copy(update=…), …):
# nothing a sentence needs, and ways round the limits.
_PYDANTIC_API = frozenset(name for name in dir(BaseModel) if not name.startswith("_"))


class _Bounded(ImmutableSandboxedEnvironment):
    """A sandbox that counts what a render costs. One per render: the counts are its own."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})

    def __init__(self) -> None:
        super().__init__(
            undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True, finalize=self._printed
        )
        self.filters = dict(_FILTERS)
        self.globals.pop("lipsum", None)  # lipsum(n, min, max) writes n×max words of filler
        self.globals["range"] = self._range
        self._loops = 0
        self._steps = 0
        self._work = 0
        self._deadline = time.monotonic() + MAX_SECONDS
        self._reprs: dict[int, tuple[object, int]] = {}

    # --- the counts -------------------------------------------------------------

    def _step(self, count: int = 1) -> None:
        self._steps += count
        if self._steps > MAX_STEPS:
            raise ProseLimitError(f"调用、取值和运算超过 {_n(MAX_STEPS)} 次")
        if count > 1 or not self._steps % 1024:
            if time.monotonic() > self._deadline:
                raise ProseLimitError(f"渲染超过 {MAX_SECONDS:g} 秒")

    def _fits(self, size: int, kind: str = "文本") -> None:
        if size > MAX_SIZE:
            raise ProseLimitError(_TOO_BIG[kind])

    def _made(self, value: Any) -> Any:
        """A value the template made: within the limits, and paid for."""
        if _is_int(value):
            if value.bit_length() > _MAX_INT_BITS:
                raise ProseLimitError(f"计算出的整数超过 {MAX_INT_DIGITS} 位")
        elif isinstance(value, Decimal):
            if value.is_finite() and value and abs(value.adjusted()) >= MAX_INT_DIGITS:
                raise ProseLimitError(f"计算出的数超过 {MAX_INT_DIGITS} 位")
        elif isinstance(value, str | bytes | list | tuple | dict | set | frozenset):
            self._fits(len(value), "文本" if isinstance(value, str | bytes) else "列表")
            self._work += len(value)
            if self._work > MAX_WORK:
                raise ProseLimitError(f"累计生成的文本超过 {_n(MAX_WORK)} 个字符")
        return value

    def _text_size(self, value: Any, limit: int = MAX_SIZE) -> int:
        """About len(str(value)), counted until it passes limit (containers hold references:
        a list of one long string repeated prints that string each time)."""
        total, seen, todo = 0, 0, [value]
        while todo and total <= limit:
            v = todo.pop()
            seen += 1
            if isinstance(v, str | bytes):
                total += len(v)
            elif _is_int(v):
                total += v.bit_length() * 3 // 10 + 2
            elif isinstance(v, bool | float) or v is None:
                total += 5
            elif isinstance(v, Namespace):
                todo.append(object.__getattribute__(v, "_Namespace__attrs"))
            elif isinstance(v, Mapping | ItemsView):
                items = v.items() if isinstance(v, Mapping) else v
                total += 2 + 4 * len(items)
                if total <= limit:
                    todo.extend(x for pair in items for x in pair)
            elif isinstance(v, list | tuple | Set | KeysView | ValuesView):
                total += 2 + 2 * len(v)
                if total <= limit:
                    todo.extend(v)
            else:
                total += self._repr_size(v)
        if seen > 1:  # a container: its items were looked at
            self._step(seen)
        return total

    def _repr_size(self, value: object) -> int:
        known = self._reprs.get(id(value))
        if known is None or known[0] is not value:
            try:
                size = len(repr(value))
            except Exception:  # whatever it is, printing it fails the same way
                size = 0
            known = self._reprs[id(value)] = (value, size)
        return known[1]

    def _int_args(self, values: Iterable[Any], what: str) -> None:
        if any(_is_int(v) and abs(v) > MAX_SIZE for v in values):
            raise ProseLimitError(f"{what} 的参数超过 {_n(MAX_SIZE)}")

    # --- where the template makes values ------------------------------------------

    def _range(self, *args: int) -> range:
        made = range(*args)
        try:
            size = len(made)
        except OverflowError:
            size = MAX_SIZE + 1
        if size > MAX_SIZE:
            raise ProseLimitError(f"range() 超过 {_n(MAX_SIZE)} 项")
        return made

    def bounded_loop(self, iterable: Any) -> Iterator[Any]:
        """Every `for` loops over this (see _Guard)."""
        return self._counted(iter(iterable))

    def _counted(self, items: Iterator[Any]) -> Iterator[Any]:
        for item in items:
            self._loops += 1
            if self._loops > MAX_LOOPS:
                raise ProseLimitError(f"循环超过 {_n(MAX_LOOPS)} 次")
            if not self._loops % 1024 and time.monotonic() > self._deadline:
                raise ProseLimitError(f"渲染超过 {MAX_SECONDS:g} 秒")
            yield item

    def bounded_concat(self, *parts: Any) -> str:
        """`a ~ b` (see _Guard)."""
        size = 0
        for part in parts:
            size += self._text_size(part, MAX_SIZE - size)
            self._fits(size)
        return str(self._made("".join(map(str, parts))))

    def _printed(self, value: Any) -> Any:
        """Each {{ value }} before it is turned into text."""
        self._fits(self._text_size(value), "输出")
        return value

    def concat(self, pieces: Iterable[str]) -> str:
        """The output of the block, of a macro, of a {% set %} or {% filter %} block."""
        out: list[str] = []
        size = 0
        for piece in pieces:
            size += len(piece)
            if size > MAX_SIZE:
                raise ProseLimitError(f"输出超过 {_n(MAX_SIZE)} 个字符")
            out.append(piece)
        return str(self._made("".join(out)))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self._step()
        if operator == "**" and _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
            if right * math.log2(abs(left)) > _MAX_INT_BITS:
                raise ProseLimitError(f"计算出的整数超过 {MAX_INT_DIGITS} 位")
        elif operator == "*" and _is_int(left) and _is_int(right):
            if left.bit_length() + right.bit_length() > _MAX_INT_BITS + 1:
                raise ProseLimitError(f"计算出的整数超过 {MAX_INT_DIGITS} 位")
        elif operator == "*" and (_is_int(left) or _is_int(right)):
            times, seq = (left, right) if _is_int(left) else (right, left)
            if isinstance(seq, str | bytes | list | tuple) and times > 0:
                self._fits(len(seq) * times, "文本" if isinstance(seq, str | bytes) else "列表")
        elif operator == "+" and isinstance(left, str | bytes | list | tuple) and isinstance(right, Sized):
            self._fits(len(left) + len(right), "文本" if isinstance(left, str | bytes) else "列表")
        elif operator == "%" and isinstance(left, str):
            self._fits(self._printf_size(left, right))
        return self._made(super().call_binop(context, operator, left, right))

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self._step()
        if isinstance(obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (self.bounded_loop(args[0]), *args[1:])
        elif isinstance(obj, types.BuiltinMethodType) and isinstance(obj.__self__, _VALUES):
            args = self._method_args(obj.__name__, obj.__self__, args, kwargs)
        return self._made(super().call(context, obj, *args, **kwargs))

    def _method_args(self, name: str, owner: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        """Check a call of a str, list, int… method (widths, counts, what join and replace make)."""
        self._int_args([*args, *kwargs.values()], f"{name}()")
        if not isinstance(owner, str | bytes):
            return args
        if name == "join" and args:
            items = list(args[0])
            self._fits(self._join_size(owner, items))
            return (items, *args[1:])
        if name == "replace" and len(args) >= 2:
            count = args[2] if len(args) > 2 else kwargs.get("count", -1)
            self._fits(_replace_size(owner, args[0], args[1], count))
        elif name == "expandtabs":
            tab = args[0] if args else kwargs.get("tabsize", 8)
            tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
            self._fits(len(owner) + tabs * (tab if _is_int(tab) else 8))
        elif name == "translate" and args and isinstance(args[0], Mapping):
            longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
            self._fits(len(owner) * max(longest, 1))
        return args

    def _join_size(self, sep: Any, items: list[Any]) -> int:
        size = len(sep) * max(len(items) - 1, 0) if isinstance(sep, str | bytes) else 0
        for item in items:
            if size > MAX_SIZE:
                break
            size += self._text_size(item, MAX_SIZE - size)
        return size

    def _printf_size(self, fmt: str, args: Any) -> int:
        """About the length of fmt % args."""
        values = list(args.values()) if isinstance(args, Mapping) else list(args) if isinstance(args, tuple) else [args]
        fields = widest = 0
        for m in _PRINTF.finditer(fmt):
            if m.group(3) == "%":
                continue
            fields += 1
            for number in m.group(1, 2):
                if number == "*":  # the width is an argument
                    widest = max([widest, *(abs(v) for v in values if _is_int(v))])
                elif number:
                    widest = max(widest, _width(number))
        return len(fmt) + fields * (widest + _NUMBER + max((self._text_size(v) for v in values), default=0))

    def _format_size(self, template: str, args: tuple[Any, ...], named: Any) -> int:
        """About the length of template.format(*args, **named)."""
        values = [*args, *(named.values() if isinstance(named, Mapping) else ())]
        fields = widest = 0
        for _, field, spec, _ in Formatter().parse(template):
            if field is None:
                continue
            fields += 1
            if spec and "{" in spec:  # a width taken from the arguments
                widest = max([widest, *(abs(v) for v in values if _is_int(v))])
            for digits in re.findall(r"\d+", spec or ""):
                widest = max(widest, _width(digits))
        return len(template) + fields * (widest + _NUMBER + max((self._text_size(v) for v in values), default=0))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        formatted = super().wrap_str_format(value)
        if formatted is None:
            return None
        template, is_map = value.__self__, value.__name__ == "format_map"

        def bounded(*args: Any, **kwargs: Any) -> str:
            if is_map:
                self._fits(self._format_size(template, (), args[0] if args else None))
            else:
                self._fits(self._format_size(template, args, kwargs))
            return formatted(*args, **kwargs)

        return bounded

    def getattr(self, obj: Any, attribute: str) -> Any:
        self._step()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self._step()
        value = super().getitem(obj, argument)
        return self._made(value) if isinstance(argument, slice) else value

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, BaseModel) and attr in _PYDANTIC_API and attr not in type(obj).model_fields:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def filtered(
        self, name: str, func: Callable[..., Any], first: tuple[Any, ...], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        """A filter call: its arguments checked, what it makes estimated first where it multiplies."""
        self._step()
        value: Any = args[0] if args else None
        if name in _TEXT_FILTERS and not isinstance(value, str):
            self._fits(self._text_size(value))
        if name not in _ESTIMATED and name not in _COUNTED:
            return self._made(func(*first, *args, **kwargs))
        bound = inspect.signature(func).bind(*first, *args, **kwargs)
        bound.apply_defaults()
        a = bound.arguments
        if name in _COUNTED:
            self._int_args((v for k, v in a.items() if k not in ("s", "value")), f"|{name}")
        if name == "join":
            a["value"] = items = list(value)
            self._fits(self._join_size(str(a["d"]), items))
        elif name == "replace":
            self._fits(_replace_size(str(a["s"]), str(a["old"]), str(a["new"]), a["count"]))
        elif name == "indent":
            text, width = str(a["s"]), a["width"]
            unit = width if _is_int(width) else len(str(width))
            self._fits(len(text) + (text.count("\n") + 1) * unit)
        elif name == "wordwrap":
            text, width = str(a["s"]), a["width"]
            wrap = a["wrapstring"] if a["wrapstring"] is not None else self.newline_sequence
            lines = len(text) // max(width if _is_int(width) else 1, 1) + text.count("\n") + 1
            self._fits(len(text) + lines * len(str(wrap)))
        elif name == "format":
            self._fits(self._printf_size(str(a["value"]), a["kwargs"] or a["args"]))
        elif name == "sum" and not isinstance(a["start"], int | float | Decimal):
            raise ProseLimitError("|sum 的 start 只能是数字（列表相加的代价随长度平方增长）")
        return self._made(func(*bound.args, **bound.kwargs))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = _Guard().visit(super()._parse(source, name, filename))
        tree.set_environment(self)
        return tree  # type: ignore[no-any-return]


class _Guard(NodeTransformer):
    """Every `for` loops over environment.bounded_loop(…), every `a ~ b` is
    environment.bounded_concat(a, b): the two things the sandbox cannot intercept."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _environment_call("bounded_loop", [node.iter], node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _environment_call("bounded_concat", list(node.nodes), node.lineno)


def _environment_call(method: str, args: list[Any], lineno: int) -> nodes.Call:
    target = nodes.EnvironmentAttribute(method, lineno=lineno)
    return nodes.Call(target, args, [], None, None, lineno=lineno)


# Filters that print their value: a list of references is as long as all it refers to.
_TEXT_FILTERS = frozenset(
    "capitalize center e escape forceescape format indent lower replace safe string striptags "
    "title trim truncate upper urlencode wordcount wordwrap".split()
)
_COUNTED = frozenset("batch slice center indent truncate wordwrap".split())  # widths and counts
_ESTIMATED = frozenset("join replace indent wordwrap format sum".split())  # output a product of inputs
_DROPPED = frozenset("tojson pprint urlize xmlattr".split())  # HTML and debugging, not prose; unbounded


def _guarded(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """func as a filter of _Bounded: the same arguments, passed through _Bounded.filtered."""
    passes = _PassArg.from_obj(func)

    def run(env: Any, first: tuple[Any, ...], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if isinstance(env, _Bounded):
            return env.filtered(name, func, first, args, kwargs)
        return func(*first, *args, **kwargs)

    if passes is _PassArg.context:
        return pass_context(lambda ctx, *args, **kwargs: run(ctx.environment, (ctx,), args, kwargs))
    if passes is _PassArg.eval_context:
        return pass_eval_context(lambda ectx, *args, **kwargs: run(ectx.environment, (ectx,), args, kwargs))
    if passes is _PassArg.environment:
        return pass_environment(lambda env, *args, **kwargs: run(env, (env,), args, kwargs))
    return pass_environment(lambda env, *args, **kwargs: run(env, (), args, kwargs))


_FILTERS = {name: _guarded(name, func) for name, func in FILTERS.items() if name not in _DROPPED}


def _template_line(exc: BaseException) -> int | None:
    """The line of the block's body the error arose at (Jinja maps template frames to it)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def context(model: ServiceModel, project: ResolvedProject | None) -> dict[str, Any]:
    """The variables a prose block can use."""
    c = model.content
    commitments = project.commitments if project else c.commitments
    return {
        "company": c.company,
        "commitments": commitments,
        "warranty": commitments.warranty,
        "response": commitments.response,
        "maintenance": commitments.maintenance,
        "emergency": commitments.emergency,
        "staff": c.staff,
        "people": model.index.people.items,
        "fees": project.fees if project else c.fees,
        "training": c.training,
        "partners": c.partners.partners,
        "manufacturers": c.manufacturers.manufacturers,
        "project": project,
    }


def render(block: ProseBlock, variables: dict[str, Any]) -> str:
    """The block's body filled in; ProseLimitError past a limit (see the module's doc)."""
    return _Bounded().from_string(block.body).render(variables)


def render_checked(
    block: ProseBlock, variables: dict[str, Any], where: Location
) -> tuple[str | None, Diagnostic | None]:
    """Render, or say why not, located at the block's body."""
    try:
        return render(block, variables), None
    except TemplateSyntaxError as exc:
        why = f"文本块“{block.title}”正文第 {exc.lineno} 行模板语法错误：{exc.message}"
    except ProseLimitError as exc:
        line = _template_line(exc)
        at = f"正文第 {line} 行" if line else ""
        why = f"文本块“{block.title}”{at}超出资源限制：{exc.message}（文本块只写说明文字，不做大量计算）"
    except UndefinedError as exc:
        why = f"文本块“{block.title}”引用了不存在的变量：{exc.message}"
    except TemplateError as exc:
        why = f"文本块“{block.title}”无法生成：{exc.message}"
    except Exception as exc:  # a value's method raised: still the content's fault, report it
        why = f"文本块“{block.title}”无法生成：{exc}"
    return None, Diagnostic.error(why, where)


_STRONG = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_ORDERED = re.compile(r"^\s*\d+[.、)]\s+(.*)$")


def _runs(text: str) -> Inline:
    runs: list[Run] = []
    pos = 0
    for m in _STRONG.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()]))
        runs.append(Run(m.group(1), strong=True))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return tuple(runs)


def to_blocks(markdown: str) -> list[Block]:
    """The Markdown prose blocks use: paragraphs, - and 1. lists, **strong**.

    Lines of one paragraph join without a space between Chinese characters.
    """
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        lines = [ln for ln in chunk.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(_BULLET.match(ln) for ln in lines) or all(_ORDERED.match(ln) for ln in lines):
            ordered = bool(_ORDERED.match(lines[0]))
            pattern = _ORDERED if ordered else _BULLET
            items = tuple(_runs(pattern.match(ln).group(1).strip()) for ln in lines)  # type: ignore[union-attr]
            blocks.append(ListBlock(items, ordered=ordered))
        else:
            text = lines[0].strip()
            for ln in lines[1:]:
                ln = ln.strip()
                cjk_join = text and "\u3000" <= text[-1] <= "\u9fff" and "\u3000" <= ln[0] <= "\u9fff"
                text += ln if cjk_join else " " + ln
            blocks.append(Paragraph(_runs(text)))
    return blocks
