"""The tasks page answers "what must my department do": agencies split so a shared task is found
by each of its agencies, diacritic-insensitive search, groups by name, every task readable in full,
the page's filters in the URL beside the sidebar's; English issuer names for the sources; the data
grid's provenance-free CSV download hidden (browser)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indicators import catalog
from indicators.export import group_name
from indicators.filters import Filters
from indicators.formatting import fold

QUOC_PHONG = catalog.agency_key("Bộ Quốc phòng")


# --------------------------------------------------------------------------- pure: agencies, search


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        ("Bộ Công an và Bộ Quốc phòng", ["Bộ Công an", "Bộ Quốc phòng"]),
        ("Bộ Kế hoạch và Đầu tư", ["Bộ Kế hoạch và Đầu tư"]),
        ("Bộ Lao động, Thương binh và Xã hội", ["Bộ Lao động, Thương binh và Xã hội"]),
        (
            "Bộ Giáo dục và Đào tạo, Bộ Lao động – Thương binh và Xã hội, Bộ Nội vụ",
            ["Bộ Giáo dục và Đào tạo", "Bộ Lao động – Thương binh và Xã hội", "Bộ Nội vụ"],
        ),
        (
            "Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội biên phòng tỉnh",
            ["Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội biên phòng tỉnh"],
        ),
        (
            "Ministry of Public Security and Ministry of National Defence",
            ["Ministry of Public Security", "Ministry of National Defence"],
        ),
        (
            "Ministry of Labour, Invalids and Social Affairs",
            ["Ministry of Labour, Invalids and Social Affairs"],
        ),
        ("", []),
    ],
)
def test_split_agencies(text: str, agencies: list[str]) -> None:
    assert catalog.split_agencies(text) == agencies


def test_fold_ignores_case_and_diacritics() -> None:
    assert fold("Bộ Quốc phòng") == "bo quoc phong" and fold("ĐƯỜNG") == "duong"
    assert catalog.agency_key("Bộ Lao động – Thương binh và Xã hội") == catalog.agency_key(
        "Bộ Lao động, Thương binh và Xã hội"
    )


def test_agency_filter_finds_every_task_the_agency_shares(con: duckdb.DuckDBPyConnection) -> None:
    """Given "Bộ Quốc phòng", expect its own tasks and the one it shares with Bộ Công an; with
    shared assignments, also the tasks the resolution gives every relevant ministry."""
    tasks = catalog.tasks_with_status(con)
    own = catalog.filter_tasks(tasks, catalog.TaskQuery(agencies=(QUOC_PHONG,), shared=False))
    assert set(own["clause"]) == {"III.1.đ", "III.1.g", "III.3.b", "III.5.c"}
    assert "Bộ Công an và Bộ Quốc phòng" in set(own["agency_vi"])
    police = catalog.filter_tasks(tasks, catalog.TaskQuery(agencies=(catalog.agency_key("Bộ Công an"),)))
    assert "III.1.g" in set(police["clause"])
    shared = catalog.filter_tasks(tasks, catalog.TaskQuery(agencies=(QUOC_PHONG,)))
    assert set(own["task_id"]) < set(shared["task_id"])
    assert {"IV.1.a", "IV.1.b"} <= set(shared["clause"])  # «Bộ trưởng, Thủ trưởng cơ quan ngang bộ …»
    assert "Các địa phương có biên giới" not in set(shared["agency_vi"])  # localities, not ministries
    assert set(shared["source_id"]) == {"nq23-2022"}  # not the Lạng Sơn plan's shared tasks


def test_search_ignores_diacritics_and_matches_every_word(con: duckdb.DuckDBPyConnection) -> None:
    tasks = catalog.tasks_with_status(con)
    plain = catalog.filter_tasks(tasks, catalog.TaskQuery(text="quoc phong"))
    accented = catalog.filter_tasks(tasks, catalog.TaskQuery(text="Quốc phòng"))
    assert len(plain) > 0 and plain["task_id"].tolist() == accented["task_id"].tolist()
    assert "nq23-III.1.đ" in set(plain["task_id"])
    both = catalog.filter_tasks(tasks, catalog.TaskQuery(text="quoc phong cua khau"))
    assert 0 < len(both) < len(plain)
    english = catalog.filter_tasks(tasks, catalog.TaskQuery(text="national defence"))
    assert "nq23-III.1.đ" in set(english["task_id"])


def test_other_filters_combine(con: duckdb.DuckDBPyConnection) -> None:
    tasks = catalog.tasks_with_status(con)
    plan = catalog.filter_tasks(tasks, catalog.TaskQuery(documents=("kh88-2022",), groups=(2,)))
    assert set(plan["clause"]) == {"III.1", "III.8", "III.9"}
    ungrouped = catalog.filter_tasks(tasks, catalog.TaskQuery(groups=(0,)))
    assert len(ungrouped) > 0 and ungrouped["task_group"].isna().all()
    assert catalog.filter_tasks(tasks, catalog.TaskQuery(statuses=("done",))).empty


def test_groups_have_names_not_numbers(con: duckdb.DuckDBPyConnection) -> None:
    tasks = catalog.tasks_with_status(con)
    for lang in ("vi", "en"):
        names = {
            group_name(g, lang, vi, en)
            for g, vi, en in zip(tasks["task_group"], tasks["group_vi"], tasks["group_en"], strict=True)
        }
        assert len(names) == 6 and not any(n.startswith("(") or n.startswith("task_group") for n in names)
    assert group_name(None, "en", None, None) == "Implementation and other tasks"
    assert group_name(1, "vi", "Tên trong bảng task_groups", None) == "Tên trong bảng task_groups"


def test_successor_agencies_are_found_when_loaded(con: duckdb.DuckDBPyConnection) -> None:
    """Given a task whose work moved to another ministry in 2025, its successor finds it too."""
    tasks = catalog.tasks_with_status(con).copy()
    row = tasks.index[tasks["task_id"] == "nq23-III.1.a"][0]
    tasks.loc[row, ["agency_successor_vi", "agency_successor_en"]] = ["Bộ Tài chính", "Ministry of Finance"]
    finance = catalog.filter_tasks(tasks, catalog.TaskQuery(agencies=(catalog.agency_key("Bộ Tài chính"),)))
    assert {"nq23-III.1.a", "nq23-III.1.b"} <= set(finance["task_id"])
    directory = catalog.agency_directory(tasks).set_index("key")
    assert directory.loc[catalog.agency_key("Bộ Tài chính"), "n_tasks"] >= 2
    # a successor named with the part of it that took the work over still finds it
    row = tasks.index[tasks["task_id"] == "nq23-III.1.i"][0]
    tasks.loc[row, ["agency_successor_vi", "agency_successor_en"]] = [
        "Bộ Nội vụ (lao động, việc làm); Bộ Nông nghiệp và Môi trường (giảm nghèo)",
        "Ministry of Home Affairs (labour, jobs); Ministry of Agriculture and Environment (poverty reduction)",
    ]
    home = catalog.filter_tasks(tasks, catalog.TaskQuery(agencies=(catalog.agency_key("Bộ Nội vụ"),)))
    assert "nq23-III.1.i" in set(home["task_id"])
    names = set(catalog.agency_directory(tasks)["name_vi"])
    assert "Bộ Nông nghiệp và Môi trường" in names and not any("(" in n for n in names)


# --------------------------------------------------------------------------- pure: issuers, sources


@pytest.mark.parametrize(
    ("issuer", "english"),
    [
        ("Chính phủ", "Government of Viet Nam"),
        ("Thủ tướng Chính phủ", "Prime Minister"),
        ("UBND tỉnh Lạng Sơn", "Lạng Sơn Provincial People's Committee"),
        ("Tổng cục Thống kê", "General Statistics Office"),
        ("Bộ Công Thương", "Ministry of Industry and Trade"),
        ("Quốc hội", "National Assembly"),
        (
            "Tạp chí Cộng sản (Chu Văn Tuấn, Hoàng Văn Chung)",
            "Communist Review (Chu Văn Tuấn, Hoàng Văn Chung)",
        ),
        (
            "Phòng Quản lý thương mại - Sở Công Thương",
            "Trade Management Division, Department of Industry and Trade",
        ),
        ("Sở Công Thương tỉnh Lạng Sơn", "Lạng Sơn Department of Industry and Trade"),
        ("Báo Thanh Niên", "Thanh Niên newspaper"),
        ("VietNamNet", "VietNamNet"),  # already a name readers of English know
    ],
)
def test_issuer_names_in_english(issuer: str, english: str) -> None:
    assert catalog.issuer_name(issuer, "en") == english
    assert catalog.issuer_name(issuer, "vi") == issuer


def test_issuer_en_column_wins() -> None:
    assert catalog.issuer_name("Chính phủ", "en", "The Government") == "The Government"


def test_source_labels_are_readable(con: duckdb.DuckDBPyConnection) -> None:
    sources = catalog.source_list(con)
    assert catalog.source_labels(sources, "nq23-2022", "vi") == "Chính phủ, 23/NQ-CP"
    assert catalog.source_labels(sources, "nq23-2022", "en") == "Government of Viet Nam, 23/NQ-CP"
    both = catalog.source_labels(sources, "nq23-2022;kh88-2022", "en")
    assert both == "Government of Viet Nam, 23/NQ-CP; Lạng Sơn Provincial People's Committee, 88/KH-UBND"
    assert catalog.source_labels(sources, "gso-yearbook-2023", "vi").startswith("Tổng cục Thống kê")
    assert "nan" not in catalog.source_labels(sources, "tccs-langson-2022", "vi")
    assert catalog.source_labels(sources, "no-such-source", "vi") == "no-such-source"
    assert catalog.source_labels(sources, None, "vi") == ""


# --------------------------------------------------------------------------- the page (AppTest)


@pytest.fixture
def page(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The tasks page run on its own, with the sidebar's filters as app.py would leave them."""
    monkeypatch.setenv("BORDER_DB", str(warehouse))
    app = AppTest.from_file("../pages/tasks.py", default_timeout=60)
    app.session_state["filters"] = Filters()
    yield app


def _shown(app: AppTest) -> pd.DataFrame:
    assert not app.exception, [e.value for e in app.exception]
    return app.dataframe[0].value


def test_page_reads_its_filters_from_the_url(page: AppTest) -> None:
    page.query_params["agency"] = "Bộ Quốc phòng"
    page.query_params["shared"] = "0"
    page.query_params["province"] = "VN63-20"  # the sidebar's: left as it is
    page.run()
    shown = _shown(page)
    assert set(shown["Điều khoản"]) == {"III.1.đ", "III.1.g", "III.3.b", "III.5.c"}
    assert page.multiselect(key="tk_agency").value == [QUOC_PHONG]
    assert page.query_params["agency"] == "Bộ Quốc phòng" and page.query_params["province"] == "VN63-20"
    assert not page.toggle(key="tk_shared").value


def test_unknown_url_values_are_ignored_with_a_note(page: AppTest) -> None:
    page.query_params["agency"] = "Bộ Không Có"
    page.query_params["group"] = ["2", "9"]
    page.query_params["status"] = "x;DROP TABLE"
    page.run()
    shown = _shown(page)
    assert not page.error
    note = page.info[0].value
    assert "Bộ Không Có" in note and "'9'" in note and "DROP" in note
    assert set(shown["Nhóm nhiệm vụ"]) == {
        "Huy động, sử dụng nguồn lực, thu hút nguồn lực phát triển kinh tế khu vực biên giới"
    }
    assert page.query_params["group"] == "2" and "agency" not in page.query_params


def test_widgets_write_the_url_and_search_is_vietnamese(page: AppTest) -> None:
    page.run()
    search = page.text_input(key="tk_q")
    assert search.label == "Tìm trong nhiệm vụ"
    search.set_value("quoc phong").run()
    shown = _shown(page)
    assert "III.1.đ" in set(shown["Điều khoản"]) and len(shown) < 64
    assert page.query_params["q"] == "quoc phong"
    page.multiselect(key="tk_agency").set_value([QUOC_PHONG]).run()
    page.multiselect(key="tk_group").set_value([5]).run()
    shown = _shown(page)
    assert set(shown["Điều khoản"]) == {"III.5.c"}
    assert page.query_params["agency"] == "Bộ Quốc phòng" and page.query_params["group"] == "5"
    page.text_input(key="tk_q").set_value("").run()
    assert "q" not in page.query_params


def test_every_task_is_readable_in_full_with_its_agencies_and_group(page: AppTest) -> None:
    page.query_params["lang"] = "en"
    page.session_state["filters"] = Filters(lang="en")
    page.run()
    shown = _shown(page)
    assert len(shown) == 64
    text = "\n".join(m.value for m in page.markdown)
    longest = max(shown["Task"], key=len)
    plain = text.replace("\\", "")
    assert longest in plain  # the whole text, not cut at a cell's width
    assert ":blue-badge[Ministry of Public Security]" in text
    assert ":blue-badge[Ministry of National Defence]" in text
    assert ":gray-badge[No report yet]" in text
    captions = "\n".join(c.value for c in page.caption).replace("\\", "")
    assert "3. Developing border-area infrastructure" in captions
    assert "(1)" not in set(shown["Task group"])


def test_task_status_report_shows_as_a_badge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.build import REFERENCE_DIR, build

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bao-cao.csv").write_text(
        "task_id,reported_on,status,source_id,note\nnq23-III.1.g,15/11/2024,done,nq23-2022,xong\n",
        encoding="utf-8",
    )
    db = tmp_path / "warehouse.duckdb"
    build(db, REFERENCE_DIR, inbox)
    monkeypatch.setenv("BORDER_DB", str(db))
    app = AppTest.from_file("../pages/tasks.py", default_timeout=60)
    app.session_state["filters"] = Filters()
    app.query_params["status"] = "done"
    app.run()
    shown = _shown(app)
    assert list(shown["Điều khoản"]) == ["III.1.g"]
    assert ":green-badge[Hoàn thành]" in "\n".join(m.value for m in app.markdown)


def test_a_copied_link_to_the_tasks_page_restores_its_filters(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through app.py: the sidebar writes its filters to the URL; the page's own stay beside them."""
    monkeypatch.setenv("BORDER_DB", str(warehouse))
    app = AppTest.from_file("../app.py", default_timeout=60)
    app.query_params["agency"] = "Bộ Quốc phòng"
    app.query_params["shared"] = "0"
    app.query_params["lang"] = "en"
    app.run()
    app.switch_page("pages/tasks.py").run()
    shown = _shown(app)
    assert set(shown["Clause"]) == {"III.1.đ", "III.1.g", "III.3.b", "III.5.c"}
    assert app.query_params["agency"] == "Bộ Quốc phòng" and app.query_params["lang"] == "en"


# --------------------------------------------------------------------------- in a browser


@pytest.mark.browser
def test_the_grid_offers_no_csv_download_without_provenance(warehouse: Path, tmp_path: Path) -> None:
    """The data grid's toolbar keeps search and fullscreen but not its «Download as CSV» (a file
    with no filters, version or sources); the page's own CSV and XLSX buttons are there."""
    from playwright.sync_api import expect, sync_playwright

    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, StreamlitServer, open_app

    if not CHROMIUM.exists():
        pytest.fail(f"browser tests need Debian's Chromium at {CHROMIUM}: run `bash .ci/install-chromium`")
    server = StreamlitServer(warehouse, tmp_path / "server.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=DESKTOP)
            open_app(page, server.url, "tasks")
            page.get_by_role("tab", name="Bảng").click()
            grid = page.locator('[data-testid="stDataFrame"]').first
            grid.hover()
            toolbar = page.locator('[data-testid="stElementToolbar"]').first
            expect(toolbar.get_by_role("button", name="Search")).to_be_visible()
            expect(toolbar.get_by_role("button", name="Download as CSV")).to_be_hidden()
            expect(page.get_by_role("button", name="Tải CSV", exact=True)).to_be_visible()
            expect(page.get_by_role("button", name="Tải XLSX", exact=True)).to_be_visible()
            browser.close()
    finally:
        server.stop()


def test_shared_toggle_shows_what_is_applied(page: AppTest) -> None:
    """Choosing an agency after the first run: the toggle is on and the shared tasks are shown;
    switched off, only the agency's own tasks (and the URL says so)."""
    page.run()
    page.multiselect(key="tk_agency").set_value([QUOC_PHONG]).run()
    assert page.toggle(key="tk_shared").value
    assert {"IV.1.a", "III.1.g"} <= set(_shown(page)["Điều khoản"])
    page.toggle(key="tk_shared").set_value(False).run()
    assert set(_shown(page)["Điều khoản"]) == {"III.1.đ", "III.1.g", "III.3.b", "III.5.c"}
    assert page.query_params["shared"] == "0"
