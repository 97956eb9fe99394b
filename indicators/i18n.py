"""The dashboard's one way to a message: `t(key, lang)` reads the gettext catalogue (l10n, built
from locale/*/LC_MESSAGES/messages.po), Vietnamese by default, English on request."""

from __future__ import annotations

from l10n import N_, message

# Ids the code composes at run time (`t(f"ts_{status}", lang)`, a status code looked up by value):
# declared here, one family a line, so extraction (`make i18n-extract`) and tests/test_catalogue.py
# see them as used.
COMPOSED_IDS = (
    *(N_("china"), N_("laos"), N_("cambodia")),  # indicators.filters.LINES
    *(N_("period_old"), N_("period_new")),  # the two geographies
    *(N_("reported"), N_("derived"), N_("estimate")),  # observation status
    *(N_("achieved"), N_("on_track"), N_("needs_acceleration"), N_("off_track"), N_("no_data")),
    *(N_("ts_no_report"), N_("ts_not_started"), N_("ts_in_progress"), N_("ts_done"), N_("ts_overdue")),
    *(N_("cw_reported"), N_("cw_mapped"), N_("cw_summed"), N_("cw_weighted"), N_("cw_from_counts")),
    *(N_("task_group_0"), N_("task_group_1"), N_("task_group_2"), N_("task_group_3")),
    *(N_("task_group_4"), N_("task_group_5")),
    *(N_("kind_law"), N_("kind_plan"), N_("kind_statistic"), N_("kind_article")),
    *(N_("kind_dataset"), N_("kind_synthetic")),
    *(N_("topic_poverty"), N_("topic_economy"), N_("topic_budget"), N_("topic_trade")),
    *(N_("topic_industry"), N_("topic_zones"), N_("topic_gates"), N_("topic_social")),
    *(N_("topic_infrastructure"), N_("topic_territory")),
    *(N_("fill_poverty"), N_("fill_economy"), N_("fill_budget"), N_("fill_trade"), N_("fill_industry")),
    *(N_("fill_zones"), N_("fill_gates"), N_("fill_social"), N_("fill_infrastructure")),
    N_("fill_territory"),
    *(N_("reason_no_value"), N_("reason_met"), N_("reason_standing_unmet"), N_("reason_deadline_passed")),
    *(N_("reason_no_baseline"), N_("reason_moved_away"), N_("reason_pace")),  # indicators.progress
    *(N_("status_pending"), N_("status_approved"), N_("status_rejected"), N_("status_withdrawn")),
    *(N_("role_submitter"), N_("role_steward")),
    *(N_("audit_action_submitted"), N_("audit_action_approved"), N_("audit_action_rejected")),
    *(N_("audit_action_approve_failed"), N_("audit_action_withdrawn")),
    *(N_("change_new"), N_("change_changed"), N_("change_unchanged"), N_("change_added")),
    *(N_("layout_observations"), N_("layout_task_status"), N_("layout_sources"), N_("layout_trade_flows")),
    *(N_("track_done"), N_("track_late"), N_("track_pending"), N_("track_overdue"), N_("track_nothing_due")),
    *(N_("level_department"), N_("level_province"), N_("level_ministry"), N_("level_shared")),
    N_("level_government"),
    *(N_("international"), N_("main"), N_("secondary")),  # border_gates.gate_type
    *(N_("by_line"), N_("by_province"), N_("by_gate")),  # pages/gates.py: its sections' titles
    *(N_("monthly_trend"), N_("top_commodities"), N_("balance_by_year")),
    *(N_("gates"), N_("zones"), N_("profile_no_gates"), N_("profile_no_zones")),  # pages/province.py listings
    *(N_("report_download"), N_("report_download_help")),  # pages/report_downloads.py: f"{kind}_…"
    *(N_("scorecard_download"), N_("scorecard_download_help")),
)


def t(key: str, lang: str) -> str:
    """The message `key` in `lang` ('vi' or 'en'); a key the catalogue lacks raises in tests
    (l10n.MissingMessage) and shows as itself, logged, when served."""
    return message(key, lang)
