"""Đăng nhập / Sign in: for departments that submit figures and for data stewards. Reading the
dashboard needs no account. Signed in, this page says who you are and signs you out."""

from __future__ import annotations

import time

import streamlit as st
from streamlit_authenticator.utilities import LoginError

from etl import users
from pages import auth, ui

st.title(ui.tr("page_signin"))
auth.finish_cookie_work()
user = auth.current_user()

if user is not None:
    agency = users.agencies().get(user.agency or "", {})
    name = agency.get("name_vi" if ui.lang() == "vi" else "name_en", "")
    st.success(ui.tr("signed_in_as").format(user=user.name, role=ui.tr(f"role_{user.role}")))
    if name:
        st.markdown(f"**{ui.tr('col_agency')}:** {name} (`{user.agency}`)")
    target = "pages/submit.py" if user.is_submitter else "pages/review.py"
    label = ui.tr("page_submit" if user.is_submitter else "page_review")
    st.page_link(target, label=label, icon=":material/arrow_forward:")
    if st.button(ui.tr("sign_out"), key="sign_out"):
        auth.sign_out()
        st.rerun()
    st.stop()

st.markdown(ui.tr("signin_intro"))
authenticator = auth.authenticator()
if authenticator is None:
    st.info(ui.tr("no_accounts"))
    st.stop()
try:
    authenticator.login(
        location="main",
        fields={
            "Form name": ui.tr("signin_form"),
            "Username": ui.tr("user_name"),
            "Password": ui.tr("password"),
            "Login": ui.tr("sign_in"),
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
    st.error(ui.tr("signin_failed"))
