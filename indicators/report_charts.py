"""Images and pages drawn server-side with matplotlib (Agg and PDF backends, no pyplot, no display,
nothing downloaded): the small series charts embedded in the annual report, and the one-page
printable scorecard for leaders.

Text uses DejaVu Sans, which matplotlib ships and which covers Vietnamese; numbers are formatted
per language by `indicators.formatting`.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from indicators.formatting import format_number

FONT = "DejaVu Sans"
# Status colours (fill, text) — the same order as the dashboard's scorecard; each status also has its
# label printed beside the colour, so it reads without colour vision and in black-and-white print.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "achieved": ("#1b7f3b", "#ffffff"),
    "on_track": ("#7cc47f", "#0b2e13"),
    "needs_acceleration": ("#f2a43a", "#3b2300"),
    "off_track": ("#d64541", "#ffffff"),
    "no_data": ("#c9ccd1", "#1f2328"),
}
# Light fills for table cells in the DOCX report (black text stays readable).
STATUS_FILLS = {
    "achieved": "B7E1C1",
    "on_track": "DDF2DE",
    "needs_acceleration": "FCE3BD",
    "off_track": "F6C9C7",
    "no_data": "E4E6EA",
}
SERIES_COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400")


@dataclass
class TargetMark:
    """A target drawn on a series chart: a level line (`level`, with `high` a band), or one year's
    plan as a mark (`annual`); `label` is its text in the legend."""

    kind: str
    value: float
    year: int | None
    label: str
    high: float | None = None
    start_year: int | None = None


@dataclass
class Panel:
    """One small chart: an indicator's series for one or more places, with its targets."""

    title: str
    unit_label: str
    series: list[tuple[str, list[int], list[float]]] = field(default_factory=list)  # (place, years, values)
    targets: list[TargetMark] = field(default_factory=list)
    note: str = ""  # e.g. a rate target that is no level


def _number_axis(ax: object, lang: str) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v, lang)))  # type: ignore[attr-defined]
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))  # type: ignore[attr-defined]
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: str(int(v))))  # type: ignore[attr-defined]


def series_chart(panels: Sequence[Panel], lang: str, columns: int = 2) -> bytes:
    """Small multiples (one panel per indicator, since units differ) as a PNG, 16 cm wide."""
    columns = max(1, min(columns, len(panels)))
    rows = (len(panels) + columns - 1) // columns
    width_in = 16 / 2.54
    fig = Figure(figsize=(width_in, 2.55 * rows + 0.1), dpi=200)
    fig.set_layout_engine("constrained")
    axes = fig.subplots(rows, columns, squeeze=False)
    for i, ax in enumerate(axes.flat):
        if i >= len(panels):
            ax.set_visible(False)
            continue
        _draw_panel(ax, panels[i], lang)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _draw_panel(ax: object, panel: Panel, lang: str) -> None:
    years_seen: list[int] = []
    for i, (place, years, values) in enumerate(panel.series):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        ax.plot(years, values, marker="o", markersize=3.5, linewidth=1.6, color=colour, label=place)  # type: ignore[attr-defined]
        years_seen += years
        if years:
            ax.annotate(  # type: ignore[attr-defined]
                format_number(values[-1], lang),
                (years[-1], values[-1]),
                textcoords="offset points",
                xytext=(0, 5),
                ha="center",
                fontsize=6.5,
                color=colour,
                family=FONT,
            )
    for mark in panel.targets:
        years_seen += [y for y in (mark.year, mark.start_year) if y is not None]
    lo = min(years_seen) if years_seen else 2020
    hi = max(years_seen) if years_seen else 2025
    for mark in panel.targets:
        if mark.kind == "annual" and mark.year is not None:
            if mark.high is not None:
                ax.vlines(mark.year, mark.value, mark.high, colors="#b03a2e", linewidth=3, alpha=0.6)  # type: ignore[attr-defined]
            ax.plot(  # type: ignore[attr-defined]
                [mark.year],
                [mark.value],
                marker="D",
                markersize=5,
                markerfacecolor="none",
                markeredgecolor="#b03a2e",
                linestyle="none",
                label=mark.label,
            )
        else:
            start = mark.start_year if mark.start_year is not None else lo
            end = mark.year if mark.year is not None else hi
            if mark.high is not None:
                ax.fill_between(
                    [start, end], mark.value, mark.high, color="#b03a2e", alpha=0.15, label=mark.label
                )  # type: ignore[attr-defined]
            else:
                ax.hlines(  # type: ignore[attr-defined]
                    mark.value, start, end, colors="#b03a2e", linestyles="--", linewidth=1.2, label=mark.label
                )
    ax.set_xlim(lo - 0.5, hi + 0.5)  # type: ignore[attr-defined]
    _number_axis(ax, lang)
    title = "\n".join(textwrap.wrap(panel.title, 52)[:3])
    ax.set_title(title, fontsize=7.5, family=FONT, loc="left")  # type: ignore[attr-defined]
    ax.set_ylabel(panel.unit_label, fontsize=6.5, family=FONT)  # type: ignore[attr-defined]
    ax.tick_params(labelsize=6.5)  # type: ignore[attr-defined]
    ax.grid(True, axis="y", linewidth=0.4, alpha=0.5)  # type: ignore[attr-defined]
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)  # type: ignore[attr-defined]
    if panel.note:
        ax.text(  # type: ignore[attr-defined]
            0.01,
            0.02,
            "\n".join(textwrap.wrap(panel.note, 60)),
            transform=ax.transAxes,
            fontsize=5.8,  # type: ignore[attr-defined]
            family=FONT,
            color="#555555",
            va="bottom",
        )
    handles, _ = ax.get_legend_handles_labels()  # type: ignore[attr-defined]
    if handles:  # below the plot, so it never hides a line or a target
        ax.legend(  # type: ignore[attr-defined]
            loc="upper left", bbox_to_anchor=(0, -0.14), frameon=False, prop={"family": FONT, "size": 6}
        )


