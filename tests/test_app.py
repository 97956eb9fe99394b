"""AppTest: every page runs in both languages without exception; filters change what is shown;
the crosswalk switch changes the province set; unknown URL values show a note, never an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from indicators.i18n import t
from tests.given import PAGE_HEADINGS


@pytest.fixture
def app(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("BORDER_DB", str(warehouse))
    return AppTest.from_file("../app.py", default_timeout=60)


def run(app: AppTest, page: str | None = None, **params: str | list[str]) -> AppTest:
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page:
        app.switch_page(page)
        app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def texts(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [t.value for t in app.title]
    parts += [m.value for m in app.metric] + [m.label for m in app.metric]
    parts += [df.value.to_csv() for df in app.dataframe]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGE_HEADINGS)
def test_every_page_runs_in_both_languages(app: AppTest, page: str, lang: str) -> None:
    run(app, page, lang=lang)
    assert app.title[0].value == t(PAGE_HEADINGS[page], lang)
    assert app.sidebar.radio[0].value == lang
    assert not app.error


def test_overview_shows_lang_son_2021_in_vietnamese_format(app: AppTest) -> None:
    run(app, to="2021")
    values = {m.label: m.value for m in app.metric}
    assert any(v == "4.270 triệu USD" for v in values.values()), values
    assert "30.000 triệu USD" in values.values()
    fresh = AppTest.from_file("../app.py", default_timeout=60)
    run(fresh, "pages/provinces.py", province="VN63-20", indicator="poor_household_rate_2016_2020", to="2021")
    assert "5,88%" in texts(fresh)


def test_overview_in_english_formats_numbers_the_english_way(app: AppTest) -> None:
    run(app, lang="en", to="2021")
    assert "4,270 million USD" in [m.value for m in app.metric]
    fresh = AppTest.from_file("../app.py", default_timeout=60)
    run(fresh, "pages/provinces.py", province="VN63-20", indicator="poor_household_rate_2016_2020", lang="en")
    assert "5.88%" in texts(fresh)


def test_overview_applies_every_filter(app: AppTest) -> None:
    """Given the overview, expect each filter in the URL to change what it shows (issue 12 №2)."""
    everything = {m.label: m.value for m in run(app).metric}
    until_2015 = {
        m.label: m.value for m in run(AppTest.from_file("../app.py", default_timeout=60), to="2015").metric
    }
    assert until_2015 != everything
    assert all("Cả nước" in label for label in until_2015)  # Lạng Sơn has no headline value by 2015
    lang_son = run(AppTest.from_file("../app.py", default_timeout=60), province="VN63-20")
    labels = [m.label for m in lang_son.metric]
    assert labels and all(label.endswith("Lạng Sơn") for label in labels), labels
    scorecard = lang_son.dataframe[0].value
    assert not scorecard.empty and not scorecard.iloc[:, 0].str.contains("Cả nước").any()
    merged = run(AppTest.from_file("../app.py", default_timeout=60), period="new")
    assert any(label.endswith("Lạng Sơn") for label in (m.label for m in merged.metric))


def test_targets_page_applies_the_province_filter(app: AppTest) -> None:
    run(app, "pages/targets.py", province="VN63-20")
    shown = texts(app)
    assert "Lạng Sơn" in shown and "— Cả nước" not in shown


def test_province_filter_changes_what_is_shown(app: AppTest) -> None:
    run(app, "pages/provinces.py", indicator="poverty_rate_multidim_gso")
    all_rows = len(app.dataframe[-1].value)
    app.sidebar.multiselect[0].set_value(["VN63-20"]).run()
    assert not app.exception
    shown = app.dataframe[-1].value
    assert len(shown) == 2 < all_rows  # Lạng Sơn and the country beside it
    assert app.query_params["province"] == "VN63-20"


def test_line_filter_selects_only_that_lines_provinces(app: AppTest) -> None:
    run(app, "pages/provinces.py", indicator="poverty_rate_multidim_gso", line="china")
    places = set(app.dataframe[-1].value.iloc[:, 0])
    assert "Lạng Sơn" in places and "Cả nước" in places
    assert "Tây Ninh" not in places  # a Cambodia-line province
    assert len(places) == 7 + 1


def test_crosswalk_switch_changes_the_province_set(app: AppTest) -> None:
    run(app, "pages/provinces.py", indicator="poverty_rate_multidim_gso")
    old_options = set(app.sidebar.multiselect[0].options)
    app.sidebar.radio[1].set_value("new").run()
    assert not app.exception
    new_options = set(app.sidebar.multiselect[0].options)
    assert len(old_options) == 25 and len(new_options) == 22
    assert app.query_params["period"] == "new"


@pytest.mark.parametrize(
    "params",
    [
        {"province": "20' OR 1=1 --"},
        {"line": "mars"},
        {"from": "năm"},
        {"indicator": "x;DROP TABLE sources"},
        {"lang": "fr"},
        {"period": "1990"},
    ],
)
def test_unknown_url_values_show_a_note(app: AppTest, params: dict[str, str]) -> None:
    run(app, **params)
    notes = [i.value for i in app.sidebar.info]
    assert notes and "Đã bỏ qua" in notes[0]
    assert next(iter(params.values())) in notes[0] or repr(next(iter(params.values()))) in notes[0]


def test_targets_page_shows_every_clause(app: AppTest) -> None:
    run(app, "pages/targets.py")
    shown = texts(app)
    for clause in ("III.1.h", "III.10"):
        assert clause in shown


def test_task_status_submission_shows_on_the_tasks_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given a task-status report in the inbox, expect its status instead of 'no report yet'."""
    from etl.build import REFERENCE_DIR, build

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bao-cao-nhiem-vu.csv").write_text(
        "task_id,reported_on,status,source_id,note\n"
        "kh88-III.10,15/11/2024,in_progress,ubnd-news-2024-11-25,Sở Y tế báo cáo\n",
        encoding="utf-8",
    )
    db = tmp_path / "warehouse.duckdb"
    build(db, REFERENCE_DIR, inbox)
    monkeypatch.setenv("BORDER_DB", str(db))
    app = run(AppTest.from_file("../app.py", default_timeout=60), "pages/tasks.py")
    table = app.dataframe[0].value
    row = table[table["Điều khoản"] == "III.10"].iloc[0]
    assert row["Tình trạng báo cáo"] == "Đang thực hiện" and row["Ngày báo cáo"] == "15/11/2024"
    assert (table["Tình trạng báo cáo"] == "Chưa có báo cáo").sum() == len(table) - 1


