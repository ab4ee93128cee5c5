"""Domain layer: the hash chain of the audit trail.

Each event's hash covers its own fields and the previous event's hash, so editing, inserting or deleting any
event breaks every hash after it. `desk check` recomputes the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

GENESIS = "0" * 64


def event_hash(
    prev_hash: str,
    seq: int,
    at: dt.datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    summary: str,
) -> str:
    if at.tzinfo is None:
        raise ValueError("audit times are timezone-aware")
    canonical = json.dumps(
        [prev_hash, seq, at.astimezone(dt.UTC).isoformat(timespec="microseconds"), actor, action, entity,
         entity_id, summary],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