# ---------------------------------------------------------------- the one-page scorecard (PDF)


@dataclass
class ScorecardRow:
    status: str
    status_label: str
    indicator: str
    target: str
    latest: str
    deadline: str
    source: str


@dataclass
class ScorecardPage:
    title: str
    subtitle: str
    counts: list[tuple[str, str, int]]  # (status, label, count)
    headers: tuple[str, str, str, str, str, str]
    rows: list[ScorecardRow]
    footer: str
    empty_text: str = ""
    more_text: str = ""  # "… and {n} more in the report" when rows are cut to fit


A4_LANDSCAPE_IN = (11.69, 8.27)
# Column widths as shares of the table width: status, indicator, target, latest, deadline, source.
COLUMN_SHARES = (0.14, 0.31, 0.13, 0.14, 0.07, 0.21)
MARGIN_IN = 0.45
TOP_IN, FOOTER_IN = 1.0, 0.45  # title, subtitle and status chips; the footer's lines


def scorecard_pdf(page: ScorecardPage) -> bytes:
    """The scorecard on exactly one A4 landscape page: text shrinks to fit, and rows that would still
    not fit are cut with a note pointing to the full report."""
    for size in (9.0, 8.5, 8.0, 7.5, 7.0, 6.5):
        layout = _layout(page, size)
        if layout is not None:
            return _render(page, size, *layout)
    size = 6.5  # never smaller: a leader reads it on paper; the least urgent rows are cut instead
    rows = list(page.rows)
    while rows:
        rows.pop()
        trial = ScorecardPage(**{**page.__dict__, "rows": rows})
        layout = _layout(trial, size, reserve_more=True)
        if layout is not None:
            cut = len(page.rows) - len(rows)
            return _render(trial, size, *layout, more=page.more_text.format(n=cut))
    return _render(ScorecardPage(**{**page.__dict__, "rows": []}), size, [], 0.0)


def _wrap(text: str, share: float, size: float) -> list[str]:
    width_in = (A4_LANDSCAPE_IN[0] - 2 * MARGIN_IN) * share
    chars = max(6, int(width_in * 72 / (size * 0.55)) - 1)
    lines: list[str] = []
    for part in str(text).split("\n"):
        lines += textwrap.wrap(part, chars) or [""]
    return lines


