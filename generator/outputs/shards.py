"""What shard I of N builds (`build --shard I/N`): a stable part of the projects, and the
site in shard 1 only. Kept apart from the pipeline so the CLI's no-change answer, which
must not load the models, applies the same rule."""

from __future__ import annotations

import hashlib

Shard = tuple[int, int]  # (I, N), 1-based


def shard_of(project_id: str, count: int) -> int:
    """Which of `count` shards (1-based) builds a project: from a hash of its id alone, so a
    project stays on its runner when others are added or removed."""
    digest = hashlib.sha256(project_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def in_shard(project_id: str, shard: Shard | None) -> bool:
    """Whether shard (I, N) builds the project (every project without a shard)."""
    return shard is None or shard_of(project_id, shard[1]) == shard[0]


def builds_site(shard: Shard | None) -> bool:
    """The site is built once: without shards, or in shard 1."""
    return shard is None or shard[0] == 1
