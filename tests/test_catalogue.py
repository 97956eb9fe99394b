"""The message catalogue against the code: every id the code uses has a text in both languages,
every id in the catalogue is used, texts are NFC with the same placeholders, and the .po compile."""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.util import pathmatch

from l10n import LANGS, LOCALE_DIR, MissingMessage, message
from l10n.extract import KEYWORDS, message_ids

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{(\w+)")


def source_files() -> list[Path]:
    """The files babel.cfg maps to the extractor (what `make i18n-extract` reads)."""
    with (ROOT / "babel.cfg").open() as cfg:
        mapping, _ = parse_mapping_cfg(cfg)
    patterns = [pattern for pattern, method in mapping if method == "l10n.extract:extract"]
    assert patterns, "babel.cfg maps no files to the l10n extractor"
    files = (
        p for p in ROOT.rglob("*.py") if not any(part.startswith(".") for part in p.relative_to(ROOT).parts)
    )
    return sorted(
        p for p in files if any(pathmatch(pattern, p.relative_to(ROOT).as_posix()) for pattern in patterns)
    )


def used_ids() -> dict[str, str]:
    """Every literal message id in the code → one place it is used."""
    used: dict[str, str] = {}
    for path in source_files():
        for line, _, message_id in message_ids(path.read_text(encoding="utf-8")):
            used.setdefault(message_id, f"{path.relative_to(ROOT)}:{line}")
    return used


def composed_patterns() -> dict[str, str]:
    """Ids built at run time (`t(f"ts_{status}", lang)`) as regexes → where."""
    found: dict[str, str] = {}
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.JoinedStr)):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in KEYWORDS:
                parts = [
                    re.escape(v.value) if isinstance(v, ast.Constant) else r"\w+" for v in node.args[0].values
                ]
                found["".join(parts)] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def catalogue_texts(lang: str) -> dict[str, str]:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return {m.id: m.string for m in read_po(po) if m.id}


@pytest.fixture(scope="module")
def texts() -> dict[str, dict[str, str]]:
    return {lang: catalogue_texts(lang) for lang in LANGS}


def test_the_extractor_finds_literal_conditional_and_nested_ids() -> None:
    source = "x = f\"{t('a', lang)} {tr('b' if ok else 'c')}\"\nN_(\"d\")\nmsg(key)\nother(\"f\")"
    assert sorted(i for _, _, i in message_ids(source)) == ["a", "b", "c", "d"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_id_the_code_uses_has_a_text(lang: str, texts: dict[str, dict[str, str]]) -> None:
    missing = {i: where for i, where in used_ids().items() if not texts[lang].get(i)}
    assert not missing, f"no {lang} text in locale/{lang}/LC_MESSAGES/messages.po for: {missing}"


def test_every_id_in_the_catalogue_is_used(texts: dict[str, dict[str, str]]) -> None:
    used = used_ids()
    for lang in LANGS:
        unused = sorted(set(texts[lang]) - set(used))
        assert not unused, f"locale/{lang}/LC_MESSAGES/messages.po: used nowhere: {unused}"


def test_every_composed_id_has_its_family_declared(texts: dict[str, dict[str, str]]) -> None:
    """A `t(f"ts_{s}")` with no `ts_…` id declared (indicators.i18n.COMPOSED_IDS) can only fail."""
    declared = set(used_ids())
    for pattern, where in composed_patterns().items():
        assert any(re.fullmatch(pattern, i) for i in declared), f"{where}: no declared id matches {pattern}"


def test_both_languages_hold_the_same_ids_and_placeholders(texts: dict[str, dict[str, str]]) -> None:
    vi, en = texts["vi"], texts["en"]
    assert set(vi) == set(en)
    for message_id in vi:
        fields = [{f.lower() for f in PLACEHOLDER.findall(text[message_id])} for text in (vi, en)]
        assert fields[0] == fields[1], (
            f"{message_id}: placeholders differ ({{Kind}} and {{kind}} count alike)"
        )
        assert message_id not in (vi[message_id], en[message_id]), f"{message_id}: a text equal to its id"


@pytest.mark.parametrize("lang", LANGS)
def test_the_texts_are_nfc(lang: str, texts: dict[str, dict[str, str]]) -> None:
    raw = (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw) == raw
    assert all(unicodedata.normalize("NFC", s) == s for s in texts[lang].values())


@pytest.mark.parametrize("lang", LANGS)
def test_the_catalogue_compiles_and_the_compiled_one_is_current(lang: str, tmp_path: Path) -> None:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    assert not [m.id for m in catalog if m.id and m.fuzzy], "fuzzy entries are not compiled"
    with (tmp_path / "messages.mo").open("wb") as mo:
        write_mo(mo, catalog)
    installed = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo"
    assert installed.read_bytes() == (tmp_path / "messages.mo").read_bytes(), "run `make setup` to compile"


def test_a_missing_message_raises_in_tests() -> None:
    with pytest.raises(MissingMessage, match="no_such_message"):
        message("no_such_message", "vi")
    assert message("page_overview", "vi") == "Tổng quan" and message("page_overview", "en") == "Overview"
