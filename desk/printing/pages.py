"""Printing layer: what every multi-page table document shares — text the embedded font can print, a canvas that
numbers pages "page x of y", and a long table cut into one table per page.

Cutting here, with every row's height worked out by the caller, is what keeps a district's notice or statement
fast: reportlab measures a long table's rows and splits it in time that grows with the square of its rows."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Footer = Callable[[Any, int, int], None]  # (canvas, page number, pages) → draws the page's footer


@dataclass(frozen=True)
class CjkText:
    """Text for one font: characters it lacks (𠮷, emoji) print as □ so the reader sees a character is there,
    rather than a gap that reads as another name."""

    font: str

    @functools.cached_property
    def _known(self) -> Any:
        from reportlab.pdfbase import pdfmetrics

        return pdfmetrics.getFont(self.font).face.charToGlyph

    def glyphs(self, value: str) -> str:
        known = self._known
        return "".join(ch if ord(ch) in known or ch.isspace() else "□" for ch in value)

    def printable(self, value: str) -> str:
        """For a Paragraph, which reads its text as markup."""
        return self.glyphs(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def numbered_canvas(footer: Footer) -> type:
    """A canvas class that holds every page back until the end, so each page's footer can say how many pages
    there are; `footer` draws it (font and colour are saved and restored around it)."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self.saveState()
                footer(self, number, total)
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas


def split_rows(rows: Sequence[Any], heights: Sequence[float], first_room: float,
               room: float) -> list[tuple[list[Any], list[float]]]:
    """Rows and their heights in pages: `first_room` on the first page (below the title), `room` on the others. A
    row taller than a page still gets a page of its own."""
    pages: list[tuple[list[Any], list[float]]] = [([], [])]
    left = first_room
    for row, height in zip(rows, heights, strict=True):
        if pages[-1][0] and height > left:
            pages.append(([], []))
            left = room
        pages[-1][0].append(row)
        pages[-1][1].append(height)
        left -= height
    return pages


def page_tables(header: list[Any], pages: list[tuple[list[Any], list[float]]], widths: Sequence[float],
                header_height: float, style: Callable[[int, bool], Any]) -> list[Any]:
    """One table per page, the header repeated, a page break between them; `style(rows, last)` gives each
    table's style (the last page's table carries the totals row)."""
    from reportlab.platypus import PageBreak, Table

    story: list[Any] = []
    for number, (rows, row_heights) in enumerate(pages, start=1):
        last = number == len(pages)
        table = Table([header, *rows], colWidths=list(widths), rowHeights=[header_height, *row_heights],
                      repeatRows=1)
        table.setStyle(style(len(rows), last))
        story.append(table)
        if not last:
            story.append(PageBreak())
    return story
