"""The dashboard's pages, run by `st.navigation` in app.py, and their shared furniture (`ui`).

Streamlit (still in 1.67) treats a folder named `pages/` beside the main script as a legacy (v1)
multipage folder until the main script first calls `st.navigation`: on a fresh server, a deep link
such as `/provinces` would run the page file alone, without app.py. Importing this package (every
page does) switches that legacy mode off; `filters()` then reruns such a stray first run through
app.py. `tests/test_browser.py` opens deep links on a fresh server to prove it. (AppTest sets the
mode afresh before each of its runs; `tests/conftest.py` switches it off again, as the server's
import does once.)
"""

from streamlit.runtime.pages_manager import PagesManager


def use_app_navigation() -> None:
    """Run app.py (and its `st.navigation`) for every page, never a pages/ folder's file alone."""
    PagesManager.uses_pages_directory = False


use_app_navigation()
