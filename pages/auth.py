"""Who is signed in, for the submission pages (streamlit-authenticator; accounts from etl/users.py).

Readers never sign in and never meet any of this: the authenticator (and its cookie component) is
only built on the sign-in page, or for a browser that sends the signed session cookie. A session
ends when its cookie's day is over (`expiry_days`, checked again on the server on every run), on
"Sign out", or when the account is removed or changes role.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from etl import users
from indicators.i18n import t

AUTH_KEY = "_authenticator"  # the run's Authenticate (one cookie component per run)
SIGNED_IN_AT = "_signed_in_at"
SET_COOKIE = "_set_cookie"  # write the cookie after sign-in until the browser reports it back
DELETE_COOKIE = "_delete_cookie"


def begin_run() -> None:
    """Called first by app.py on every run: the authenticator is rebuilt at most once per run."""
    st.session_state.pop(AUTH_KEY, None)


def authenticator() -> Any | None:
    """This run's streamlit-authenticator `Authenticate`, or None when there is no account yet."""
    held = st.session_state.get(AUTH_KEY)
    if held is not None:
        return held
    settings = users.authenticator_settings()
    if settings is None:
        return None
    import streamlit_authenticator as stauth

    held = stauth.Authenticate(
        settings["credentials"],
        settings["cookie_name"],
        settings["cookie_key"],
        settings["cookie_expiry_days"],
        auto_hash=False,  # only bcrypt hashes are stored (etl/users.py)
        login_sleep_time=0,
    )
    st.session_state[AUTH_KEY] = held
    return held


def session_seconds() -> float:
    settings = users.authenticator_settings()
    return (settings["cookie_expiry_days"] if settings else users.SESSION_DAYS) * 86400


def current_user() -> users.User | None:
    """The signed-in account as the accounts file says now, else None (anonymous reader)."""
    state = st.session_state
    if not state.get("authentication_status") and users.COOKIE_NAME in st.context.cookies:
        auth = authenticator()  # a returning browser: its signed cookie may restore the session
        if auth is not None and not state.get("logout"):
            try:
                auth.login(location="unrendered")
            except Exception:  # a cookie for a removed account, a bad signature: stay anonymous
                state["authentication_status"] = None
            if state.get("authentication_status"):
                state[SIGNED_IN_AT] = time.time()
    if not state.get("authentication_status"):
        return None
    user = users.get_user(state.get("username"))
    started = state.setdefault(SIGNED_IN_AT, time.time())
    if user is None or time.time() - started > session_seconds():
        sign_out()
        return None
    return user


def sign_out() -> None:
    """End the session here and now; the cookie is deleted on the next run (see DELETE_COOKIE)."""
    auth = authenticator()
    if auth is not None and st.session_state.get("authentication_status"):
        auth.authentication_controller.logout()
    for key in ("authentication_status", "username", "name", "roles", "email", SIGNED_IN_AT):
        st.session_state[key] = None
    st.session_state.pop(SIGNED_IN_AT, None)
    st.session_state["logout"] = True
    st.session_state[DELETE_COOKIE] = True


def finish_cookie_work() -> None:
    """Write or delete the session cookie, in a run that is not cut short by a rerun."""
    auth = None
    if st.session_state.pop(DELETE_COOKIE, False):
        auth = authenticator()
        if auth is not None:
            auth.cookie_controller.delete_cookie()
    if st.session_state.get(SET_COOKIE) and st.session_state.get("authentication_status"):
        auth = auth or authenticator()
        if auth is None:
            return
        # The cookie component writes in the browser once its frame has loaded; a rerun (its own
        # cookie report makes one) may remove it before that. So it is written again on each run
        # until the browser's cookie list, reported back by the same component, holds it.
        model = auth.cookie_controller.cookie_model
        if model.cookie_name in model.cookie_manager.cookies:
            st.session_state.pop(SET_COOKIE)
        else:
            auth.cookie_controller.set_cookie()


def private_pages(user: users.User | None, lang: str) -> list[Any]:
    """The pages a signed-in account adds to the navigation: submit for a submitter, review for
    a steward; none for an anonymous reader."""
    if user is None:
        return []
    if user.is_submitter:
        return [st.Page("pages/submit.py", title=t("page_submit", lang), icon=":material/upload_file:")]
    if user.is_steward:
        return [st.Page("pages/review.py", title=t("page_review", lang), icon=":material/fact_check:")]
    return []


def require(role: str, lang: str) -> users.User:
    """The signed-in account if it has `role`; otherwise the page stops with a message."""
    user = current_user()
    if user is None or user.role != role:
        st.warning(t("signin_required", lang))
        st.stop()
    return user
