"""The domain's fixed codes and bounds, one home each: the ETL builds its contracts from them and the
analytics read by them. Imports nothing, so both layers (and the pages) may import it."""

from __future__ import annotations

COUNTRY = "VN"  # the geo_code of the whole country
BORDER_LINES = ("china", "laos", "cambodia")  # the land-border lines, by neighbour
# The 63 provinces before 1 July 2025 ("old") and the 34 after ("new"), told apart by code prefix.
PERIODS = ("old", "new")
PERIOD_PREFIX = {"old": "VN63-", "new": "VN34-"}
# Sane bounds for any year a row states; a year outside is a typing slip, not history.
MIN_YEAR, MAX_YEAR = 1990, 2035
# What a source is, in the order the Sources page lists them.
SOURCE_KINDS = ("law", "plan", "statistic", "article", "dataset", "synthetic")
