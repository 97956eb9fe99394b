"""Read-only analytics over the warehouse: series, aggregates by border line, progress against
targets, the old→new province crosswalk, and export snapshots. Imports neither streamlit nor etl."""
