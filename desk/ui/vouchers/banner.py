"""UI layer: the banner of the redemption station — one big, unmistakable answer per scan: green ✔ when the voucher
was redeemed now, red ✖ when it must not be honoured (already used, expired, voided, another merchant's, not
genuine), amber ! when a typed code has a wrong character and only needs typing again. The sign is drawn, not a
font character, so it shows on any PC; a beep goes with it (one for yes, two for no)."""

from __future__ import annotations

import datetime as dt
import enum

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desk.domain.vouchers import Outcome
from desk.services.vouchers import Verdict, VoucherRow
from desk.ui.points import moment_text
from desk.ui.widgets import Retranslating
from desk.ui.wording import error_text, outcome_name

SECOND_BEEP_MS = 220
ICON_SIZE = 84


class Tone(enum.Enum):
    SUCCESS = "success"
    REFUSED = "refused"
    RETYPE = "retype"


# (background, border and sign, text)
_COLORS = {
    Tone.SUCCESS: ("#e6f4ea", "#1e8e3e", "#0d652d"),
    Tone.REFUSED: ("#fce8e6", "#c5221f", "#8c1d18"),
    Tone.RETYPE: ("#fef7e0", "#e37400", "#7a4100"),
}


def tone_of(outcome: Outcome) -> Tone:
    if outcome in (Outcome.REDEEMED, Outcome.VALID):
        return Tone.SUCCESS
    return Tone.RETYPE if outcome is Outcome.TYPO else Tone.REFUSED


def play_sound(tone: Tone) -> None:
    """The system beep: once for a redeemed voucher, twice for anything else. Harmless on a PC without sound;
    tests replace this function."""
    QApplication.beep()
    if tone is not Tone.SUCCESS:
        QTimer.singleShot(SECOND_BEEP_MS, QApplication.beep)


