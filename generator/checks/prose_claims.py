"""The promises a prose block states in numbers typed into its text (a claim each):
what the number promises, by the words around it (checks/vocabulary.py), and what the
promise applies to (a fault level, an area, a phase, a manufacturer).

Jinja expressions are values from the model, not claims, and service hours (7×24,
每天 24 小时, 全年 365 天…) say when service is given, never how soon: both are
blanked before numbers are read.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from generator.checks import vocabulary as vocab
from generator.model.durations import Duration, DurationError

_JINJA_OPEN = re.compile(r"\{[{%#]")
_JINJA_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}
_NOT_NEWLINE = re.compile(r"[^\n]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_DURATION = re.compile(
    r"(?<![\d.一二两三四五六七八九十])(\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,3}|半)\s*(?:个\s*)?(分钟|小时|钟头|个?工作日|个?自然日|天|周|个?星期|个月|年)"
    r"(以内|之内|内)?"
)
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*%")
_COUNT = re.compile(r"(?<![\d.])(\d+)\s*(学时|课时|名|人)(?!次)")
_SENTENCE_END = re.compile(r"[。；;！!？?]")
_CLAUSE_END = re.compile(r"[。；;！!？?，,]")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"[^\n]+")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*]|\d+[.、)])[ \t]+")  # matched at a line's start
_LEVEL_SUFFIX = re.compile(r"(?:故障|事件)$")

Value = Duration | Decimal


@dataclass(frozen=True)
class Scope:
    """What a promise applies to; an empty field means it does not say."""

    levels: frozenset[str] = frozenset()  # fault level ids, or a level as written
    areas: frozenset[str] = frozenset()  # region and zone ids, or an area as written
    phase: str | None = None  # 质保期外, 试运行, or a phase the content names
    subject: str | None = None  # a manufacturer id, or 厂商: not the supplier's own promise
    part: str | None = None  # 硬件 or 软件
    words: tuple[str, ...] = field(default=(), compare=False)  # as written, for messages

    def label(self) -> str:
        """How the promise names its scope in a message: 一级故障、市区; empty when it does not."""
        return "、".join(self.words)


@dataclass(frozen=True)
class ScopeWords:
    """The content's own names for what a promise applies to."""

    levels: Mapping[str, str] = field(default_factory=dict)  # name or alias → level id
    areas: Mapping[str, frozenset[str]] = field(default_factory=dict)  # region/city/zone name → ids
    phases: Mapping[str, str] = field(default_factory=dict)  # phase name → phase key
    makers: Mapping[str, str] = field(default_factory=dict)  # manufacturer name → id


@dataclass(frozen=True)
class Claim:
    """A number in a prose block and the promise it states."""

    key: str  # the measure (vocabulary.NAMES)
    value: Value
    literal: str  # as written, with a trailing 内
    within: bool  # written with 内: "2小时内"
    line: int  # in the body, from 1
    unit: int  # which paragraph or list item of the body
    sentence: str
    paragraph: str  # the paragraph or list item
    scope: Scope


def phase_key(name: str) -> str:
    """The phase a name means: 质保期满后 and 保修期外 are one phase."""
    return next((key for word, key in vocab.PHASE_WORDS.items() if word in name), name)


def _spaces(m: re.Match[str]) -> str:
    return _NOT_NEWLINE.sub(" ", m.group(0))


def blank(body: str) -> str:
    """The body with Jinja and service hours blanked out (same length, same lines)."""
    parts: list[str] = []
    pos = 0
    for m in _JINJA_OPEN.finditer(body):
        if m.start() < pos:
            continue
        close = body.find(_JINJA_CLOSE[m.group()], m.end())
        if close == -1:
            break  # never closed: the block does not render, which check_prose reports
        parts += [body[pos : m.start()], _NOT_NEWLINE.sub(" ", body[m.start() : close + 2])]
        pos = close + 2
    text = ("".join(parts) + body[pos:]).translate(_FULLWIDTH)
    for pattern in vocab.SERVICE_HOURS:
        text = pattern.sub(_spaces, text)
    return text


