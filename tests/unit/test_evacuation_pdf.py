"""The evacuation roll-call PDF: Chinese text extractable (the CJK font is embedded), phones masked, the count
of people right, long lists continue on further pages with the header repeated, characters the font lacks
shown as □."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desk.printing.evacuation import RollCallLabels, RollCallRow, render_roll_call

BASE = "明华红色港湾党群服务基地"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def _rows() -> list[RollCallRow]:
    return [
        RollCallRow("张明", "138****5678", "阅读", 1, "09:05"),
        RollCallRow("欧阳𠮷祥😀", "139****0001", "母婴室", 2, "09:41"),
        RollCallRow("群众（匿名）", "", "休息", 3, "10:02"),
        RollCallRow("暖新驿站 · 美团", "", "休息", 1, "10:15"),
        # A caller that forgot to mask: the roll-call masks it itself.
        RollCallRow("李华", "13712345678", "法律咨询", 1, "10:20"),
    ]


def _text(pdf: bytes, tmp_path: Path, name: str = "roll.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_title_masked_phones_and_the_people_count(tmp_path: Path) -> None:
    pdf = render_roll_call(BASE, "2026-11-28 10:30", _rows())

    assert pdf.startswith(b"%PDF")
    text = _text(pdf, tmp_path)
    assert f"{BASE} 疏散点名表" in text
    assert "打印时间：2026-11-28 10:30" in text
    assert "在场合计 8 人（5 条登记）" in text
    for column in ("序号", "姓名或类别", "电话", "事由", "人数", "到达时间", "到场确认"):
        assert column in text
    assert "138****5678" in text and "137****5678" in text
    assert re.search(r"\d{11}", text.replace(" ", "")) is None  # no phone number anywhere in the text
    # The embedded font has no 𠮷 and no emoji: each shows as □, never as a silent gap.
    assert "欧阳□祥□" in text
    assert "群众（匿名）" in text and "暖新驿站 · 美团" in text


def test_nobody_on_site_still_prints_a_form(tmp_path: Path) -> None:
    text = _text(render_roll_call(BASE, "2026-11-28 22:00", []), tmp_path)

    assert "打印时无人在场。" in text
    assert "在场合计 0 人（0 条登记）" in text


def test_a_long_list_runs_over_pages_with_the_header_repeated(tmp_path: Path) -> None:
    rows = [RollCallRow(f"访客{i:03d}", f"138****{i:04d}", "阅读", 1, "09:00") for i in range(1, 121)]

    text = _text(render_roll_call(BASE, "2026-11-28 10:30", rows), tmp_path)

    pages = text.split("\f")
    filled = [page for page in pages if page.strip()]
    assert len(filled) >= 3
    assert all("到场确认" in page for page in filled)
    assert "访客001" in text and "访客120" in text
    assert "第3页" in text.replace(" ", "")
    assert "在场合计 120 人（120 条登记）" in text


def test_labels_come_from_the_caller(tmp_path: Path) -> None:
    labels = RollCallLabels(title="Evacuation roll-call", printed_at="Printed {time}", total="{people} people")

    text = _text(render_roll_call("Minghua base", "2026-11-28 10:30", _rows(), labels), tmp_path)

    assert "Minghua base Evacuation roll-call" in text
    assert "Printed 2026-11-28 10:30" in text and "8 people" in text
