"""UI layer: languages. Source strings are Chinese; English comes from resources/translations/desk_en.qm.

Switching installs the other translators; Qt then sends every widget a LanguageChange event and each widget
re-reads its texts (`Retranslating`), so the switch takes effect at once without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desk.resources import TRANSLATIONS_DIR

_installed: list[QTranslator] = []


def apply_language(language: str) -> None:
    """Install the translators of `language` ("zh_CN" or "en") in place of the current ones."""
    app = QCoreApplication.instance()
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh_CN" else QLocale(
        QLocale.Language.English, QLocale.Country.UnitedStates)
    QLocale.setDefault(locale)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [("qtbase_" + ("zh_CN" if language == "zh_CN" else "en"), qt_dir)]
    if language != "zh_CN":
        candidates.append((f"desk_{language}", str(TRANSLATIONS_DIR)))
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)


def current_is_english() -> bool:
    return QLocale().language() == QLocale.Language.English
