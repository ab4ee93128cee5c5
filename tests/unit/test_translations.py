"""English is complete: every translatable string in the code has a finished English translation, the
placeholders survive, and the compiled .qm matches the .ts."""

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desk.resources import TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parents[2]
TS = TRANSLATIONS_DIR / "desk_en.ts"
QM = TRANSLATIONS_DIR / "desk_en.qm"
TOOLS = Path(sys.executable).parent


def _sources() -> list[str]:
    """What lupdate reads: the window, and desk/cli.py for the command line's "Cli" words."""
    window = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desk" / "ui").rglob("*.py"))
    return [*window, "desk/cli.py"]


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name") or "", msg.findtext("source") or ""): msg
            for ctx in root.iter("context") for msg in ctx.iter("message")}


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> Path:
    lupdate = TOOLS / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed")
    target = tmp_path_factory.mktemp("ts") / "desk_en.ts"
    shutil.copy(TS, target)
    subprocess.run([str(lupdate), *_sources(), "-source-language", "zh_CN", "-target-language", "en",
                    "-no-obsolete", "-locations", "none", "-ts", str(target)],
                   cwd=ROOT, check=True, capture_output=True)
    return target


def test_every_string_in_the_code_is_in_the_committed_translation(fresh_ts: Path) -> None:
    fresh, committed = set(_messages(fresh_ts)), set(_messages(TS))
    assert fresh - committed == set(), "run `make translations` and translate the new strings"
    assert committed - fresh == set(), "the .ts keeps strings the code no longer has: run `make translations`"


def test_every_translation_is_finished_and_keeps_its_placeholders() -> None:
    problems = []
    for (context, source), message in _messages(TS).items():
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in {"unfinished", "vanished", "obsolete"} or not all(f.strip() for f in forms):
            problems.append(f"{context}: {source!r} is not translated")
            continue
        for marker in ("%1", "%2", "%3"):
            if marker in source and not all(marker in f for f in forms):
                problems.append(f"{context}: {source!r} lost {marker}")
        if "%n" in source and message.get("numerus") == "yes" and not all("%n" in f for f in forms):
            problems.append(f"{context}: {source!r} lost %n")
    assert problems == []


def test_compiled_translation_matches_the_source(tmp_path: Path) -> None:
    lrelease = TOOLS / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "desk_en.qm"
    subprocess.run([str(lrelease), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run `make translations` to rebuild desk_en.qm"


CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    return [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]


def test_no_translation_is_still_chinese() -> None:
    """A translation with Chinese in it was copied, not translated (or a full-width ，。：（） slipped in)."""
    leftovers = [f"{context}: {source!r} -> {form!r}" for (context, source), message in _messages(TS).items()
                 for form in _forms(message) if CJK.search(form)]
    assert leftovers == []


def test_line_breaks_mnemonics_and_plural_forms_survive() -> None:
    problems = []
    for (context, source), message in _messages(TS).items():
        forms = _forms(message)
        if message.get("numerus") == "yes" and len(forms) != 2:
            problems.append(f"{context}: {source!r} needs two English forms (one, many), has {len(forms)}")
        for form in forms:
            if form.count("\n") != source.count("\n"):
                problems.append(f"{context}: {source!r} has other line breaks")
            if re.search(r"&\w", source) and not re.search(r"&\w", form):
                problems.append(f"{context}: {source!r} lost its & shortcut letter")
    assert problems == []


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _TranslateCalls(ast.NodeVisitor):
    """(context, source, counted, where) of each translate("Ctx", "text"[, disambiguation, n]),
    QT_TRANSLATE_NOOP("Ctx", "text") and self.tr / Ctx.tr("text"[, disambiguation, n]) with literal text, the
    context of self.tr being the innermost class, as lupdate reads them."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.classes: list[str] = []
        self.found: list[tuple[str, str, bool, str]] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func, where = node.func, f"{self.name}:{node.lineno}"
        called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if called in {"translate", "QT_TRANSLATE_NOOP"} and len(node.args) >= 2:
            context, text = _literal(node.args[0]), _literal(node.args[1])
            if context is not None and text is not None:
                self.found.append((context, text, len(node.args) >= 4, where))
        elif called == "tr" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and node.args:
            text = _literal(node.args[0])
            owner = func.value.id
            context = (self.classes[-1] if self.classes else "") if owner == "self" else owner
            if text is not None and context:
                self.found.append((context, text, len(node.args) >= 3, where))
        self.generic_visit(node)


def _calls_in_code() -> list[tuple[str, str, bool, str]]:
    found = []
    for name in _sources():
        visitor = _TranslateCalls(name)
        visitor.visit(ast.parse((ROOT / name).read_text(encoding="utf-8")))
        found += visitor.found
    return found


def test_lupdate_sees_every_call_and_marks_every_plural() -> None:
    """lupdate's Python parser silently skips a translate() whose fourth argument is more than a name
    (`int(p.get(...))`), and never marks a translate() as plural: a %n message counted through translate() then
    shows Chinese in English whenever n is not 1. Write plurals as `Ctx.tr("...", None, n)` or `self.tr(...)`."""
    calls = _calls_in_code()
    assert len(calls) > 200
    messages = _messages(TS)
    problems = []
    for context, source, counted, where in calls:
        message = messages.get((context, source))
        if message is None:
            problems.append(f"{where}: ({context!r}, {source!r}) is not in the .ts (lupdate skipped it)")
        elif counted and "%n" in source and message.get("numerus") != "yes":
            problems.append(f"{where}: {source!r} counts with %n but is not a plural message")
    assert problems == []


def test_plural_messages_are_english_for_one_and_for_many() -> None:
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(QM))
    plurals = [(context, source) for (context, source), message in _messages(TS).items()
               if message.get("numerus") == "yes"]
    assert plurals
    for context, source in plurals:
        for n in (1, 2, 15):
            text = translator.translate(context, source, None, n)
            assert text and not CJK.search(text), (context, source, n, text)
