"""The bundled CJK font is embedded in PDFs, so Chinese survives any viewer or printer."""

import io
import shutil
import subprocess

import pytest
from reportlab.pdfgen import canvas

from desk.printing.fonts import PDF_FONT, register_cjk_font
from desk.resources import CJK_FONT_FILE


def _pdf(text: str) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont(register_cjk_font(), 14)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def test_font_file_and_licence_are_bundled() -> None:
    assert CJK_FONT_FILE.stat().st_size > 1_000_000
    assert (CJK_FONT_FILE.parent / "LICENSE-wqy-microhei.txt").read_text().count("Apache-2.0") >= 1


def test_chinese_text_is_embedded_and_extractable(tmp_path) -> None:
    assert register_cjk_font() == PDF_FONT
    data = _pdf("红色港湾前台 兑换券")
    assert b"/FontFile2" in data  # the TrueType program itself is inside the PDF
    assert b"WenQuanYiMicroHei" in data
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "红色港湾前台 兑换券" in text
