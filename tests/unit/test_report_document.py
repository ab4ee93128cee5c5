"""The report document renderer: an A4 PDF whose text (pdftotext) carries the title, every headline figure as
printed, the section headings and a long table's rows on every page it runs over, with the header repeated and
numbers right-aligned; charts that print labels side by side without overlapping, an empty chart's axes and
negative bars below zero; and a report of a dozen sections, eight charts and a thousand rows fast."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk.printing.charts import chart_drawing
from desk.printing.fonts import register_cjk_font
from desk.printing.report_document import (
    Chart,
    ChartKind,
    DocumentWords,
    Headline,
    ReportDocument,
    Section,
    Series,
    Table,
    change_text,
    format_cell,
    render_report_pdf,
)

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

ORGANISATION = "明华红色港湾党群服务基地"
TITLE = "红色港湾 明华服务基地 工作月报"
PERIOD = "2026年11月"
FIRST_DAY = dt.date(2024, 1, 1)  # a leap year: 366 days
YEAR_DAYS = 366
LEDGER_DAY = dt.date(2026, 11, 1)
HOURS = [f"{hour:02d}" for hour in range(24)]
WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
FACILITIES = ["党建书吧阅览座位", "母婴室", "电动车充电桩", "手机充电插座", "党员活动室", "红色影院", "法律援助接待室",
              "暖新驿站休息区"]


def _grouped(value: float, decimals: int = 0) -> str:
    """The test's own reading of "thousands separators, `decimals` places"."""
    whole, _, fraction = f"{abs(value):.{decimals}f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ",".join(groups) + (f".{fraction}" if fraction else "")
    return ("-" if value < 0 and text.strip("0.,") else "") + text


def _by_day_rows() -> list[list[Any]]:
    """A year's by-day table: day, visits, people (a made-up but fixed pattern)."""
    return [[FIRST_DAY + dt.timedelta(days=i), (i * 37) % 1013 + 1000 * (i % 3), (i * 11) % 97]
            for i in range(YEAR_DAYS)]


def _ledger_rows(count: int) -> list[list[Any]]:
    reasons = ["志愿服务（社区清洁）", "积分调整：撤销重复登记的志愿服务积分，经管理员核实后扣回"]
    return [[LEDGER_DAY + dt.timedelta(days=i % 30), f"张{i}*", reasons[i % 2], (i * 7) % 160 - 60]
            for i in range(count)]


HEADLINES = (
    Headline("到访人次", 12345, 11000, "人次"),
    Headline("服务人数", 3456, 3456, "人"),
    Headline("活动场次", 18, 0, "场"),
    Headline("发放积分", 45678, 50210, "分"),
    Headline("兑换积分", 12034.5, None, "分", 1),
    Headline("设施利用率", 63.27, 58.1, "%", 1),
)


