"""Services layer: preferences of this desk PC (the language), kept in the data folder, not in the database.

They belong to the machine: the login dialog must already speak the desk's language before anyone logs in.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from desk.domain.errors import BadFormat

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
FILE_NAME = "preferences.json"


class Preferences:
    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / FILE_NAME

    def _load(self) -> dict[str, object]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    @property
    def language(self) -> str:
        env = os.environ.get("DESK_LANGUAGE")
        value = env or self._load().get("language")
        return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise BadFormat("language", expected="language")
        data = self._load()
        data["language"] = language
        self._path.parent.mkdir(parents=True, exist_ok=True)
        partial = self._path.with_suffix(".partial")
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(partial, self._path)