def test_a_warehouse_from_an_older_etl_gets_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    from etl.build import REFERENCE_DIR, build

    (tmp_path / "inbox").mkdir()
    db = tmp_path / "warehouse.duckdb"
    build(db, REFERENCE_DIR, tmp_path / "inbox")
    with duckdb.connect(str(db.resolve())) as old:  # as an ETL before trade flows would have left it
        old.execute("DROP TABLE trade_monthly")
    monkeypatch.setenv("BORDER_DB", str(db))
    app = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not app.exception
    assert "trade_monthly" in app.error[0].value and "python -m etl build" in app.error[0].value


def test_switching_63_to_34_provinces_keeps_the_chosen_provinces(app: AppTest) -> None:
    """Given Lạng Sơn and Cao Bằng chosen among the 63, expect their successors among the 34, and
    back: Quảng Trị (34) brings back both of its members, Quảng Bình and Quảng Trị (issue 12 №3)."""
    run(app, "pages/provinces.py", province=["VN63-20", "VN63-04"])
    app.sidebar.radio[1].set_value("new").run()
    assert app.sidebar.multiselect[0].value == ["VN34-20", "VN34-04"]
    assert app.query_params["province"] == ["VN34-20", "VN34-04"]
    app.sidebar.multiselect[0].set_value(["VN34-44"]).run()
    app.sidebar.radio[1].set_value("old").run()
    assert app.sidebar.multiselect[0].value == ["VN63-44", "VN63-45"]


def test_province_profile_is_the_leaders_one_screen(app: AppTest) -> None:
    run(app, "pages/province.py", province="VN63-20")
    shown = texts(app)
    assert app.title[0].value.endswith("Lạng Sơn")
    assert "Lạng Sơn (VN34-20)" in shown  # the same province after the merger
    assert "Hữu Nghị" in shown and "Đồng Đăng" in shown  # its gates and its key zone
    (indicators,) = [d.value for d in app.dataframe if t("sparkline", "vi") in d.value.columns]
    assert "4.975 triệu USD" in set(indicators[t("latest", "vi")])
    (scorecard,) = [d.value for d in app.dataframe if t("target_level", "vi") in d.value.columns]
    assert len(scorecard) >= 10 and scorecard.columns[0] == t("status", "vi")


def test_province_profile_without_a_province_offers_a_choice(app: AppTest) -> None:
    run(app, "pages/province.py")
    picker = app.main.selectbox[0]
    assert "Lạng Sơn" in picker.options
    picker.select("Lạng Sơn").run()
    assert app.title[0].value.endswith("Lạng Sơn")