def _document(ledger_rows: int = 40) -> ReportDocument:
    """About a monthly report's size: a dozen sections, eight charts, a year's by-day table and a ledger."""
    by_day = _by_day_rows()
    ledger = _ledger_rows(ledger_rows)
    visits = [sum(row[1] for row in by_day[i::7]) for i in range(7)]
    sections = [
        Section("一、到访情况", note="按到访登记统计，团体到访按人数计。", charts=(
            Chart(ChartKind.BARS, "到访人次（按类别）", ["党员", "群众", "新就业群体", "商户", "志愿者"],
                  [Series("本月", [1426, 3982, 717, 1717, 2766]), Series("上月", [297, 396, 3463, 2294, 485])],
                  "人次"),
            Chart(ChartKind.LINE, "每小时到访", HOURS,
                  [Series("本月", [max(0, 300 - abs(12 - h) * 25) for h in range(24)]),
                   Series("同工作日平均", [max(0, 280 - abs(12 - h) * 22) for h in range(24)])], "人次"))),
        Section("二、全年按日", charts=(
            Chart(ChartKind.LINE, "全年每日到访", [f"{row[0]:%m-%d}" for row in by_day],
                  [Series("到访人次", [row[1] for row in by_day])], "人次"),), tables=(
            Table("全年每日到访", ["日期", "到访人次", "人数"], by_day,
                  total=["合计", sum(row[1] for row in by_day), sum(row[2] for row in by_day)]),)),
        Section("三、设施利用率", note="利用率 = 预约时长 ÷ 开放时长。", charts=(
            Chart(ChartKind.HEAT, "按星期与小时的利用率", HOURS,
                  [Series(day, [float(max(0, 60 - abs(14 - h) * 6)) if 8 <= h <= 21 else 0.0 for h in range(24)])
                   for day in WEEKDAYS], "%"),
            Chart(ChartKind.BARS, "各设施利用率", FACILITIES, [Series("", [91.1, 45.3, 89.3, 93.9, 91.0, 37.8, 24.8,
                                                                          25.4])], "%"))),
        Section("四、积分", charts=(
            Chart(ChartKind.BARS, "每日积分变动", [f"11-{d:02d}" for d in range(1, 31)],
                  [Series("获得", [(d * 97) % 3000 for d in range(30)]),
                   Series("使用", [-((d * 53) % 2000) for d in range(30)])], "分"),),
            tables=(Table("积分明细", ["日期", "会员", "事由", "积分"], ledger,
                          total=["合计", None, None, sum(row[3] for row in ledger)]),)),
        Section("五、按星期", charts=(Chart(ChartKind.BARS, "按星期到访", WEEKDAYS, [Series("", visits)]),)),
        Section("六、兑换", note="本期无兑换。", charts=(
            Chart(ChartKind.LINE, "兑换趋势", [], []),),
            tables=(Table("兑换明细", ["商家", "兑换张数"], [], empty="本期没有兑换记录"),)),
    ]
    sections += [Section(f"{number}、其他统计", tables=(
        Table(f"统计表 {number}", ["项目", "数量", "占比（%）"], [[f"项目{k}", k * 1234, k * 12.5] for k in range(4)]),))
        for number in ("七", "八", "九", "十", "十一", "十二")]
    return ReportDocument(TITLE, PERIOD, ORGANISATION, "2026-12-01 09:30", HEADLINES, sections)


def _pages(pdf: bytes, folder: Path, name: str = "report.pdf") -> list[str]:
    path = folder / name
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")[:-1]  # the text ends with a form feed after the last page


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[bytes, list[str], Path]]:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    folder = tmp_path_factory.mktemp("report")
    pdf = render_report_pdf(_document())
    yield pdf, _pages(pdf, folder), folder / "report.pdf"


@needs_poppler
def test_cover_headlines_and_headings_are_in_the_text(report: tuple[bytes, list[str], Path]) -> None:
    pdf, pages, _ = report

    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf  # the CJK font travels inside the file
    cover = pages[0]
    for line in (TITLE, PERIOD, ORGANISATION, "生成时间：2026-12-01 09:30"):
        assert line in cover
    assert "第 1 页" not in cover  # the cover carries no page marks
    text = "\n".join(pages)
    for figure in HEADLINES:
        assert figure.label in text
        assert f"{_grouped(figure.value, figure.decimals)} {figure.unit}" in text
    for heading in ("本期概况", "一、到访情况", "二、全年按日", "三、设施利用率", "四、积分", "五、按星期", "六、兑换",
                    "十二、其他统计"):
        assert heading in text
    assert "按到访登记统计，团体到访按人数计。" in text
    assert "本期没有兑换记录" in text
    for title in ("到访人次（按类别）", "每小时到访", "按星期与小时的利用率", "各设施利用率", "每日积分变动"):
        assert title in text


@needs_poppler
def test_headline_changes_against_the_previous_period(report: tuple[bytes, list[str], Path]) -> None:
    text = "\n".join(report[1])
    visits, _, _, points, _, utilisation = HEADLINES  # the others say same / previous 0 / no comparison
    assert visits.previous is not None and points.previous is not None and utilisation.previous is not None
    up = (visits.value - visits.previous) / visits.previous * 100
    assert f"较上期 ↑ {up:.1f}%" in text
    down = (points.previous - points.value) / points.previous * 100
    assert f"较上期 ↓ {down:.0f}%" in text  # 9.0 prints as 9
    assert "与上期持平" in text and "上期为 0" in text and "无上期数据" in text  # people, events, redeemed
    # Compared as printed (one decimal): 63.3 against 58.1.
    shown = (round(utilisation.value, 1) - round(utilisation.previous, 1)) / round(utilisation.previous, 1) * 100
    assert f"较上期 ↑ {shown:.1f}%".replace(".0%", "%") in text


