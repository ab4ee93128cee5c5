"""The audit chain's event hash: the canonical form is the JSON array of the event's fields, so chains written
by every earlier version of the program still verify."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.domain.audit import GENESIS, event_hash

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def _as_json(prev: str, seq: int, at: dt.datetime, *texts: str) -> str:
    canonical = json.dumps([prev, seq, at.astimezone(dt.UTC).isoformat(timespec="microseconds"), *texts],
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_a_known_event_keeps_its_hash() -> None:
    at = dt.datetime(2026, 11, 28, 9, 30, 5, 123456, tzinfo=SHANGHAI)
    summary = 'HY7K-3M9Q @ 汇上佳超市 "满50减10"\n\\ 😀'
    assert event_hash(GENESIS, 1, at, "lixiaomei", "voucher_redeemed", "voucher", "42", summary) == (
        "b12fb80c74b66646f39d62794a140db6779153fd01f2e91bc5fbdc5eca2bd9ab")


@given(st.text(max_size=70), st.integers(min_value=1, max_value=2 ** 62),
       st.datetimes(timezones=st.just(SHANGHAI)), st.lists(st.text(max_size=40), min_size=5, max_size=5))
def test_the_hash_is_the_sha256_of_the_events_json(prev: str, seq: int, at: dt.datetime, texts: list[str]) -> None:
    assert event_hash(prev, seq, at, *texts) == _as_json(prev, seq, at, *texts)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        event_hash(GENESIS, 1, dt.datetime(2026, 11, 28, 9, 30), "admin", "login", "staff", "1", "")
