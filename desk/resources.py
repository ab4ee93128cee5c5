"""Where the bundled resources are (fonts, icons, translations). No Qt here: printing uses the font too."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parents[1] / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
ICONS_DIR = RESOURCES_DIR / "icons"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"

# WenQuanYi Micro Hei (Apache-2.0 or GPL-3 with font exception): renders Chinese on a PC with no CJK font and
# is embedded in every PDF so slips and reports look the same everywhere.
CJK_FONT_FILE = FONTS_DIR / "wqy-microhei.ttc"
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"
