"""Accounts for the submission pages: `python -m etl users add | list | remove`.

Readers need no account. A *submitter* belongs to one agency (`data/reference/agencies.csv`) and
may submit only for it; a *steward* reviews, approves or rejects submissions. The accounts live in
a YAML file outside the repository's tracked files: `$BORDER_USERS`, else `$BORDER_DATA_DIR/users.yaml`
(default `data/users.yaml`, git-ignored), written atomically with mode 0600, in the layout
streamlit-authenticator reads (`credentials.usernames.<name>` with a bcrypt `password` hash made by
its `Hasher`, and `roles`) plus the signed session cookie's name, secret key and expiry.

Passwords are read from a prompt (twice) or, when stdin is not a terminal, from its first line;
never from an argument, never printed, never logged; only the hash is stored.
"""

from __future__ import annotations

import copy
import getpass
import os
import re
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from etl.audit import data_dir, locked
from etl.contracts import AGENCIES

ROLES = ("submitter", "steward")
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
MIN_PASSWORD = 8
MAX_PASSWORD = 128
SESSION_DAYS = 1.0  # the signed session cookie expires a day after sign-in
COOKIE_NAME = "bem_session"
REFERENCE_AGENCIES = Path(__file__).resolve().parent.parent / "data" / "reference" / "agencies.csv"


class UserError(ValueError):
    """A refused account operation, with a message for the person at the keyboard."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    agency: str | None

    @property
    def is_steward(self) -> bool:
        return self.role == "steward"

    @property
    def is_submitter(self) -> bool:
        return self.role == "submitter"


def users_path() -> Path:
    """`BORDER_USERS`, else `users.yaml` in the data folder (read at call time)."""
    return Path(os.environ.get("BORDER_USERS") or data_dir() / "users.yaml")


def _empty_config() -> dict[str, Any]:
    return {
        "cookie": {
            "name": COOKIE_NAME,
            "key": secrets.token_urlsafe(32),  # signs the session cookie; never leaves this file
            "expiry_days": SESSION_DAYS,
        },
        "credentials": {"usernames": {}},
    }


def load_config(path: Path | None = None) -> dict[str, Any] | None:
    """The accounts file as a dict, or None when there is none yet."""
    path = path or users_path()
    if not path.exists():
        return None
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    config.setdefault("credentials", {}).setdefault("usernames", {})
    config["credentials"]["usernames"] = config["credentials"]["usernames"] or {}
    return config


def _save_config(config: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("# Accounts of the Border Economy Monitor (python -m etl users …). Keep private.\n")
        yaml.safe_dump(config, handle, allow_unicode=True, sort_keys=True)
    tmp.replace(path)


def agencies(path: Path = REFERENCE_AGENCIES) -> dict[str, dict[str, Any]]:
    """The reference agencies by code (agency_code, name_vi, name_en, kind, geo_code, source_id)."""
    from etl.read import read_table
    from etl.validate import typed_rows

    raw, _ = read_table(path)
    if raw is None:
        return {}
    frame, _ = typed_rows(raw, AGENCIES, strict=False)
    return {r["agency_code"]: r for r in frame.to_dict("records") if r.get("agency_code")}


def _hasher() -> Any:
    """streamlit-authenticator's `Hasher` (bcrypt). Its module needs only bcrypt, so it is loaded
    on its own: importing the package would start Streamlit's machinery (and its warnings) in a CLI."""
    import importlib.util

    package = importlib.util.find_spec("streamlit_authenticator")
    if package is None or not package.submodule_search_locations:
        raise UserError("streamlit-authenticator is not installed: run `make setup`")
    location = Path(next(iter(package.submodule_search_locations))) / "utilities" / "hasher.py"
    spec = importlib.util.spec_from_file_location("_stauth_hasher", location)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.Hasher


def _user(name: str, record: dict[str, Any]) -> User:
    roles = record.get("roles") or []
    return User(name, roles[0] if roles else "", record.get("agency"))


def list_users(path: Path | None = None) -> list[User]:
    config = load_config(path)
    if config is None:
        return []
    return [_user(n, r) for n, r in sorted(config["credentials"]["usernames"].items())]


def get_user(name: str | None, path: Path | None = None) -> User | None:
    """The account called `name` as it is now (None when unknown or removed)."""
    if not name:
        return None
    return next((u for u in list_users(path) if u.name == name), None)


def add_user(name: str, role: str, agency: str | None, password: str, path: Path | None = None) -> User:
    """Create (or replace the password, role and agency of) an account; refuse bad input."""
    path = path or users_path()
    if not NAME_PATTERN.fullmatch(name):
        raise UserError(
            f"'{name}' is not a valid user name: 2–32 lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    if role not in ROLES:
        raise UserError(f"role must be one of: {', '.join(ROLES)}")
    known = agencies()
    if role == "submitter" and not agency:
        raise UserError("a submitter needs --agency CODE (see data/reference/agencies.csv)")
    if agency and agency not in known:
        raise UserError(
            f"unknown agency code '{agency}'; known codes: {', '.join(sorted(known))} "
            "(data/reference/agencies.csv)"
        )
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise UserError(f"the password must be {MIN_PASSWORD}–{MAX_PASSWORD} characters long")
    hashed = _hasher().hash(password)
    with locked(path.with_name(path.name + ".lock")):
        config = load_config(path) or _empty_config()
        record: dict[str, Any] = {"name": name, "password": hashed, "roles": [role]}
        if agency:
            record["agency"] = agency
        config["credentials"]["usernames"][name] = record
        _save_config(config, path)
    return User(name, role, agency)


def remove_user(name: str, path: Path | None = None) -> bool:
    """Delete an account; False when there was none of that name."""
    path = path or users_path()
    with locked(path.with_name(path.name + ".lock")):
        config = load_config(path)
        if config is None or name not in config["credentials"]["usernames"]:
            return False
        del config["credentials"]["usernames"][name]
        _save_config(config, path)
    return True


def authenticator_settings(path: Path | None = None) -> dict[str, Any] | None:
    """What streamlit-authenticator's `Authenticate` needs: a private copy of the credentials (it
    adds session flags to them in memory; the file is never written by the web app) and the
    cookie's name, key and expiry in days. None when no account exists yet."""
    config = load_config(path)
    if config is None or not config["credentials"]["usernames"]:
        return None
    cookie = config.get("cookie") or {}
    return {
        "credentials": copy.deepcopy(config["credentials"]),
        "cookie_name": str(cookie.get("name") or COOKIE_NAME),
        "cookie_key": str(cookie["key"]),
        "cookie_expiry_days": float(cookie.get("expiry_days") or SESSION_DAYS),
    }


def read_password(stdin: TextIO | None = None) -> str:
    """From a hidden prompt, typed twice, on a terminal; else the first line of stdin."""
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = getpass.getpass("Mật khẩu / Password: ")
        if getpass.getpass("Nhập lại / Repeat: ") != first:
            raise UserError("the two passwords differ")
        return first
    return stdin.readline().rstrip("\r\n")