class _Sign(QWidget):
    """A filled circle with ✔, ✖ or ! drawn in white."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redeem_sign")
        self.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.tone = Tone.SUCCESS

    def sizeHint(self) -> QSize:
        return QSize(ICON_SIZE, ICON_SIZE)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 4
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(_COLORS[self.tone][1]))
        painter.drawEllipse(box)
        pen = QPen(QColor("white"), side * 0.11, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        x, y, s = box.left(), box.top(), side
        if self.tone is Tone.SUCCESS:
            path = QPainterPath(QPointF(x + 0.27 * s, y + 0.52 * s))
            path.lineTo(x + 0.44 * s, y + 0.69 * s)
            path.lineTo(x + 0.74 * s, y + 0.33 * s)
            painter.drawPath(path)
        elif self.tone is Tone.REFUSED:
            painter.drawLine(QPointF(x + 0.32 * s, y + 0.32 * s), QPointF(x + 0.68 * s, y + 0.68 * s))
            painter.drawLine(QPointF(x + 0.68 * s, y + 0.32 * s), QPointF(x + 0.32 * s, y + 0.68 * s))
        else:
            painter.drawLine(QPointF(x + 0.5 * s, y + 0.24 * s), QPointF(x + 0.5 * s, y + 0.58 * s))
            painter.drawPoint(QPointF(x + 0.5 * s, y + 0.76 * s))
        painter.end()


class RedeemBanner(Retranslating, QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redeem_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._verdict: Verdict | None = None
        self._typed = ""
        self._zone: dt.tzinfo = dt.UTC

        self._sign = _Sign()
        self._title = QLabel()
        self._title.setObjectName("banner_title")
        self._title.setWordWrap(True)
        title_font = self._title.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 2.4)
        self._title.setFont(title_font)
        self._headline = QLabel()
        self._headline.setObjectName("banner_headline")
        self._headline.setWordWrap(True)
        headline_font = self._headline.font()
        headline_font.setBold(True)
        headline_font.setPointSizeF(headline_font.pointSizeF() * 1.6)
        self._headline.setFont(headline_font)
        self._details = QLabel()
        self._details.setObjectName("banner_details")
        self._details.setWordWrap(True)
        details_font = self._details.font()
        details_font.setPointSizeF(details_font.pointSizeF() * 1.2)
        self._details.setFont(details_font)
        for label in (self._title, self._headline, self._details):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        words = QVBoxLayout()
        words.setSpacing(6)
        words.addWidget(self._title)
        words.addWidget(self._headline)
        words.addWidget(self._details)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 16, 20, 16)
        row.setSpacing(20)
        row.addWidget(self._sign, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        self.hide()

    # -- public --------------------------------------------------------------------------------------------------

    @property
    def outcome(self) -> Outcome | None:
        return self._verdict.outcome if self._verdict else None

    @property
    def tone(self) -> Tone | None:
        return tone_of(self._verdict.outcome) if self._verdict else None

    def texts(self) -> tuple[str, str, str]:
        """Title, headline and details as shown."""
        return self._title.text(), self._headline.text(), self._details.text()

    def show_verdict(self, verdict: Verdict, typed: str, zone: dt.tzinfo) -> None:
        self._verdict, self._typed, self._zone = verdict, typed, zone
        tone = tone_of(verdict.outcome)
        background, border, text = _COLORS[tone]
        self.setStyleSheet(f"QFrame#redeem_banner {{ background: {background}; border: 3px solid {border};"
                           f" border-radius: 10px; }} QLabel {{ color: {text}; background: transparent; }}")
        self._sign.tone = tone
        self._sign.update()
        self.retranslate()
        self.show()

    def clear(self) -> None:
        self._verdict = None
        self.hide()

    def retranslate(self) -> None:
        verdict = self._verdict
        if verdict is None:
            return
        self._title.setText(outcome_name(verdict.outcome.value))
        headline, details = self._words(verdict)
        self._headline.setText(headline)
        self._headline.setVisible(bool(headline))
        self._details.setText(details)
        self._details.setVisible(bool(details))

    # -- wording -------------------------------------------------------------------------------------------------

    def _words(self, verdict: Verdict) -> tuple[str, str]:
        voucher = verdict.voucher
        outcome = verdict.outcome
        if outcome is Outcome.TYPO:
            return (self.tr("请对照兑换券重新输入券码，或再扫一次二维码。"),
                    self.tr("刚才输入的是：%1").replace("%1", self._typed.strip()[:40]))
        if outcome is Outcome.NOT_GENUINE or voucher is None:
            reason = error_text(verdict.error) if verdict.error is not None else ""
            return self.tr("请勿兑换。"), reason
        what = self._what(voucher)
        if outcome is Outcome.REDEEMED:
            return voucher.reward_title, self.tr("%1 · 会员 %2 · %3 积分 · 券码 %4").replace(
                "%1", voucher.merchant_name).replace("%2", self._member(voucher)).replace(
                "%3", str(voucher.points)).replace("%4", voucher.code)
        if outcome is Outcome.ALREADY_REDEEMED:
            when = moment_text(voucher.redeemed_at, self._zone) if voucher.redeemed_at else ""
            return (self.tr("已于 %1 在 %2 核销").replace("%1", when).replace("%2", voucher.merchant_name),
                    self.tr("经办人 %1 · %2").replace("%1", voucher.redeemed_by or self.tr("未知")).replace("%2", what))
        if outcome is Outcome.EXPIRED:
            return (self.tr("有效期至 %1，已过期，不能兑换。").replace("%1", f"{voucher.expires_on:%Y-%m-%d}"), what)
        if outcome is Outcome.VOIDED:
            reason = voucher.void_reason or self.tr("未填写")
            return self.tr("前台已作废这张券（原因：%1），不能兑换。").replace("%1", reason), what
        if outcome is Outcome.WRONG_MERCHANT:
            return (self.tr("此券只能在 %1 使用，请勿兑换。").replace("%1", voucher.merchant_name),
                    self.tr("%1 · 券码 %2").replace("%1", voucher.reward_title).replace("%2", voucher.code))
        return voucher.reward_title, what  # VALID: checked only

    def _what(self, voucher: VoucherRow) -> str:
        return self.tr("%1（%2）· 会员 %3 · 券码 %4").replace("%1", voucher.reward_title).replace(
            "%2", voucher.merchant_name).replace("%3", self._member(voucher)).replace("%4", voucher.code)

    @staticmethod
    def _member(voucher: VoucherRow) -> str:
        return f"{voucher.masked_name} {voucher.member_no}".strip()
