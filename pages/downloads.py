"""Download buttons: CSV and XLSX snapshots of exactly what a page shows, with their sources."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from indicators import export
from indicators.filters import Filters
from pages import data
from pages.state import filters, tr


def download_files(
    csv_bytes: bytes, xlsx_bytes: bytes | Callable[[], bytes], key: str, caption: str | None = None
) -> None:
    """CSV and XLSX buttons for a snapshot of exactly what the page shows; an XLSX given as a
    function is built only when its button is clicked."""
    stem = f"bien-gioi-{key}-{data.version()}"
    st.caption(caption or tr("download"))
    left, right = st.columns(2)
    left.download_button(
        tr("download_csv"), csv_bytes, f"{stem}.csv", "text/csv", key=f"{key}-csv", width="stretch"
    )
    right.download_button(
        tr("download_xlsx"),
        xlsx_bytes,
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        width="stretch",
    )


def download_buttons(f: Filters, key: str, caption: str | None = None) -> None:
    """The filtered observations (the same snapshot as `python -m indicators export`), built once
    per data version and filters, not on every rerun."""
    download_files(*data.observation_files(f, data.version()), key, caption)


def download_table(
    frame: pd.DataFrame, headers: dict[str, tuple[str, str]], key: str, caption: str | None = None
) -> None:
    """A table the page shows (targets, tasks), with the sources its rows cite."""
    snap = export.table_snapshot(data.connection(), frame, headers, filters(), data.version())
    # the workbook costs ≈ 0.2 s: built on click, not on every run of the page
    download_files(export.to_csv_bytes(snap), lambda: export.to_xlsx_bytes(snap), key, caption)
