"""Prose blocks that disagree with each other, or say one promise twice.

A proposal prints every block its project lists. Two blocks, or two paragraphs of one
block, that give one measure for one scope (fault level, area, phase, manufacturer)
different values contradict each other: an error where another value is first written,
with a note at the first value. The same value in two such places is said twice: a
warning where it is first written again, unless checks/duplicates.py already warns about
the text (a paragraph repeated word for word, two nearly equal sentences of one block).
Numbers taken from the model with {{ }} are never compared: they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.checks import vocabulary as vocab
from generator.checks.duplicates import reported_here
from generator.checks.prose_claims import Claim, Scope, ScopeWords, Value, claims
from generator.checks.prose_numbers import listed
from generator.model.prose import ProseBlock
from generator.model.resolved import ResolvedProject, ServiceModel
from generator.model.sections import PROSE_PREFIX
from generator.reading.diagnostics import Diagnostic, Location
from generator.reading.validation import Loc

Found = Iterator[Diagnostic]


@dataclass(frozen=True)
class Placed:
    """A claim of one block, with where the block's body is written."""

    claim: Claim
    block: ProseBlock
    order: int  # which block
    where: Location

    def at(self, beside: Placed | None = None) -> str:
        """Where the claim is written; beside another of the same block, just the line."""
        line = f"正文第 {self.claim.line} 行"
        return line if beside is not None and beside.order == self.order else f"文本块“{self.block.title}”{line}"

    def place(self) -> tuple[int, int]:
        return self.order, self.claim.unit


def blocks_of(
    model: ServiceModel, rp: ResolvedProject, project_at: Loc, prose_at: Loc | None
) -> list[tuple[ProseBlock, Location]]:
    """The blocks a project's proposal prints, in order, each with where its body is written:
    its own blocks, and the shared ones its sections list."""
    local = {b.id: i for i, b in enumerate(rp.project.prose)}
    shared = list(model.index.prose.items)
    out: dict[str, tuple[ProseBlock, Location]] = {}
    for sec in rp.project.sections:
        ref = sec.removeprefix(PROSE_PREFIX)
        if not sec.startswith(PROSE_PREFIX) or ref in out:
            continue
        if ref in local:
            out[ref] = (rp.project.prose[local[ref]], project_at("prose", local[ref], "body"))
        elif ref in model.index.prose and prose_at is not None:
            out[ref] = (model.index.prose[ref], prose_at("blocks", shared.index(ref), "body"))
    for ref, i in local.items():
        out.setdefault(ref, (rp.project.prose[i], project_at("prose", i, "body")))
    return list(out.values())


def check_blocks(blocks: Sequence[tuple[ProseBlock, Location]], words: ScopeWords) -> Found:
    """Contradictions and repeats among the claims of the blocks, across paragraphs."""
    placed = [
        Placed(claim, block, order, where)
        for order, (block, where) in enumerate(blocks)
        for claim in claims(block.body, words)
    ]
    groups: dict[tuple[str, Scope], list[Placed]] = {}
    for p in placed:
        groups.setdefault((p.claim.key, p.claim.scope), []).append(p)
    for group in groups.values():
        yield from _group(group)


def _group(group: list[Placed]) -> Found:
    # A paragraph giving one promise two values has a scope the words did not tell apart
    # (or contradicts itself, which a reader sees at once): it is compared with nothing.
    values: dict[tuple[int, int], set[Value]] = {}
    for p in group:
        values.setdefault(p.place(), set()).add(p.claim.value)
    clear = [p for p in group if len(values[p.place()]) == 1]
    if not clear:
        return
    every = listed([p.claim.value for p in clear], clear[0].claim.key)
    # Each value is reported once: where it first contradicts the first value written,
    # or where it is first written again.
    firsts: dict[Value, list[Placed]] = {}  # per value, its first claim in each of two places
    repeated: set[Value] = set()
    for later in clear:
        value = later.claim.value
        if value not in firsts:
            if firsts:  # each place here states one value: the first one is in another place
                yield _contradiction(later, next(iter(firsts.values()))[0], every)
            firsts[value] = [later]
            continue
        seen = firsts[value]
        same = next((p for p in seen if p.place() != later.place()), None)
        if same is not None and value not in repeated:
            repeated.add(value)
            if not reported_here(
                (same.claim.paragraph, later.claim.paragraph),
                (same.claim.sentence, later.claim.sentence),
                same_section=same.order == later.order,
            ):
                yield _repeat(later, same)
        if len(seen) < 2 and all(p.place() != later.place() for p in seen):
            seen.append(later)


def _what(p: Placed) -> str:
    return f"{p.claim.scope.label()}{vocab.NAMES[p.claim.key]}"


def _contradiction(later: Placed, earlier: Placed, every: str) -> Diagnostic:
    return Diagnostic.error(
        f"{later.at()}写着{_what(later)}“{later.claim.literal}”，{earlier.at(later)}却写着“{earlier.claim.literal}”："
        f"同一承诺只能有一个值（各处写了 {every}），请统一，数字最好从数据引用",
        later.where,
        earlier.where,
    )


def _repeat(later: Placed, earlier: Placed) -> Diagnostic:
    return Diagnostic.warning(
        f"{later.at()}又写了一遍{_what(later)}“{later.claim.literal}”（{earlier.at(later)}已经写过）："
        "同一承诺写一处即可，或从数据引用",
        later.where,
        earlier.where,
    )
