"""Đăng nhập / Sign in: for departments that submit figures and for data stewards. Reading the
dashboard needs no account. Signed in, this page says who you are and signs you out."""

from __future__ import annotations

import time

import streamlit as st
from streamlit_authenticator.utilities import LoginError

from etl import users
from pages import auth
from pages.state import lang, tr

st.title(tr("page_signin"))
auth.finish_cookie_work()
user = auth.current_user()

if user is not None:
    agency = users.agencies().get(user.agency or "", {})
    name = agency.get("name_vi" if lang() == "vi" else "name_en", "")
    st.success(tr("signed_in_as").format(user=user.name, role=tr(f"role_{user.role}")))
    if name:
        st.markdown(f"**{tr('col_agency')}:** {name} (`{user.agency}`)")
    target = "pages/submit.py" if user.is_submitter else "pages/review.py"
    label = tr("page_submit" if user.is_submitter else "page_review")
    st.page_link(target, label=label, icon=":material/arrow_forward:")
    if st.button(tr("sign_out"), key="sign_out"):
        auth.sign_out()
        st.rerun()
    st.stop()

st.markdown(tr("signin_intro"))
authenticator = auth.authenticator()
if authenticator is None:
    st.info(tr("no_accounts"))
    st.stop()
try:
    authenticator.login(
        location="main",
        fields={
            "Form name": tr("signin_form"),
            "Username": tr("user_name"),
            "Password": tr("password"),
            "Login": tr("sign_in"),
        },
        clear_on_submit=True,
        max_login_attempts=None,
        key="signin",
    )
except LoginError:
    st.session_state["authentication_status"] = False
if st.session_state.get("authentication_status"):
    st.session_state[auth.SIGNED_IN_AT] = time.time()
    st.session_state[auth.SET_COOKIE] = True
    st.session_state["logout"] = None
    st.rerun()  # the navigation gains the account's pages
elif st.session_state.get("authentication_status") is False:
    st.error(tr("signin_failed"))
