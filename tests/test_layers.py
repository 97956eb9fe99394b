"""The one-way flow: etl/ may import indicators/, never the reverse, and indicators/ never imports
Streamlit (the analytics serve the CLI and the reports too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

INDICATORS = Path(__file__).resolve().parent.parent / "indicators"


def imported_modules(path: Path) -> set[str]:
    """The top-level package of every module a file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(INDICATORS.glob("*.py")), ids=lambda p: p.name)
def test_indicators_import_neither_etl_nor_streamlit(path: Path) -> None:
    assert not imported_modules(path) & {"etl", "streamlit", "pages"}
