"""`make bench` (`python -m bench`): how the dashboard's cost grows with the number of trade rows.

At each size (100 k, 1 M and 10 M synthetic rows by default) it builds a synthetic warehouse, then
measures — each in a fresh process, so one measurement's memory and caches never help another —
the build's rows per second, every page's script run through AppTest (cold and warm p95), the
Gates page's queries against the same queries done the common way (the whole table in pandas
under `st.cache_data`, filtered and grouped in pandas), a CSV snapshot of about a million
filtered rows both ways, and headless Chromium settling on every page with the app process's
peak memory. It prints one table and keeps the raw numbers in `bench/results/`.
"""