def claims(body: str, words: ScopeWords) -> list[Claim]:
    """Every number of the body that states a promise, in order."""
    text = blank(body)
    lines = [m.end() for m in re.finditer("\n", text)]
    found: list[Claim] = []
    for unit, (start, end) in enumerate(_units(text)):
        paragraph = text[start:end].strip()
        for sentence in _spans(text, start, end, _SENTENCE_END):
            mentions: _Mentions | None = None  # read once a clause of the sentence states a number
            for clause in _spans(text, *sentence, _CLAUSE_END):
                numbers = _numbers(text, clause, sentence)
                if not numbers:
                    continue
                mentions = mentions or _Mentions(text, sentence, words)
                scope = mentions.scope(clause)
                said = text[sentence[0] : sentence[1]].strip()
                for a, b, key, value, within in numbers:
                    line = bisect.bisect_right(lines, a) + 1
                    found.append(Claim(key, value, body[a:b].strip(), within, line, unit, said, paragraph, scope))
    return found


def _units(text: str) -> Iterator[tuple[int, int]]:
    """Paragraphs and list items, as prose.to_blocks reads the Markdown."""
    pos = 0
    for m in [*_PARAGRAPHS.finditer(text), None]:
        end = m.start() if m else len(text)
        lines = [(lm.start(), lm.end()) for lm in _LINE.finditer(text, pos, end) if lm.group().strip()]
        if lines and all(_LIST_ITEM.match(text, a) for a, _ in lines):
            yield from lines
        elif lines:
            yield lines[0][0], lines[-1][1]
        pos = m.end() if m else end