def _layout(page: ScorecardPage, size: float, reserve_more: bool = False) -> tuple[list, float] | None:
    """Wrapped cells and row heights (inches) if the rows fit the table area at this text size."""
    line_in = size * 1.28 / 72
    header_lines = max(len(_wrap(h, s, size)) for h, s in zip(page.headers, COLUMN_SHARES, strict=True))
    header_h = header_lines * line_in + 0.12
    available = (
        A4_LANDSCAPE_IN[1] - 2 * MARGIN_IN - TOP_IN - FOOTER_IN - header_h - (0.25 if reserve_more else 0)
    )
    wrapped = []
    total = 0.0
    for row in page.rows:
        cells = [row.status_label, row.indicator, row.target, row.latest, row.deadline, row.source]
        lines = [_wrap(c, s, size) for c, s in zip(cells, COLUMN_SHARES, strict=True)]
        height = max(len(x) for x in lines) * line_in + 0.08
        wrapped.append((row, lines, height))
        total += height
    if total > available:
        return None
    return wrapped, header_h


def _render(page: ScorecardPage, size: float, wrapped: list, header_h: float, more: str = "") -> bytes:
    width, height = A4_LANDSCAPE_IN
    fig = Figure(figsize=A4_LANDSCAPE_IN)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)  # inches from the top-left corner
    ax.axis("off")
    x0 = MARGIN_IN
    table_w = width - 2 * MARGIN_IN
    y = MARGIN_IN
    ax.text(x0, y, page.title, fontsize=15, fontweight="bold", family=FONT, va="top")
    y += 0.32
    ax.text(x0, y, page.subtitle, fontsize=8.5, family=FONT, va="top", color="#333333")
    y += 0.25
    x = x0
    for status, label, count in page.counts:  # a chip per status: colour, label, count
        fill, ink = STATUS_COLOURS[status]
        text = f"{label}: {count}"
        w = 0.35 + len(text) * 0.075
        ax.add_patch(
            FancyBboxPatch((x, y), w, 0.3, boxstyle="round,pad=0,rounding_size=0.06", fc=fill, ec="none")
        )
        ax.text(x + w / 2, y + 0.15, text, fontsize=9, family=FONT, color=ink, ha="center", va="center")
        x += w + 0.12
    y += 0.42
    # header row
    ax.add_patch(Rectangle((x0, y), table_w, header_h, fc="#1f3b5c", ec="none"))
    cx = x0
    for head, share in zip(page.headers, COLUMN_SHARES, strict=True):
        ax.text(
            cx + 0.05,
            y + 0.06,
            "\n".join(_wrap(head, share, size)),
            fontsize=size,
            fontweight="bold",
            family=FONT,
            color="white",
            va="top",
            linespacing=1.15,
        )
        cx += table_w * share
    y += header_h
    if not wrapped and page.empty_text:
        ax.text(x0 + 0.05, y + 0.1, page.empty_text, fontsize=size + 1, family=FONT, va="top")
        y += 0.4
    for i, (row, lines, row_h) in enumerate(wrapped):
        if i % 2:
            ax.add_patch(Rectangle((x0, y), table_w, row_h, fc="#f3f5f8", ec="none"))
        fill, ink = STATUS_COLOURS.get(row.status, STATUS_COLOURS["no_data"])
        status_w = table_w * COLUMN_SHARES[0]
        ax.add_patch(Rectangle((x0 + 0.03, y + 0.03), status_w - 0.08, row_h - 0.06, fc=fill, ec="none"))
        cx = x0
        for j, (cell, share) in enumerate(zip(lines, COLUMN_SHARES, strict=True)):
            ax.text(
                cx + 0.06,
                y + 0.05,
                "\n".join(cell),
                fontsize=size,
                family=FONT,
                va="top",
                linespacing=1.15,
                color=ink if j == 0 else "#111111",
                fontweight="bold" if j == 0 else "normal",
            )
            cx += table_w * share
        ax.plot([x0, x0 + table_w], [y + row_h, y + row_h], color="#c8ccd2", linewidth=0.5)
        y += row_h
    if more:
        ax.text(x0 + 0.05, y + 0.08, more, fontsize=size + 0.5, family=FONT, va="top", style="italic")
    ax.text(
        x0,
        height - MARGIN_IN,
        "\n".join(textwrap.wrap(page.footer, 190)[:4]),
        fontsize=6.5,
        family=FONT,
        va="bottom",
        color="#444444",
        linespacing=1.2,
    )
    buffer = io.BytesIO()
    with rc_context({"pdf.fonttype": 42}):  # TrueType, so the PDF's text can be searched and copied
        fig.savefig(buffer, format="pdf", metadata={"Title": page.title, "Creator": "Border Economy Monitor"})
    return buffer.getvalue()
