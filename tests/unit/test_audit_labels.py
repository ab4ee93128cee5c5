"""Every action and entity the services write to the audit trail has a worded label in the audit log."""

import re
from pathlib import Path

from desk.domain.points import EntryKind
from desk.ui.settings.audit_log import ACTION_LABELS, ENTITY_LABELS

SERVICES = Path(__file__).resolve().parents[2] / "desk" / "services"
# audit.record(session, now, actor, "action", "entity", ...) — possibly spread over lines
RECORD = re.compile(r'audit\.record\(\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*"([a-z_]+)",\s*"([a-z_]+)"', re.S)


def _written() -> set[tuple[str, str]]:
    return {m.groups() for path in SERVICES.rglob("*.py") for m in RECORD.finditer(path.read_text("utf-8"))}


def test_the_scan_finds_the_audited_actions() -> None:
    assert ("login", "staff") in _written() and len(_written()) > 30


def test_every_action_and_entity_has_a_label() -> None:
    written = _written()
    assert sorted({action for action, _ in written} - set(ACTION_LABELS)) == []
    assert sorted({entity for _, entity in written} - set(ENTITY_LABELS)) == []


def test_every_ledger_entry_kind_has_a_label() -> None:
    # The ledger writes "points_<kind>" from the entry kind, which the scan above cannot see.
    assert sorted(f"points_{kind.value}" for kind in EntryKind if f"points_{kind.value}" not in ACTION_LABELS) == []
