"""Find the message ids the code uses, for `pybabel extract` (babel.cfg names this extractor) and
tests/test_catalogue.py: the literal first argument of a call to a message function (`t`, `tr`,
`tx`, `msg`, `text`, `N_`), both branches of a conditional one (`t("yes" if ok else "no", lang)`),
also inside f-strings. Babel's own Python extractor reads tokens and misses or merges these."""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator
from typing import IO

KEYWORDS = ("t", "tr", "tx", "msg", "text", "N_")


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _literals(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def message_ids(source: str, keywords: Collection[str] = KEYWORDS) -> Iterator[tuple[int, str, str]]:
    """(line, function, message id) for every literal id passed to a message function in `source`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and (name := _called_name(node)) in keywords:
            for message_id in _literals(node.args[0]):
                yield node.lineno, name, message_id


def extract(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: dict[str, str]
) -> Iterator[tuple[int, str, str, list[str]]]:
    """A Babel extraction method (babel.cfg: `[l10n.extract:extract: …]`)."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for line, name, message_id in message_ids(source, keywords):
        yield line, name, message_id, []
