"""UI layer: the pages of a slip PDF as pictures, so the on-screen preview and the printout are drawn from the
very bytes that are saved as the PDF.

PDFium (`pypdfium2`, the renderer of Chrome, with wheels for Windows and Linux) rasterises the pages: Qt's own
PDF module is in the add-ons wheel the desk does not ship, and reportlab cannot rasterise. The embedded CJK font
is drawn from the file, so Chinese looks as in any PDF viewer whatever fonts the desk PC has.

Rendering needs no widget: the worker paints previews into QImages and pages onto a QPrinter (both are allowed
off the GUI thread). One worker thread uses a document at a time, as PDFium requires.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

if TYPE_CHECKING:
    import pypdfium2 as pdfium

POINTS_PER_INCH = 72
MM_PER_POINT = 25.4 / 72
# Pages go to the printer as pictures of at most this resolution: sharper than any receipt printer and enough for
# an A4 laser's text and QR codes, while an A4 page stays a few tens of megabytes in memory.
PRINT_DPI_MAX = 300


class UnsupportedPdf(Exception):
    """The bytes are not a PDF the renderer can read."""


@dataclass(frozen=True)
class PdfPage:
    box: QRectF  # the page, in points

    @property
    def size_points(self) -> QSizeF:
        return self.box.size()


class PdfPages:
    """The pages of a PDF, read once and painted any number of times at any size."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        with self._open() as document:
            self._pages = [PdfPage(QRectF(0, 0, *document[index].get_size())) for index in range(len(document))]
        if not self._pages:
            raise UnsupportedPdf("no pages")

    @contextlib.contextmanager
    def _open(self) -> Iterator[pdfium.PdfDocument]:
        # Opened for each use and closed at once: a slip's PDF opens in well under a millisecond, and no native
        # document outlives the call that needed it. PDFium loads with the first preview, not at start-up.
        import pypdfium2 as pdfium

        try:
            document = pdfium.PdfDocument(self._data)
        except pdfium.PdfiumError as error:
            raise UnsupportedPdf(str(error)) from None
        try:
            yield document
        finally:
            document.close()

    def __len__(self) -> int:
        return len(self._pages)

    def __iter__(self) -> Iterator[PdfPage]:
        return iter(self._pages)

    def page(self, index: int) -> PdfPage:
        return self._pages[index]

    def image(self, index: int, dpi: float) -> QImage:
        """Page `index` on white at `dpi` dots per inch."""
        box = self._pages[index].box
        scale = dpi / POINTS_PER_INCH
        # Whole dots, rounded up as printers and PDF rasterisers do: the last part-dot is still paper.
        width = max(1, math.ceil(box.width() * scale - 1e-6))
        height = max(1, math.ceil(box.height() * scale - 1e-6))
        with self._open() as document:
            bitmap = document[index].render(scale=scale, fill_color=(255, 255, 255, 255), rev_byteorder=True)
            picture = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                             QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format.Format_RGBX8888)
            image = picture.copy(0, 0, min(width, bitmap.width), min(height, bitmap.height))  # owns its pixels
        dots_per_metre = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        return image

    def paint(self, painter: QPainter, index: int, target: QRectF) -> None:
        """Page `index` scaled into `target` (in the painter's coordinates), rendered at the target's resolution."""
        box = self._pages[index].box
        painter.drawImage(target, self.image(index, target.width() / box.width() * POINTS_PER_INCH))

    def print_to(self, printer: QPrinter) -> None:
        """Every page onto `printer`, each on paper of its own size with no margins, at its true size."""
        painter = QPainter()
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        for index, page in enumerate(self._pages):
            # In millimetres: Qt keeps a size in points as whole points, a receipt's height is not one.
            size = QSizeF(page.box.width() * MM_PER_POINT, page.box.height() * MM_PER_POINT)
            layout = QPageLayout(QPageSize(size, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch),
                                 QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
            printer.setFullPage(True)
            printer.setPageLayout(layout)
            if index == 0:
                if not painter.begin(printer):
                    raise OSError("the printer could not be opened")
            elif not printer.newPage():
                painter.end()
                raise OSError("the printer refused another page")
            # At true size from the paper's corner, whatever paper the driver settled on: a slip is never
            # stretched to a sheet it was not made for.
            dots = printer.resolution() / POINTS_PER_INCH
            target = QRectF(0, 0, page.box.width() * dots, page.box.height() * dots)
            painter.drawImage(target, self.image(index, dpi))
        painter.end()
