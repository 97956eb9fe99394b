"""The dashboard's pages, run by `st.navigation` in app.py, and their shared furniture (`ui`).

Streamlit treats a folder named `pages/` beside the main script as a legacy (v1) multipage folder
until the main script first calls `st.navigation`: on a fresh server, a deep link such as
`/provinces` would run the page file alone, without app.py. Importing this package (every page
does) switches that legacy mode off; `ui.filters()` then reruns such a stray first run through
app.py. `tests/test_browser.py` opens deep links on a fresh server to prove it.
"""

from streamlit.runtime.pages_manager import PagesManager

PagesManager.uses_pages_directory = False
