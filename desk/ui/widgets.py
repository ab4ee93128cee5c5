"""UI layer: small shared widgets — the error label shown next to a field, the retranslation hook, and growing a
dialog to fit what it newly shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desk.domain.errors import DeskError
from desk.ui.wording import error_text

DATE_EDIT_FORMAT = "yyyy-MM-dd"  # four-digit years in both languages (an English short date has two)


class Retranslating:
    """Mixin for widgets: `retranslate()` runs when the language changes (and should set every text)."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


class ErrorLabel(QLabel):
    """A red message under a field; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class FieldErrors:
    """Routes a `DeskError` to the label of its field (or the form's general label) and focuses the field."""

    def __init__(self, general: ErrorLabel) -> None:
        self._general = general
        self._fields: dict[str, tuple[ErrorLabel, QWidget | None]] = {}

    def bind(self, field: str, label: ErrorLabel, widget: QWidget | None = None) -> None:
        self._fields[field] = (label, widget)

    def with_label(self, field: str, widget: QWidget) -> QWidget:
        """`widget` with its own error label (object name `error_<field>`) right beneath it, bound to `field`."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        error = ErrorLabel()
        error.setObjectName(f"error_{field}")
        column.addWidget(widget)
        column.addWidget(error)
        self.bind(field, error, widget)
        return box

    def clear(self) -> None:
        self._general.show_text("")
        for label, _ in self._fields.values():
            label.show_text("")

    def show(self, error: DeskError) -> None:
        self.clear()
        label, widget = self._fields.get(error.field or "", (self._general, None))
        label.show_text(error_text(error))
        if widget is not None:
            widget.setFocus()

    def text_of(self, field: str) -> str:
        label, _ = self._fields.get(field, (self._general, None))
        return label.text() if label.isVisible() else ""


def grow_to_fit(window: QWidget) -> None:
    """Make a shown dialog tall enough for its layout at its current width, after an error or hint appeared.
    Qt's minimum size leaves out the height a wrapped text needs for its width, so without this the new lines
    squeeze the intro and the fields instead of making the dialog taller."""
    layout = window.layout()
    if not window.isVisible() or layout is None or not layout.hasHeightForWidth():
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width())
    if window.height() < needed:
        window.resize(window.width(), needed)


def save_cancel(dialog: QDialog, on_save: Callable[[], None],
                save: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok) -> QDialogButtonBox:
    """A form dialog's buttons: `save` (object name save_button) runs `on_save`, which closes the dialog once its
    work is done or shows why not; Cancel (cancel_button) closes it."""
    buttons = QDialogButtonBox(save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(save).setObjectName("save_button")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancel_button")
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons
