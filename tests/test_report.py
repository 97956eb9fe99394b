"""The annual report (DOCX, Decree 30/2020 layout) and the one-page scorecard (PDF): written by the
CLI for Lạng Sơn in both languages, read back with python-docx, converted to PDF by LibreOffice
headless (as a reader's office suite would open it), and the scorecard counted to one page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pandas as pd
import pytest
from pypdf import PdfReader

from etl.build import REFERENCE_DIR, build
from indicators import progress, report
from indicators.__main__ import main
from indicators.db import connect
from indicators.formatting import format_value, target_text
from indicators.i18n import t

LANG_SON = "VN63-20"
YEAR = 2025
KNOWN_TARGET = "ls-plan-2025-local-exports"  # Lạng Sơn's 2025 plan: local exports ≥ 183 million USD
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def reports(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The CLI's report for Lạng Sơn 2025, in Vietnamese and English."""
    folder = tmp_path_factory.mktemp("report")
    out = {}
    for lang in ("vi", "en"):
        path = folder / f"lang-son-{lang}.docx"
        args = ["report", "--year", str(YEAR), "--province", LANG_SON, "--lang", lang]
        assert main([*args, "--db", str(warehouse), "--out", str(path)]) == 0
        out[lang] = path
    return out


def all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return nfc("\n".join(parts))


def table_rows(document: docx.document.Document) -> list[list[str]]:
    return [[nfc(c.text) for c in row.cells] for table in document.tables for row in table.rows]


def known_target(warehouse: Path) -> pd.Series:
    con = connect(warehouse)
    try:
        card = progress.target_scorecard(report.as_of(con, YEAR))
    finally:
        con.close()
    return card.set_index("target_id").loc[KNOWN_TARGET]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_layout_of_an_administrative_document(reports: dict[str, Path], lang: str) -> None:
    document = docx.Document(str(reports[lang]))
    text = all_text(document)
    header = [nfc(c.text) for row in document.tables[0].rows for c in row.cells]
    if lang == "vi":
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1]
        assert "Độc lập - Tự do - Hạnh phúc" in header[1]
        assert "ỦY BAN NHÂN DÂN" in header[0] and "TỈNH LẠNG SƠN" in header[0]
        assert header[2].startswith("Số:") and header[2].endswith("/BC-UBND")
        assert (
            header[3].startswith("Lạng Sơn, ngày")
            and "tháng" in header[3]
            and header[3].endswith(f"năm {YEAR}")
        )
        assert "BÁO CÁO" in text and "Nơi nhận:" in text
        assert "Kết quả thực hiện Nghị quyết số 23/NQ-CP ngày 02/3/2022" in text
    else:
        assert "SOCIALIST REPUBLIC OF VIET NAM" in header[1]
        assert "Independence - Freedom - Happiness" in header[1]
        assert header[2].startswith("No.:") and header[2].endswith("/BC-UBND")
        assert header[3].endswith(str(YEAR))
        assert "REPORT" in text and "Recipients:" in text
    # Times New Roman everywhere, the body at 13 pt; A4 with Decree 30's margins
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 13
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{{{fonts.nsmap['w']}}}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {
        "Times New Roman"
    }
    first = document.sections[0]
    assert round(first.page_width.mm) == 210 and round(first.page_height.mm) == 297
    assert 20 <= round(first.top_margin.mm) <= 25 and 20 <= round(first.bottom_margin.mm) <= 25
    assert 30 <= round(first.left_margin.mm) <= 35 and 15 <= round(first.right_margin.mm) <= 20
    # numbered sections: I., II., … with the five task groups as 1.–5. and a), b) beneath
    headings = [nfc(p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    for numeral in ("I. ", "II. ", "III. ", "IV. ", "V. "):
        assert any(h.startswith(numeral) for h in headings), numeral
    assert any(h.startswith("a) ") for h in headings) and any(h.startswith("b) ") for h in headings)
    # the signature block is left blank for the signer
    assert (
        "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ" if lang == "vi" else "AUTHORITY AND POSITION OF THE SIGNER"
    ) in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_has_the_five_task_groups(reports: dict[str, Path], con, lang: str) -> None:
    document = docx.Document(str(reports[lang]))
    headings = [nfc(p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    groups = con.execute("SELECT task_group, name_vi, name_en FROM task_groups ORDER BY 1").fetchall()
    assert len(groups) == 5
    for number, name_vi, name_en in groups:
        assert f"{number}. {nfc(name_vi if lang == 'vi' else name_en)}" in headings


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_table_has_a_known_target_with_its_status(
    reports: dict[str, Path], warehouse: Path, lang: str
) -> None:
    row = known_target(warehouse)
    target = target_text(row["comparator"], row["target_value"], row["unit"], lang)
    value = format_value(row["latest_value"], row["unit"], lang)
    rows = table_rows(docx.Document(str(reports[lang])))
    matching = [r for r in rows if any(c.startswith(target) for c in r)]
    assert matching, f"no table row with the target {target!r}"
    cells = " | ".join(matching[0])
    assert t(row["status"], lang) in cells  # status label from the scorecard
    assert value in cells and f"({int(row['latest_year'])})" in cells
    assert "[" in cells  # every number cites its source by annex number
    if lang == "vi":
        assert value == "183 triệu USD"


def test_report_numbers_in_the_readers_format(reports: dict[str, Path], warehouse: Path) -> None:
    """A value over a thousand: '18.063,8 tỷ đồng' in Vietnamese, '18,063.8 bn VND' in English."""
    con = connect(warehouse)
    try:
        card = report.collect(con, YEAR, province=LANG_SON).targets
    finally:
        con.close()
    big = card[card["latest_value"].fillna(0) >= 1000].iloc[0]
    for lang in ("vi", "en"):
        text = all_text(docx.Document(str(reports[lang])))
        assert format_value(big["latest_value"], big["unit"], lang) in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_embeds_charts_and_cites_its_sources(reports: dict[str, Path], con, lang: str) -> None:
    document = docx.Document(str(reports[lang]))
    assert len(document.inline_shapes) >= 1
    images = [p for p in document.part.package.parts if p.content_type == "image/png"]
    assert images and images[0].blob.startswith(b"\x89PNG")
    text = all_text(document)
    assert "(Nguồn: [" in text if lang == "vi" else "(Sources: [" in text
    # the annex (last table) lists the resolution with its issuer, number, title, date and URL
    annex = [[nfc(c.text) for c in row.cells] for row in document.tables[-1].rows]
    resolution = con.execute("SELECT * FROM sources WHERE doc_number = '23/NQ-CP'").df().iloc[0]
    rows = [r for r in annex if r[2] == "23/NQ-CP"]
    assert rows, "the resolution is not in the sources annex"
    assert rows[0][0] == "[1]" and rows[0][3] == nfc(resolution["title"]) and rows[0][5] == resolution["url"]
    assert rows[0][1] == ("Chính phủ" if lang == "vi" else "Government of Viet Nam")
    assert rows[0][4] == ("02/03/2022" if lang == "vi" else "2 Mar 2022")
    # every [n] cited in the body is a row of the annex
    cited = {int(n) for group in re.findall(r"\[([\d; ]+)(?:,[^\]]*)?\]", text) for n in group.split(";")}
    listed = {int(r[0].strip("[]")) for r in annex[1:]}
    assert cited <= listed


def test_report_is_as_of_its_year(warehouse: Path) -> None:
    """The 2023 report judges with the figures up to 2023 and only the plans of 2023."""
    con = connect(warehouse)
    try:
        data = report.collect(con, 2023, province=LANG_SON)
    finally:
        con.close()
    assert not data.targets.empty
    assert (data.targets["latest_year"].dropna() <= 2023).all()
    annual = data.targets[data.targets["target_type"] == "annual"]
    assert (annual["target_year"] == 2023).all()
    assert (data.observations["year"] <= 2023).all()


def test_line_and_country_reports(warehouse: Path, tmp_path: Path) -> None:
    for args in (["--line", "laos"], []):
        out = tmp_path / f"r{len(args)}.docx"
        assert main(["report", "--year", str(YEAR), *args, "--db", str(warehouse), "--out", str(out)]) == 0
        text = all_text(docx.Document(str(out)))
        assert "BỘ TÀI CHÍNH" in text  # the ministry compiling the national report since the 2025 merger
        assert "Số:" in text and "/BC-BTC" in text


def test_cli_refuses_an_unknown_province(warehouse: Path, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(
            [
                "report",
                "--year",
                "2025",
                "--province",
                "VN63-99",
                "--db",
                str(warehouse),
                "--out",
                str(tmp_path / "x.docx"),
            ]
        )
    assert stop.value.code == 2
    assert "unknown province code: VN63-99" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_task_status_reported_shows_in_the_report(reference_copy: Path, tmp_path: Path) -> None:
    """A department's task-status report loaded through the inbox appears as its task's status."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "task-status-2025.csv").write_text(
        "task_id,reported_on,status,source_id,note\nkh88-III.4,2025-11-10,done,kh88-2022,\n", encoding="utf-8"
    )
    db = tmp_path / "warehouse.duckdb"
    build(db, reference_copy, inbox)
    con = connect(db)
    try:
        data = report.collect(con, YEAR, province=LANG_SON)
        earlier = report.collect(con, 2024, province=LANG_SON)
    finally:
        con.close()
    row = data.tasks.set_index("task_id").loc["kh88-III.4"]
    assert row["status"] == "done"
    assert earlier.tasks.set_index("task_id").loc["kh88-III.4", "status"] == "no_report"  # reported in 2025
    agencies = report.agency_status(data.tasks, "vi").set_index("agency")
    assert agencies.loc["Sở Công Thương", "done"] == 1
    document = docx.Document(io.BytesIO(report.render_docx(data)))
    rows = table_rows(document)
    assert any(
        "Sở Công Thương" in r[1] and r[3].startswith("Hoàn thành (10/11/2025)") for r in rows if len(r) == 4
    )
    assert REFERENCE_DIR.exists()


def _soffice_pdf(docx_path: Path, out_dir: Path) -> Path:
    if SOFFICE is None:
        pytest.fail("the report tests need LibreOffice: run `bash .ci/install-libreoffice`")
    profile = out_dir / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = out_dir / (docx_path.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    return pdf


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
        )
        return nfc(done.stdout.decode("utf-8"))
    return nfc("\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


def test_report_opens_in_libreoffice(reports: dict[str, Path], tmp_path: Path) -> None:
    pdf = _soffice_pdf(reports["vi"], tmp_path)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 1
    text = pdf_text(pdf)
    assert "Lạng Sơn" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "PHỤ LỤC" in text and "23/NQ-CP" in text
    fonts = {
        str(font.get("/BaseFont", ""))
        for page in reader.pages[:1]
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
        for font in [font.get_object()]
    }
    assert any("Times" in f or "LiberationSerif" in f for f in fonts), (
        fonts
    )  # Times New Roman or its metric twin


@pytest.mark.parametrize(("args", "lang", "name"), [
    (["--province", LANG_SON], "vi", "Lạng Sơn"),
    (["--province", LANG_SON], "en", "Lang Son"),
    (["--line", "china"], "en", "China"),
    ([], "vi", "Cả nước"),
])  # fmt: skip
def test_scorecard_is_one_page(
    warehouse: Path, tmp_path: Path, args: list[str], lang: str, name: str
) -> None:
    out = tmp_path / "scorecard.pdf"
    cli = ["scorecard", "--year", str(YEAR), *args, "--lang", lang, "--db", str(warehouse), "--out", str(out)]
    assert main(cli) == 0
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape
    text = pdf_text(out)
    assert name in text
    assert t("achieved", lang) in text or t("on_track", lang) in text


def test_scorecard_cuts_rows_to_one_page() -> None:
    """However many targets, one page: the least urgent rows give way to a note."""
    from indicators.report_charts import ScorecardPage, ScorecardRow, scorecard_pdf

    rows = [
        ScorecardRow("off_track", "Off track", "Indicator " * 6, "≥ 100%", "50% (2025)", "2025", "Plan " * 12)
    ]
    page = ScorecardPage("T", "S", [("off_track", "Off track", 80)], ("a", "b", "c", "d", "e", "f"), rows * 80, "F",
                         more_text="… and {n} more")  # fmt: skip
    data = scorecard_pdf(page)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert "more" in reader.pages[0].extract_text()


def test_download_buttons_on_the_dashboard(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("BORDER_DB", str(warehouse))

    def page() -> None:
        from pages.report_downloads import report_buttons

        report_buttons(2025, "VN63-20", None, "vi")

    at = AppTest.from_function(page, default_timeout=120).run()
    assert not at.exception and not at.get("download_button")  # the page never waits for a report
    at.button[0].click().run()
    buttons = at.get("download_button")
    assert len(buttons) == 2
    labels = [b.proto.label for b in buttons]
    assert labels == [
        t("report_download", "vi").format(year=2025),
        t("scorecard_download", "vi").format(year=2025),
    ]