@needs_poppler
def test_a_long_table_runs_over_pages_with_its_header_on_each(report: tuple[bytes, list[str], Path]) -> None:
    pages = report[1]
    rows = _by_day_rows()
    first, last = rows[0], rows[-1]
    first_line = f"{first[0]:%Y-%m-%d}"
    last_line = f"{last[0]:%Y-%m-%d}"
    starts = [n for n, page in enumerate(pages) if first_line in page]
    ends = [n for n, page in enumerate(pages) if last_line in page]
    assert len(starts) == 1 and len(ends) == 1
    run = pages[starts[0]:ends[0] + 1]
    # A page holds 30 to 45 of these rows: the year needs 9 to 13 pages.
    assert math.ceil(YEAR_DAYS / 45) <= len(run) <= math.ceil(YEAR_DAYS / 30)
    assert all(re.search(r"日期\s+到访人次\s+人数", page) for page in run)
    assert re.search(rf"{first_line}\s+{_grouped(first[1])}\s+{_grouped(first[2])}", run[0])
    assert re.search(rf"{last_line}\s+{_grouped(last[1])}\s+{_grouped(last[2])}", run[-1])
    printed = [f"{FIRST_DAY + dt.timedelta(days=i):%Y-%m-%d}" for i in range(YEAR_DAYS)]
    assert all(sum(page.count(day) for page in run) == 1 for day in printed)  # every day once, none lost
    total_visits = sum(row[1] for row in rows)
    assert re.search(rf"合计\s+{_grouped(total_visits)}\s+{_grouped(sum(row[2] for row in rows))}", run[-1])


@needs_poppler
def test_every_page_after_the_cover_is_numbered_and_signed(report: tuple[bytes, list[str], Path]) -> None:
    pages = report[1]
    assert 10 <= len(pages) <= 30
    for number, page in enumerate(pages[1:], start=2):
        assert f"第 {number} 页，共 {len(pages)} 页" in page
        assert ORGANISATION in page and PERIOD in page


@needs_poppler
def test_numbers_line_up_on_the_right_and_dates_print_as_days(report: tuple[bytes, list[str], Path]) -> None:
    path = report[2]
    rows = _ledger_rows(40)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)
    # The ledger's members are unique words; the points of a member's row end where every other row's do.
    ends = []
    for row in rows[:10]:
        member_y = next(float(y) for _, y, _, word in words if word == row[1])
        ends.append(next(float(x_max) for _, y, x_max, word in words
                         if word == _grouped(row[3]) and abs(float(y) - member_y) < 1))
    assert max(ends) - min(ends) < 0.5
    assert f"{rows[0][0]:%Y-%m-%d}" in {word for *_, word in words}


@needs_poppler
def test_an_empty_document_prints_its_cover(tmp_path: Path) -> None:
    document = ReportDocument(TITLE, PERIOD, ORGANISATION, "2026-12-01 09:30")

    pages = _pages(render_report_pdf(document), tmp_path)

    assert len(pages) == 1 and TITLE in pages[0] and PERIOD in pages[0]
    only_figures = ReportDocument(TITLE, PERIOD, ORGANISATION, "2026-12-01 09:30", HEADLINES[:2])
    pages = _pages(render_report_pdf(only_figures), tmp_path, "figures.pdf")
    assert len(pages) == 2 and "本期概况" in pages[1] and "第 2 页，共 2 页" in pages[1]
    assert f"{_grouped(HEADLINES[0].value)} 人次" in pages[1]


