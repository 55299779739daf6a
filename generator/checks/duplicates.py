"""Text an output says twice: two sections with one title, a paragraph or list item
repeated, or two sentences of one section that say nearly the same thing (a
template's wording beside the content's own note of the same rule)."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.model.sources import Sources
from generator.reading.diagnostics import Diagnostic, Location
from generator.reading.validation import Loc

Found = Iterator[Diagnostic]

# Shorter text repeats by nature (table-like phrases, "未载明"); only sentences count.
MIN_LENGTH = 12
# Two sentences at least this alike (difflib's ratio) say the same thing.
ALIKE = 0.75

SENTENCE_END = re.compile(r"(?<=[。；！？])")
_NOISE = re.compile(r"[\s。；，、：！？（）“”]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A sentence compared for near repeats has at least this many 汉字.
MIN_WORDS = 8


SLOT = "□"  # where a value from the content stands in a sentence's skeleton


@dataclass(frozen=True)
class Sentence:
    text: str
    skeleton: str  # the text with each value from the content replaced by SLOT
    sources: Sources = ()


@dataclass(frozen=True)
class Passage:
    """A heading, or a paragraph or list item, of one output."""

    section: str  # the path of section titles it is in
    text: str
    sources: Sources
    heading: bool = False
    sentences: tuple[Sentence, ...] = ()


def _norm(text: str) -> str:
    return _NOISE.sub("", text)


def reported_here(paragraphs: tuple[str, str], sentences: tuple[str, str], *, same_section: bool) -> bool:
    """Whether check_output already warns about two sentences (in these paragraphs): a
    paragraph written twice anywhere, or two sentences of one section nearly the same.
    Other checks of things said twice (checks/prose_agreement.py) leave these to it."""
    pa, pb = map(_norm, paragraphs)
    if pa == pb and len(pa) >= MIN_LENGTH:
        return True
    sa, sb = map(_norm, sentences)
    if not same_section or sa == sb or min(len(_CJK.findall(s)) for s in sentences) < MIN_WORDS:
        return False
    return _alike(sa, sb)


def _alike(a: str, b: str) -> bool:
    """difflib's ratio ≥ ALIKE. Two upper bounds of the ratio, the lengths' (difflib's
    real_quick_ratio) and the shared characters' (its quick_ratio), reject most pairs
    before a matcher is built, with the same answer."""
    total = len(a) + len(b)
    if not total:
        return True
    if 2 * min(len(a), len(b)) < ALIKE * total:
        return False
    if 2 * (Counter(a) & Counter(b)).total() < ALIKE * total:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= ALIKE


def _at(item: Passage | Sentence, fallback: Location) -> Location:
    """Where the text is written: its last value from the content (in a sentence, the
    content's own words usually come last), else where the project lists its sections."""
    if item.sources:
        s = item.sources[-1]
        return Location(s.file, s.line, s.col, s.path)
    return fallback


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:38] + "…"


def check_output(output: str, passages: Sequence[Passage], sections_at: Loc) -> Found:
    """Repeats in one output; each warning is located where the repeated text is written
    (or at the project's `sections` when a template wrote it)."""
    here = sections_at("sections")
    titles: dict[str, Passage] = {}
    for p in (p for p in passages if p.heading):
        first = titles.setdefault(p.text, p)
        if first is not p:
            yield Diagnostic.warning(
                f"{output}中有两节都名为“{p.text}”（{first.section} 与 {p.section}）：请改名或删去其中一节",
                _at(p, here),
                *([_at(first, here)] if first.sources else []),
            )
    body = [p for p in passages if not p.heading and len(_norm(p.text)) >= MIN_LENGTH]
    seen: dict[str, Passage] = {}
    reported: set[str] = set()
    for p in body:
        key = _norm(p.text)
        first = seen.setdefault(key, p)
        if first is not p and key not in reported:
            reported.add(key)
            yield Diagnostic.warning(
                f"{output}中“{_short(p.text)}”出现了两次（{first.section}；{p.section}）",
                _at(p, here),
                *([_at(first, here)] if first.sources else []),
            )
    yield from _alike_sentences(output, body, here)


def _alike_sentences(output: str, body: list[Passage], here: Location) -> Found:
    by_section: dict[str, list[Sentence]] = {}
    for p in body:
        for sentence in p.sentences:
            # Words, not numbers: two phone numbers are alike without saying the same thing.
            if len(_CJK.findall(sentence.text)) >= MIN_WORDS:
                by_section.setdefault(p.section, []).append(sentence)
    for section, sentences in by_section.items():
        normed = [_norm(s.text) for s in sentences]
        for i, sa in enumerate(sentences):
            for j in range(i + 1, len(sentences)):
                sb = sentences[j]
                a, b = sa.text, sb.text
                na, nb = normed[i], normed[j]
                if na == nb:
                    continue  # the same paragraph twice is reported above; one sentence is no repeat
                if SLOT in sa.skeleton and sa.skeleton == sb.skeleton:
                    continue  # one template line filled with two sets of data (a list), not a repeat
                if _alike(na, nb):
                    yield Diagnostic.warning(
                        f"{output}的“{section}”中两句话几乎相同：“{_short(a)}”与“{_short(b)}”：请删去其一，"
                        "或让数据只写模板没有说的内容",
                        _at(sb, here),
                        *([_at(sa, here)] if sa.sources else []),
                    )