def test_34_provinces_never_say_no_data_when_members_have_data(app: AppTest) -> None:
    """Given poverty rates of Quảng Bình and Quảng Trị (63) but no rule to combine them, expect the
    34-province map and comparison to show the members' values, not 'no data' (issue 12 №4)."""
    run(app, "pages/map.py", period="new", indicator="poor_household_rate_2022_2025")
    table = app.dataframe[0].value.set_index(t("place", "vi"))
    quang_tri = table.loc["Quảng Trị"]
    assert quang_tri[t("value", "vi")] == "—"
    assert quang_tri[t("members_only", "vi")].startswith("Quảng Bình ")
    legend = [trace.get("name") for trace in json.loads(app.get("plotly_chart")[0].proto.spec)["data"]]
    assert t("members_only", "vi") in legend  # drawn hatched, not as "no data"
    run(app, "pages/provinces.py", period="new", indicator="poor_household_rate_2022_2025")
    assert "Quảng Bình" in texts(app)


def test_coverage_shows_the_years_that_exist_and_the_gaps(app: AppTest) -> None:
    """Given the reference data, expect the Sources page's coverage grid to list Lạng Sơn's poverty
    years under the 2016–2020 standard, mark gaps with «—» and say who should fill them."""
    run(app, "pages/sources.py", line="china")
    (grid,) = [d.value for d in app.dataframe if "Lạng Sơn" in d.value.index]
    poverty_2016 = next(c for c in grid.columns if "chuẩn 2016–2020" in c and c.startswith("Tỷ lệ hộ nghèo"))
    assert "2021" in grid.loc["Lạng Sơn", poverty_2016]
    assert (grid == "—").to_numpy().any()
    assert "Sở Nông nghiệp và Môi trường" in texts(app)
    assert set(grid.index) == {
        "Cả nước",
        "Hà Giang",
        "Cao Bằng",
        "Lào Cai",
        "Điện Biên",
        "Lai Châu",
        "Lạng Sơn",
        "Quảng Ninh",
    }


def test_a_province_sees_its_own_plan_and_the_border_localities_tasks(app: AppTest) -> None:
    """Given Lạng Sơn chosen, expect the tasks page to list Plan 88's 21 tasks and the 7 tasks that
    Resolution 23 gives every border locality — not the ministries' own — and to say so."""
    run(app, "pages/tasks.py", province="VN63-20")
    clauses = set(app.dataframe[0].value.iloc[:, 0])
    assert len(app.dataframe[0].value) == 28 and "IV.1.a" in clauses
    assert "Lạng Sơn" in texts(app) and t("tasks_scope", "vi").split("{scope}")[0] in texts(app)
    cao_bang = run(AppTest.from_file("../app.py", default_timeout=60), "pages/tasks.py", province="VN63-04")
    assert len(cao_bang.dataframe[0].value) == 7  # no plan of its own loaded yet


def test_lower_bounds_and_approximations_keep_their_sign(app: AppTest) -> None:
    """«hơn 5.000 km» is stored as > 5000: expect '> 5.000 km' on the page, never a bare 5.000."""
    run(app, "pages/provinces.py", indicator="land_border_length")
    assert "> 5.000 km" in texts(app)
    fresh = run(AppTest.from_file("../app.py", default_timeout=60), "pages/province.py", province="VN63-20")
    assert "> 738 triệu USD" in texts(fresh) or "≈ 6.600 tỷ đồng" in texts(fresh)


def test_other_definitions_are_drawn_apart_one_line_each(app: AppTest) -> None:
    """Given Lạng Sơn's trade under four definitions, expect each other definition as its own dotted
    line (never one line zigzagging between definitions), and off until asked for."""
    run(app, "pages/provinces.py", province="VN63-20", indicator="trade_through_province")
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert not [tr for tr in spec["data"] if " — " in str(tr.get("name"))]  # several definitions: off
    app.toggle[0].set_value(True).run()
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    related = [tr for tr in spec["data"] if " — " in str(tr.get("name"))]
    assert len(related) >= 2 and len({tr["name"] for tr in related}) == len(related)
    fresh = run(AppTest.from_file("../app.py", default_timeout=60), "pages/provinces.py", province="VN63-20",
                indicator="poor_household_rate_2022_2025")  # fmt: skip
    spec = json.loads(fresh.get("plotly_chart")[0].proto.spec)
    assert any("2016–2020" in str(tr.get("name")) for tr in spec["data"])  # one other standard: shown


def test_map_keeps_off_line_provinces_as_grey_context(app: AppTest) -> None:
    """With the Laos line chosen, a China-line merged province shows neither a value nor its
    members' values; a Laos-line merged one does."""
    run(app, "pages/map.py", period="new", line="laos", indicator="poverty_rate_multidim_gso")
    table = app.dataframe[0].value.set_index(t("place", "vi"))
    assert table.loc["Tuyên Quang", t("members_only", "vi")] == ""  # Hà Giang's successor: China line
    assert table.loc["Quảng Trị", t("members_only", "vi")].startswith("Quảng Bình")