@needs_poppler
def test_words_come_from_the_caller_and_missing_glyphs_show_as_boxes(tmp_path: Path) -> None:
    words = DocumentWords(page="Page {page} of {pages}", headlines="Key figures", change_up="up {percent}",
                          change_down="down {percent}", change_same="unchanged", change_new="was 0",
                          printed_at="Printed {at}", change_none="no comparison")
    document = ReportDocument("Monthly report", "November 2026", "Minghua base", "2026-12-01 09:30",
                              [Headline("Visits", 150, 100), Headline("Events", 2, None)],
                              [Section("Visitors 欧阳𠮷", tables=[Table("By day", ["Day", "Visits"],
                                                                      [[dt.date(2026, 11, 2), 1500]])])],
                              words=words)

    text = "\n".join(_pages(render_report_pdf(document), tmp_path))

    for expected in ("Printed 2026-12-01 09:30", "Key figures", "up 50%", "no comparison", "Page 2 of 2",
                     "Visitors 欧阳□", "2026-11-02", "1,500"):
        assert expected in text


def test_a_monthly_report_renders_fast() -> None:
    register_cjk_font()
    document = _document(ledger_rows=1000 - YEAR_DAYS - 6 * 4)  # a thousand table rows in all
    rows = sum(len(table.rows) for section in document.sections for table in section.tables)
    charts = sum(len(section.charts) for section in document.sections)
    assert (len(document.sections), charts, rows) == (12, 8, 1000)

    started = time.perf_counter()
    pdf = render_report_pdf(document)
    seconds = time.perf_counter() - started

    print(f"report of 12 sections, 8 charts, 1000 rows: {seconds * 1000:.0f} ms, {len(pdf) // 1024} KiB")
    assert seconds < 1.5


def test_cells_print_grouped_numbers_and_days() -> None:
    assert format_cell(1234567) == "1,234,567"
    assert format_cell(-1234) == "-1,234"
    assert format_cell(1234.5, 2) == "1,234.50"
    assert format_cell(-0.001, 1) == "0.0"  # never "-0.0"
    assert format_cell(dt.date(2026, 3, 7)) == "2026-03-07"
    assert format_cell(dt.datetime(2026, 3, 7, 9, 5)) == "2026-03-07 09:05"
    assert format_cell(None) == ""
    assert format_cell("两行\n文字") == "两行 文字"
    assert format_cell(float("nan")) == "—"  # a rate over nothing prints as a dash, not "nan"


def test_change_words() -> None:
    words = DocumentWords()
    assert change_text(Headline("a", 110, 100), words) == ("较上期 ↑ 10%", 1)
    assert change_text(Headline("a", 75, 100), words) == ("较上期 ↓ 25%", -1)
    assert change_text(Headline("a", 100, 100), words) == ("与上期持平", 0)
    assert change_text(Headline("a", 100.04, 100, decimals=1), words) == ("与上期持平", 0)  # equal as printed
    assert change_text(Headline("a", 5, 0), words) == ("上期为 0", 0)
    assert change_text(Headline("a", 0, 0), words) == ("与上期持平", 0)
    assert change_text(Headline("a", 5, None), words) == ("无上期数据", 0)
    assert change_text(Headline("a", 100001, 100000), words) == ("较上期 ↑ <0.1%", 1)
    # Points can be negative: -50 after -100 went up.
    assert change_text(Headline("a", -50, -100), words) == ("较上期 ↑ 50%", 1)


# -- charts ------------------------------------------------------------------------------------------------------


def _strings(node: Any, dx: float = 0.0, dy: float = 0.0) -> list[tuple[float, float, str, float, str, bool]]:
    """Every String in a drawing: (x, y, text, size, anchor, turned), x and y on the drawing."""
    from reportlab.graphics.shapes import Group, String

    found = []
    for child in node.contents:
        if isinstance(child, String):
            found.append((child.x + dx, child.y + dy, child.text, child.fontSize, child.textAnchor, False))
        elif isinstance(child, Group):
            a, b, c, d, e, f = child.transform
            turned = abs(b) > 1e-9 or abs(c) > 1e-9
            for x, y, text, size, anchor, inner in _strings(child):
                found.append((a * x + c * y + e + dx, b * x + d * y + f + dy, text, size, anchor, inner or turned))
    return found


def _extent(x: float, text: str, size: float, anchor: str, font: str) -> tuple[float, float]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = stringWidth(text, font, size)
    start = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return start, start + width


