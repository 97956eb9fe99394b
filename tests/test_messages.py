"""Messages a department understands (issue 10 item 5): every check message in Vietnamese by default
and English on request, units as the template shows them in either language, a figure for a year
that has not ended refused, and a check's summary counting the rows of the files checked."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from etl import messages
from etl.build import REFERENCE_DIR, build, check_files, collect
from etl.contracts import UNITS
from etl.problems import InvalidInput
from indicators.formatting import unit_label
from l10n import LANGS
from tests.test_submissions import BAD, GOOD, csv_bytes

TODAY = dt.date(2026, 12, 2)


def problems(
    tmp_path: Path, name: str, content: bytes, lang: str | None = None, today: dt.date = TODAY
) -> list:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as caught:
        collect(REFERENCE_DIR, [path], lang=lang, today=today)
    return caught.value.problems


@pytest.mark.parametrize(
    ("case", "name", "content"),
    [(c, n, b) for c, n, b, e in BAD if e is not None],
    ids=[b[0] for b in BAD if b[3]],
)
def test_every_refusal_is_in_vietnamese_by_default(
    tmp_path: Path, case: str, name: str, content: bytes
) -> None:
    """The same problems (file, row, column) in both languages, each worded differently: no English
    message is left behind the Vietnamese default."""
    vi = problems(tmp_path, name, content)
    en = problems(tmp_path, name, content, lang="en")
    assert [(p.file, p.row, p.column) for p in vi] == [(p.file, p.row, p.column) for p in en]
    for in_vi, in_en in zip(vi, en, strict=True):
        assert in_vi.message != in_en.message, (case, in_vi)
        assert str(in_vi).startswith(f"{name}:{in_vi.row}: {in_vi.column}: ")


@pytest.mark.parametrize(
    ("unit", "indicator", "value"),
    [
        ("triệu USD", "trade_through_province", "5000"),
        ("Triệu USD", "trade_through_province", "5000"),
        ("million USD", "trade_through_province", "5000"),
        ("tỷ đồng", "state_budget_revenue", "9000"),
        ("bn VND", "state_budget_revenue", "9000"),
        ("triệu đồng", "grdp_per_capita", "70"),
        ("million VND", "grdp_per_capita", "70"),
    ],
)
def test_units_as_the_template_shows_them_in_either_language(
    tmp_path: Path, unit: str, indicator: str, value: str
) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(csv_bytes(f"{indicator},VN63-20,2016,{value},{unit},tccs-langson-2022,\n"))
    obs = collect(REFERENCE_DIR, [path], today=TODAY).frames["observations"]
    loaded = obs[obs["_file"] == "s.csv"]
    assert len(loaded) == 1 and loaded["_unit"].iloc[0] == messages.canonical_unit(unit)


def test_a_wrong_unit_is_named_in_the_readers_words(tmp_path: Path) -> None:
    row = "trade_through_province,VN63-20,2016,5,tỷ đồng,tccs-langson-2022,\n"
    (vi,) = problems(tmp_path, "s.csv", csv_bytes(row))
    assert str(vi) == "s.csv:2: unit: 'tỷ đồng' nhưng trade_through_province tính bằng 'triệu USD'"
    (en,) = problems(tmp_path, "s.csv", csv_bytes(row), lang="en")
    assert str(en) == "s.csv:2: unit: 'bn VND' but trade_through_province is in 'million USD'"
    (unknown,) = problems(tmp_path, "s.csv", csv_bytes(row.replace("tỷ đồng", "đô la")))
    assert "'đô la' không phải đơn vị trong mẫu" in str(unknown) and "'triệu USD'" in str(unknown)


def test_unit_words_are_the_dashboards() -> None:
    for unit in UNITS:
        if unit != "count":  # the dashboard shows no word for a count
            assert [messages.unit_word(unit, lang) for lang in LANGS] == [
                unit_label(unit, lang) for lang in LANGS
            ]
        vi, en = (messages.unit_word(unit, lang) for lang in LANGS)
        assert messages.canonical_unit(vi) == messages.canonical_unit(en) == unit
    assert (
        messages.unit_word("million USD", "vi") == "triệu USD"
        and messages.unit_word("count", "vi") == "số lượng"
    )


@pytest.mark.parametrize(
    ("today", "year", "refused"),
    [
        (dt.date(2026, 12, 2), 2026, True),  # the year is not over
        (dt.date(2026, 12, 31), 2026, True),
        (dt.date(2027, 1, 1), 2026, False),  # now it is
        (dt.date(2026, 12, 2), 2025, False),
    ],
)
def test_a_figure_for_a_year_that_has_not_ended_is_refused(
    tmp_path: Path, today: dt.date, year: int, refused: bool
) -> None:
    content = csv_bytes(f"trade_through_province,VN34-20,{year},5000,million USD,vtcnews-2026-01-16,\n")
    if not refused:
        path = tmp_path / "s.csv"
        path.write_bytes(content)
        collect(REFERENCE_DIR, [path], today=today)
        return
    found = [str(p) for p in problems(tmp_path, "s.csv", content, today=today)]
    shown = today.strftime("%d/%m/%Y")  # 02/03/2022 (l10n.format_day), held here by hand
    assert f"s.csv:2: year: năm {year} chưa kết thúc (hôm nay {shown})" in " ".join(found), found
    english = [str(p) for p in problems(tmp_path, "s.csv", content, lang="en", today=today)]
    assert f"s.csv:2: year: {year} has not ended (today is {today.day} {today:%b %Y})" in " ".join(english)


def test_the_reference_datas_in_year_estimates_are_not_refused() -> None:
    collect(REFERENCE_DIR, [], today=dt.date(2022, 6, 1))  # reference rows carry status estimate


def test_a_task_report_dated_in_the_future_is_refused(tmp_path: Path) -> None:
    content = b"task_id,reported_on,status,source_id,note\nnq23-III.1.e,2026-12-20,in_progress,nq23-2022,\n"
    found = [str(p) for p in problems(tmp_path, "tasks.csv", content)]
    assert "tasks.csv:2: reported_on: ngày báo cáo 20/12/2026 chưa tới (hôm nay 02/12/2026)" in found


def test_the_summary_counts_the_rows_of_the_files_checked(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_bytes(csv_bytes(GOOD, GOOD.replace("2024", "2022")))
    tasks = tmp_path / "tasks.csv"
    tasks.write_bytes(
        b"task_id,reported_on,status,source_id,note\nnq23-III.1.e,2026-11-20,in_progress,nq23-2022,\n"
    )
    report = check_files([first, tasks], today=TODAY)
    assert report.ok and report.rows["observations"] == 2 and report.rows["task_status"] == 1
    assert report.summary().startswith("Hợp lệ: 2 tệp; trong các tệp đã kiểm tra có 2 dòng số liệu")
    english = check_files([first, tasks], lang="en", today=TODAY).summary()
    assert english.startswith(
        "OK: 2 file(s) valid; the files checked hold 2 figure rows (0 revisions), 1 task"
    )


def test_check_files_returns_problems_in_the_readers_language(tmp_path: Path) -> None:
    bad = tmp_path / "b.csv"
    bad.write_bytes(csv_bytes(GOOD.replace("5000", "4.270")))
    vi, en = check_files([bad], today=TODAY), check_files([bad], lang="en", today=TODAY)
    assert not vi.ok and "không rõ nghĩa" in str(vi.problems[0]) and vi.summary() == "1 lỗi; chưa nạp gì."
    assert "is ambiguous" in str(en.problems[0]) and en.summary() == "1 problem(s); nothing was loaded."
    assert check_files([bad], lang="fr", today=TODAY).lang == "vi"  # an unknown language: the default


def test_check_with_the_inbox_sees_earlier_files(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "2025-01-10-a.csv").write_bytes(csv_bytes(GOOD))
    again = tmp_path / "again.csv"
    again.write_bytes(csv_bytes(GOOD))
    assert check_files([again], today=TODAY).ok  # alone it is new
    seen = check_files([again], today=TODAY, inbox_dir=inbox)
    assert not seen.ok and "again.csv:2: year: trùng khoá" in str(seen.problems[0])
    assert "revision = true" in str(seen.problems[0])


def test_languages_do_not_mix_across_threads(tmp_path: Path) -> None:
    bad = tmp_path / "b.csv"
    bad.write_bytes(csv_bytes(GOOD.replace("5000", "4.270")))

    def first_message(lang: str) -> str:
        return check_files([bad], lang=lang, today=TODAY).problems[0].message

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(first_message, ["vi", "en"] * 20))
    assert all(("không rõ" in m) == (i % 2 == 0) for i, m in enumerate(results))


def test_cli_build_speaks_english_on_request(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bad.csv").write_bytes(csv_bytes(GOOD.replace("5000", "4.270")))
    run = [sys.executable, "-m", "etl", "build", "--db", str(tmp_path / "w.duckdb"), "--inbox", str(inbox)]
    vi = subprocess.run(run, capture_output=True, text=True, check=False)
    assert vi.returncode == 1 and "bad.csv:2: value: '4.270' không rõ nghĩa" in vi.stderr
    assert "1 lỗi; chưa nạp gì." in vi.stderr
    en = subprocess.run([*run, "--lang", "en"], capture_output=True, text=True, check=False)
    assert en.returncode == 1 and "bad.csv:2: value: '4.270' is ambiguous" in en.stderr
    assert "1 problem(s); nothing was loaded." in en.stderr


def test_build_takes_lang_and_today(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.csv").write_bytes(csv_bytes(GOOD))
    with pytest.raises(InvalidInput) as caught:
        build(tmp_path / "w.duckdb", REFERENCE_DIR, inbox, lang="en", today=dt.date(2024, 3, 1))
    assert "2024 has not ended" in str(caught.value.problems[0])
