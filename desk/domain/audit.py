"""Domain layer: the hash chain of the audit trail.

Each event's hash covers its own fields and the previous event's hash, so editing, inserting or deleting any
event breaks every hash after it. `desk check` recomputes the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from json.encoder import encode_basestring as _string  # json's own string escaping (C)

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
    # The JSON array json.dumps(..., ensure_ascii=False, separators=(",", ":")) writes, put together directly:
    # the same escaping function, without building an encoder for every event of every audited write.
    canonical = "[" + ",".join((
        _string(prev_hash), str(int(seq)), _string(at.astimezone(dt.UTC).isoformat(timespec="microseconds")),
        _string(actor), _string(action), _string(entity), _string(entity_id), _string(summary))) + "]"
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
