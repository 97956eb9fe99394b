"""Corrections, not only additions (issue 10 item 3): a department revises a value it (or the
reference data) gave, saying so and why; the old value is kept as history across rebuilds; a plain
duplicate is still refused, with how to revise it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.build import REFERENCE_DIR, build, collect
from etl.problems import InvalidInput
from indicators.db import connect
from indicators.revisions import revised_keys, value_history

TODAY = dt.date(2026, 12, 2)
HEADER = "indicator_code,geo_code,year,value,unit,source_id,note,revision,revision_reason\n"
# Lạng Sơn's 2021 trade through the province: 4270 million USD in the reference data
REFERENCE_ROW = (
    "trade_through_province,VN63-20,2021,{value},triệu USD,tccs-langson-2022,{note},{flag},{reason}\n"
)


def row(value: object, flag: str = "", reason: str = "", year: int = 2021, note: str = "") -> str:
    return REFERENCE_ROW.format(value=value, flag=flag, reason=reason, note=note).replace(
        "2021", str(year), 1
    )


def inbox_with(tmp_path: Path, files: dict[str, str]) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    for name, rows in files.items():
        (inbox / name).write_text(HEADER + rows, encoding="utf-8")
    return inbox


def refused(tmp_path: Path, files: dict[str, str], lang: str = "vi") -> list[str]:
    inbox = inbox_with(tmp_path, files)
    with pytest.raises(InvalidInput) as caught:
        collect(REFERENCE_DIR, sorted(inbox.iterdir()), lang=lang, today=TODAY)
    return [str(p) for p in caught.value.problems]


def built(tmp_path: Path, files: dict[str, str]) -> duckdb.DuckDBPyConnection:
    inbox = inbox_with(tmp_path, files)
    db = tmp_path / "warehouse.duckdb"
    build(db, REFERENCE_DIR, inbox, today=TODAY)
    return connect(db)


def current(con: duckdb.DuckDBPyConnection, geo: str = "VN63-20", year: int = 2021) -> tuple:
    return con.execute(
        "SELECT value, revised, source_id FROM observations "
        "WHERE indicator_code = 'trade_through_province' AND geo_code = $g AND year = $y",
        {"g": geo, "y": year},
    ).fetchall()[0]


def test_a_plain_duplicate_is_refused_with_how_to_revise(tmp_path: Path) -> None:
    (vi,) = refused(tmp_path, {"a.csv": row(4300)})
    assert vi.startswith("a.csv:2: year: trùng khoá (indicator_code=trade_through_province, geo_code=VN63-20")
    assert "ghi revision = true và nêu lý do ở cột revision_reason" in vi
    (en,) = refused(tmp_path, {"a.csv": row(4300)}, lang="en")
    assert "first at observations.csv:" in en and "set revision = true and give a revision_reason" in en
    (false,) = refused(tmp_path, {"a.csv": row(4300, "false", "số chính thức")})
    assert "trùng khoá" in false  # revision = false is a plain row


def test_a_revision_needs_a_reason(tmp_path: Path) -> None:
    (problem,) = refused(tmp_path, {"a.csv": row(4300, "true")})
    assert problem.startswith("a.csv:2: revision_reason: bắt buộc khi revision = true")


def test_a_figure_revised_twice_in_one_file_is_refused(tmp_path: Path) -> None:
    rows = row(4300, "true", "số chính thức") + row(4310, "true", "số chính thức")
    (problem,) = refused(tmp_path, {"a.csv": rows})
    assert problem.startswith("a.csv:3: year: điều chỉnh hai lần cùng khoá") and "a.csv:2" in problem


def test_a_revision_replaces_the_value_and_keeps_the_old_one(tmp_path: Path) -> None:
    con = built(tmp_path, {"2026-11-20-so-cong-thuong.csv": row(4300, "true", "Số chính thức thay số sơ bộ")})
    assert current(con) == (4300.0, True, "tccs-langson-2022")
    history = value_history(con, "trade_through_province", ["VN63-20"])
    assert len(history) == 1
    old = history.iloc[0]
    assert (old["old_value"], old["new_value"], old["current_value"]) == (4270.0, 4300.0, 4300.0)
    assert old["revision_reason"] == "Số chính thức thay số sơ bộ"
    assert old["from_file"] == "reference/observations.csv"
    assert old["replaced_by_file"] == "2026-11-20-so-cong-thuong.csv" and old["revision_order"] == 1
    assert revised_keys(con, "trade_through_province") == {("VN63-20", 2021)}
    assert value_history(con, "trade_through_province", ["VN63-04"]).empty
    unrevised = con.execute("SELECT count(*) FROM observations WHERE revised").fetchall()[0][0]
    assert unrevised == 1  # every other value is not flagged


def test_revisions_replay_in_file_name_order_and_survive_rebuilds(tmp_path: Path) -> None:
    files = {
        "2026-03-01-so-bo.csv": row(1000, year=2016),  # a first, preliminary value
        "2026-06-01-chinh-thuc.csv": row(1100, "true", "số chính thức", year=2016),
        "2026-09-01-dinh-chinh.csv": row(1105, "có", "đính chính số chính thức", year=2016),
    }
    con = built(tmp_path, files)
    assert current(con, year=2016)[:2] == (1105.0, True)
    history = value_history(con, "trade_through_province", year=2016)
    assert history["old_value"].tolist() == [1000.0, 1100.0]
    assert history["new_value"].tolist() == [1100.0, 1105.0]
    assert history["revision_order"].tolist() == [1, 2]
    assert history["from_file"].tolist() == ["inbox/2026-03-01-so-bo.csv", "inbox/2026-06-01-chinh-thuc.csv"]
    con.close()
    # modification times play no part: touch the oldest file last, rebuild, same history
    oldest = tmp_path / "inbox" / "2026-03-01-so-bo.csv"
    os.utime(oldest, (2_000_000_000, 2_000_000_000))
    build(tmp_path / "warehouse.duckdb", REFERENCE_DIR, tmp_path / "inbox", today=TODAY)
    again = connect(tmp_path / "warehouse.duckdb")
    assert value_history(again, "trade_through_province", year=2016).equals(history)
    assert current(again, year=2016)[:2] == (1105.0, True)


def test_a_revision_filed_before_its_original_still_revises_it(tmp_path: Path) -> None:
    """Plain values are the base whatever their file's name; revisions apply over them."""
    con = built(
        tmp_path,
        {
            "a-dieu-chinh.csv": row(1100, "true", "số chính thức", year=2016),
            "b-so-bo.csv": row(1000, year=2016),
        },
    )
    assert current(con, year=2016)[:2] == (1100.0, True)
    assert value_history(con, "trade_through_province", year=2016)["old_value"].tolist() == [1000.0]


