"""The sign-in sheet of a service project: the project's facts in the base's zone, one line per claim with the
masked name, the member number and the last four digits of the phone (masked here if the caller forgot), empty
numbered lines up to the slots, an hours column only where the project counts hours, the header and "第 x 页，
共 y 页" on every page, labels from the caller."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desk.printing.sign_sheet import (
    BLANK_ROWS_MAX,
    SignSheet,
    SignSheetLabels,
    SignSheetProject,
    SignSheetRow,
    sign_sheet_pdf,
)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

BASE = "明华红色港湾党群服务基地"
ZONE = ZoneInfo("Asia/Shanghai")
ROWS = (SignSheetRow("张*明", "MH00001", "5678"), SignSheetRow("李*", "MH00002", "0001"),
        # A caller that forgot to mask: the sheet masks the name and keeps four digits of the phone.
        SignSheetRow("欧阳晓燕", "MH00003", "13812340002"))


def _project(slots: int = 8, counts_hours: bool = False, **changes: object) -> SignSheetProject:
    values: dict[str, object] = {
        "title": "社区环境清洁志愿服务", "kind_label": "志愿服务",
        # Stored in UTC: 01:00 UTC is 09:00 in Shanghai.
        "starts_at": dt.datetime(2026, 12, 5, 1, 0, tzinfo=dt.UTC),
        "ends_at": dt.datetime(2026, 12, 5, 3, 30, tzinfo=dt.UTC),
        "location": "明华商圈中心广场", "slots": slots,
        "points_text": "每小时 5 分，最多 3 小时" if counts_hours else "每次 10 分", "counts_hours": counts_hours,
    }
    values.update(changes)
    return SignSheetProject(**values)  # type: ignore[arg-type]


def _text(pdf: bytes, tmp_path: Path, name: str = "sheet.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def _numbers(text: str) -> list[int]:
    """The line numbers in the first column."""
    return [int(m) for m in re.findall(r"^\s{0,6}(\d{1,3})\b", text, re.M)]


def test_the_project_and_the_claimed_members_masked(tmp_path: Path) -> None:
    printed = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
    text = _text(sign_sheet_pdf(SignSheet(BASE, _project(), ROWS, printed)), tmp_path)

    flat = re.sub(r"\s+", "", text)
    assert BASE in text and "社区环境清洁志愿服务 签到表" in text
    assert "志愿服务" in text and "明华商圈中心广场" in text and "每次 10 分" in text
    assert "2026-12-05（周六）09:00–11:30" in text  # in the base's zone, not UTC
    assert "8 人（已认领 3 人）" in text
    for column in ("序号", "姓名", "会员号", "手机尾号", "签到（签名）"):
        assert column in text
    assert "时长" not in text  # fixed points: no hours column, no word about hours
    assert "张*明" in text and "MH00001" in text and "5678" in text
    assert "欧**燕" in text and "欧阳晓燕" not in text
    assert "0002" in text and "13812340002" not in flat
    assert "打印时间：2026-11-28 10:00" in text
    assert "第1页，共1页" in flat


def test_empty_lines_up_to_the_slots_for_walk_ins(tmp_path: Path) -> None:
    text = _text(sign_sheet_pdf(SignSheet(BASE, _project(slots=8), ROWS)), tmp_path)

    assert _numbers(text.split("序号", 1)[1]) == list(range(1, 9))


def test_a_full_project_prints_its_claims_only_and_a_huge_one_is_capped(tmp_path: Path) -> None:
    full = _text(sign_sheet_pdf(SignSheet(BASE, _project(slots=3), ROWS)), tmp_path, "full.pdf")
    assert _numbers(full.split("序号", 1)[1]) == [1, 2, 3]

    huge = _text(sign_sheet_pdf(SignSheet(BASE, _project(slots=5000), ROWS)), tmp_path, "huge.pdf")
    numbers = [n for page in huge.split("\f") if "序号" in page for n in _numbers(page.split("序号", 1)[1])]
    assert numbers == list(range(1, len(ROWS) + BLANK_ROWS_MAX + 1))


def test_hours_projects_have_an_hours_column(tmp_path: Path) -> None:
    text = _text(sign_sheet_pdf(SignSheet(BASE, _project(counts_hours=True), ROWS)), tmp_path)

    assert "时长（小时）" in text and "时长由工作人员核实后填写。" in re.sub(r"\s+", "", text)
    assert "每小时 5 分，最多 3 小时" in text


def test_every_page_has_the_header_the_title_and_its_number(tmp_path: Path) -> None:
    rows = tuple(SignSheetRow(f"张*{i}", f"MH{i:05d}", f"{i:04d}") for i in range(1, 46))
    text = _text(sign_sheet_pdf(SignSheet(BASE, _project(slots=60), rows)), tmp_path)

    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        flat = re.sub(r"\s+", "", page)
        assert "签到（签名）" in page and f"第{number}页，共{len(pages)}页" in flat
        assert "社区环境清洁志愿服务" in page
    assert "MH00045" in text
    assert re.search(r"^\s*60\b", text, re.M)


def test_a_project_over_midnight_and_one_ending_at_midnight() -> None:
    labels = SignSheetLabels()

    def local(day: int, hour: int) -> dt.datetime:
        return dt.datetime(2026, 12, day, hour, 0, tzinfo=ZONE)

    assert labels.time_range(local(5, 19), local(6, 0)) == "2026-12-05（周六）19:00–24:00"
    assert labels.time_range(local(5, 22), local(6, 6)) == "2026-12-05（周六）22:00 至 2026-12-06（周日）06:00"


def test_labels_come_from_the_caller(tmp_path: Path) -> None:
    labels = SignSheetLabels(title="Sign-in sheet: {title}", kind="Kind", time="Time", location="Place",
                             slots="Slots", slots_value="{slots} ({claimed} claimed)", points="Points",
                             instructions="Sign in person.", name="Name", member_no="Member no.",
                             phone="Phone (last 4)", signature="Signature", page="Page {page} of {pages}",
                             same_day="{day} ({weekday}) {start}–{end}",
                             weekdays=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
    project = _project(title="Park clean-up", kind_label="Volunteering", points_text="10 points",
                       location="Central square")
    text = _text(sign_sheet_pdf(SignSheet("Minghua base", project, ROWS), labels), tmp_path)

    assert "Sign-in sheet: Park clean-up" in text and "2026-12-05 (Sat) 09:00–11:30" in text
    assert "8 (3 claimed)" in text and "Signature" in text and "Page 1 of 1" in text
    assert "签到" not in text