def _category_labels(chart: Chart, font: str) -> list[tuple[float, float, str, float, str, bool]]:
    """The labels under the plot: turned ones, and flat ones below the lowest figure of the value axis (or the
    lowest row name of a heat map), both right-aligned at the plot's left."""
    drawing = chart_drawing(chart, 510, font)
    strings = _strings(drawing)
    assert all(-0.5 <= x <= drawing.width + 0.5 for x, *_ in strings)
    floor = min(y for x, y, text, size, anchor, turned in strings if anchor == "end" and not turned)
    return [s for s in strings if s[5] or s[1] < floor - 2]


@pytest.mark.parametrize("chart", [
    Chart(ChartKind.BARS, "各设施利用率", FACILITIES, [Series("", [float(i) for i in range(8)])], "%"),
    Chart(ChartKind.BARS, "每日", [f"11-{d:02d}" for d in range(1, 31)], [Series("获得", [1] * 30),
                                                                       Series("使用", [-1] * 30)]),
    Chart(ChartKind.LINE, "每小时", HOURS, [Series("本月", [1] * 24), Series("平均", [2] * 24)]),
    Chart(ChartKind.LINE, "全年", [f"{FIRST_DAY + dt.timedelta(days=i):%m-%d}" for i in range(YEAR_DAYS)],
          [Series("", list(range(YEAR_DAYS)))]),
    Chart(ChartKind.HEAT, "利用率", HOURS, [Series(day, [float(h) for h in range(24)]) for day in WEEKDAYS], "%"),
], ids=["long-names", "thirty-days", "hours", "a-year", "heat"])
def test_labels_under_a_chart_never_overlap(chart: Chart) -> None:
    font = register_cjk_font()
    labels = _category_labels(chart, font)
    assert labels
    flat = [label for label in labels if not label[5]]
    rows: dict[float, list[tuple[float, float]]] = {}
    for x, y, text, size, anchor, _ in flat:
        rows.setdefault(round(y, 1), []).append(_extent(x, text, size, anchor, font))
    for extents in rows.values():
        extents.sort()
        assert all(left[1] <= right[0] for left, right in itertools.pairwise(extents))
    turned = [label for label in labels if label[5]]
    if turned:  # 45° labels stand apart by more than their type size
        xs = sorted(x for x, *_ in turned)
        assert min(b - a for a, b in itertools.pairwise(xs)) * math.sin(math.pi / 4) >= turned[0][3]


def test_an_empty_chart_still_has_its_axes() -> None:
    from reportlab.graphics.shapes import Line

    font = register_cjk_font()
    for chart in (Chart(ChartKind.BARS, "空", [], []), Chart(ChartKind.LINE, "全零", ["一", "二"], [Series("", [0, 0])]),
                  Chart(ChartKind.HEAT, "空", [], [])):
        drawing = chart_drawing(chart, 400, font)
        assert drawing.height > 40
        texts = [s[2] for s in _strings(drawing)]
        assert chart.title in texts
        if chart.kind is not ChartKind.HEAT:
            assert "0" in texts and any(isinstance(node, Line) for node in drawing.contents)


def test_negative_bars_hang_below_zero() -> None:
    from reportlab.graphics.shapes import Line, Rect

    font = register_cjk_font()
    chart = Chart(ChartKind.BARS, "积分", ["一", "二"], [Series("", [120, -80])])
    drawing = chart_drawing(chart, 400, font)
    texts = {s[2]: s[1] for s in _strings(drawing)}
    zero = texts["0"] + 7.5 / 3  # the zero tick's figure sits a third of its size under its line
    bars = [node for node in drawing.contents if isinstance(node, Rect)]
    assert len(bars) == 2
    up, down = bars
    assert abs(up.y - zero) < 0.5 and up.height > 0
    assert abs(down.y + down.height - zero) < 0.5
    assert up.height / down.height == pytest.approx(120 / 80, rel=0.01)
    assert "-80" in texts and texts["-80"] < down.y  # its figure under the bar
    assert any(isinstance(node, Line) and node.y1 == node.y2 and abs(node.y1 - zero) < 0.5
               for node in drawing.contents)