def test_a_revision_of_nothing_is_a_first_value(tmp_path: Path) -> None:
    con = built(tmp_path, {"a.csv": row(1000, "true", "bổ sung", year=2016)})
    assert current(con, year=2016)[:2] == (1000.0, False)
    assert value_history(con, "trade_through_province", year=2016).empty


def test_a_warehouse_without_revisions_has_the_empty_table(con: duckdb.DuckDBPyConnection) -> None:
    assert con.execute("SELECT count(*) FROM observation_revisions").fetchall()[0] == (0,)
    assert con.execute("SELECT count(*) FROM observations WHERE revised").fetchall()[0] == (0,)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_provinces_page_shows_revised_and_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    con = built(tmp_path, {"2026-11-20-so-cong-thuong.csv": row(4300, "true", "Số chính thức thay số sơ bộ")})
    con.close()
    monkeypatch.setenv("BORDER_DB", str(tmp_path / "warehouse.duckdb"))
    app = AppTest.from_file("../app.py", default_timeout=60)
    for key, value in {"province": "VN63-20", "indicator": "trade_through_province", "lang": lang}.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("pages/provinces.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    label = {"vi": "Lịch sử điều chỉnh (1)", "en": "Revision history (1)"}[lang]
    (expander,) = [e for e in app.expander if e.label == label]
    history = expander.dataframe[0].value
    arrow = {"vi": "4.270 triệu USD → 4.300 triệu USD", "en": "4,270 million USD → 4,300 million USD"}[lang]
    assert history.iloc[0].tolist()[2:5] == [
        arrow,
        "Số chính thức thay số sơ bộ",
        "2026-11-20-so-cong-thuong.csv",
    ]
    series = app.dataframe[0].value
    revised = series[series.iloc[:, 1] == "2021"].iloc[0].tolist()
    assert any(str(cell).endswith({"vi": "· đã điều chỉnh", "en": "· revised"}[lang]) for cell in revised), (
        revised
    )
