"""`python -m pages [streamlit options]`: serve the dashboard (what `make run` does).

Same as `streamlit run app.py`, but in a process where `pages/__init__.py` has already switched
Streamlit's legacy pages/ mode off, so even the first visitor after a restart who follows a deep
link (`/provinces?province=VN63-20`) gets app.py's navigation at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.web import cli

import pages  # noqa: F401 — imported for its side effect, see pages/__init__.py

APP = Path(__file__).resolve().parent.parent / "app.py"

if __name__ == "__main__":
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())