def _spans(text: str, start: int, end: int, ends: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    pos = start
    for m in ends.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    if pos < end:
        yield pos, end


def _numbers(text: str, clause: tuple[int, int], sentence: tuple[int, int]) -> list[tuple[int, int, str, Value, bool]]:
    """(start, end, measure, value, written with 内) of each number of the clause that
    states a promise, in order."""
    out: list[tuple[int, int, str, Value, bool]] = []
    words = {kind: _Keywords(text, clause, kind) for kind in _WORDS}
    for m in _DURATION.finditer(text, *clause):
        try:
            value = Duration.parse(m.group(1) + m.group(2))
        except DurationError:
            continue
        key = _duration_measure(text, m.start(), m.end(), words["duration"], sentence, value)
        if key:
            out.append((m.start(), m.end(), key, value, bool(m.group(3))))
    for m in _PERCENT.finditer(text, *clause):
        key = next((k for _, k, _ in words["percent"].nearest(m.start(), m.end())), None)
        if key:
            out.append((m.start(), m.end(), key, Decimal(m.group(1)), False))
    for m in _COUNT.finditer(text, *clause):
        key = next((k for _, k, _ in words["count"].nearest(m.start(), m.end())), None)
        if key and (m.group(2) in ("学时", "课时")) == (key == "class_hours"):
            out.append((m.start(), m.end(), key, Decimal(m.group(1)), False))
    return sorted(out, key=lambda c: c[0])


# --- which promise a number states --------------------------------------------------


def _pattern(groups: Mapping[str, tuple[str, ...]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every word, longest first, and the measure each word names
    (none for the words that only look like one)."""
    owner = {w: "" for w in vocab.NOT_PROMISES} | {w: key for key, ws in groups.items() for w in ws}
    return re.compile("|".join(map(re.escape, sorted(owner, key=len, reverse=True)))), owner


_WORDS = {
    "duration": _pattern(vocab.DURATION_WORDS),
    "percent": _pattern(vocab.PERCENT_WORDS),
    "count": _pattern(vocab.COUNT_WORDS),
}


class _Keywords:
    """The words of one kind in a clause, found once."""

    def __init__(self, text: str, clause: tuple[int, int], kind: str) -> None:
        pattern, owner = _WORDS[kind]
        self.clause = text[clause[0] : clause[1]]
        self.found = [(m.start(), m.end(), owner[m.group()], m.group()) for m in pattern.finditer(text, *clause)]
        self.found = [f for f in self.found if f[2]]
        self.starts = [f[0] for f in self.found]

    def nearest(self, start: int, end: int) -> Iterator[tuple[int, str, str]]:
        """(position, measure, word) of the words before and after the number, nearest
        first; on a tie the word before it (its subject) wins."""
        right = bisect.bisect_left(self.starts, end)
        left = bisect.bisect_left(self.starts, start) - 1
        while left >= 0 or right < len(self.found):
            before = self.found[left] if left >= 0 else None
            after = self.found[right] if right < len(self.found) else None
            if before is not None and before[1] > start:  # overlaps the number: not a word about it
                left -= 1
                continue
            if after is None or (before is not None and start - before[1] <= after[0] - end):
                assert before is not None
                yield before[0], before[2], before[3]
                left -= 1
            else:
                yield after[0], after[2], after[3]
                right += 1


def _duration_measure(
    text: str, start: int, end: int, words: _Keywords, sentence: tuple[int, int], value: Duration
) -> str | None:
    """The measure the nearest fitting word names: a period needs a period's word."""
    whole: str | None = None
    for pos, key, word in words.nearest(start, end):
        between = text[end:pos] if pos >= end else text[max(0, pos - 2) : pos]
        if key == "restore" and any(n in between for n in vocab.NEGATIONS):
            # 24 小时内未能修复的 … 提供备机: when the spare unit comes, else a condition.
            whole = whole if whole is not None else text[sentence[0] : sentence[1]]
            if not any(w in whole for w in vocab.DURATION_WORDS[vocab.NEGATED_RESTORE_MEANS]):
                continue
            key = vocab.NEGATED_RESTORE_MEANS
        for qualifier, turns in vocab.QUALIFIERS.items():
            if key in turns and word != qualifier and qualifier in words.clause:
                key = turns[key]
        period = value.minutes >= vocab.PERIOD_MINUTES
        if period and key not in vocab.PERIODS:
            key = vocab.AS_PERIOD.get(key, key)
        if (key in vocab.PERIODS) == period:
            return key
    return None


# --- what the promise applies to ------------------------------------------------------

_DIMENSIONS = ("level", "area", "phase", "subject", "part")


class _Mentions:
    """The scope words of one sentence, found once: the content's own names first, then
    the general ones, never two over one stretch of text."""

    def __init__(self, text: str, sentence: tuple[int, int], words: ScopeWords) -> None:
        found: dict[str, list[tuple[int, str, str]]] = {d: [] for d in _DIMENSIONS}
        taken = bytearray(sentence[1] - sentence[0])
        start = sentence[0]

        def add(dim: str, m: re.Match[str], value: str, word: str) -> None:
            a, b = m.start() - start, m.end() - start
            if not any(taken[a:b]):
                taken[a:b] = b"\x01" * (b - a)
                found[dim].append((m.start(), value, word))

        def names(dim: str, table: Mapping[str, str]) -> None:
            for name in sorted(table, key=len, reverse=True):
                for m in re.compile(re.escape(name)).finditer(text, *sentence):
                    add(dim, m, table[name], name)

        names("level", words.levels)
        names("area", {k: "|".join(sorted(v)) for k, v in words.areas.items()})
        names("phase", words.phases)
        names("subject", words.makers)
        for m in vocab.LEVEL_PATTERN.finditer(text, *sentence):
            written = re.sub(r"\s+", "", m.group())
            level = words.levels.get(written) or words.levels.get(_LEVEL_SUFFIX.sub("", written)) or written
            add("level", m, level, written)
        names("area", {w: w for w in vocab.AREA_WORDS})
        names("phase", vocab.PHASE_WORDS)
        names("subject", {w: "厂商" for w in vocab.MAKER_WORDS})
        names("part", {w: w for w in vocab.PART_WORDS})
        self.found = {d: sorted(xs) for d, xs in found.items()}
        self.starts = {d: [x[0] for x in xs] for d, xs in self.found.items()}

    def scope(self, clause: tuple[int, int]) -> Scope:
        """The scope words in the clause, else the nearest before it in the sentence."""
        chosen: dict[str, list[tuple[int, str, str]]] = {}
        for d in _DIMENSIONS:
            xs, starts = self.found[d], self.starts[d]
            a, b = bisect.bisect_left(starts, clause[0]), bisect.bisect_left(starts, clause[1])
            chosen[d] = xs[a:b] or xs[a - 1 : a]
        picked = sorted(x for xs in chosen.values() for x in xs)
        return Scope(
            levels=frozenset(v for _, v, _ in chosen["level"]),
            areas=frozenset(a for _, v, _ in chosen["area"] for a in v.split("|")),
            phase=chosen["phase"][0][1] if chosen["phase"] else None,
            subject=chosen["subject"][0][1] if chosen["subject"] else None,
            part=chosen["part"][0][1] if chosen["part"] else None,
            words=tuple(dict.fromkeys(w for _, _, w in picked)),
        )
