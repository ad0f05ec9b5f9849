"""Who is using the dashboard: OpenID Connect (st.login), a local account, or the local user."""

import streamlit as st

import access
import views
from access.identity import NOBODY, Identity
from store import accounts
from ui.state import get_settings, get_store

LOCAL = Identity("usuario local", "admin", None, "localhost")
LOOPBACK = ("localhost", "127.0.0.1", "::1")
LOCAL_MODE_NOTICE = (
    "Modo local sin autenticación: quien use este computador puede cargar planillas."
)


@st.cache_resource(ttl=60)
def access_config() -> access.AccessConfig:
    """The roles file, read again at most once a minute so that edits take effect."""
    return access.load_access(get_settings().access_file)


def access_or_stop() -> access.AccessConfig:
    """The roles file, or a Spanish message naming what is wrong in it and a stopped page."""
    try:
        return access_config()
    except access.AccessConfigError as exc:
        st.error(f"No se pudo leer la configuración de acceso: {views.escape_markdown(exc)}")
        st.stop()


def provider_configured() -> bool:
    """Whether an OpenID Connect provider is configured in the secrets' [auth] section."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def listening_locally() -> bool:
    """Whether the server listens only on this machine (server.address is a loopback)."""
    return (st.get_option("server.address") or "") in LOOPBACK


@st.cache_data(ttl=30, show_spinner=False)
def has_accounts(rev: int) -> bool:
    """Whether any local account exists, at this revision."""
    return accounts.has_accounts(get_store().engine)


def local_mode(rev: int) -> bool:
    """No identity provider, no local accounts, and a server only this machine can reach."""
    return not provider_configured() and not has_accounts(rev) and listening_locally()


def current_user(rev: int) -> Identity:
    """The identity of whoever uses this session."""
    if provider_configured() and st.user.is_logged_in:
        groups = st.user.get("groups") or []
        return access_config().identity_for(
            st.user.get("name") or st.user.get("email") or "sin nombre",
            st.user.get("email") or st.user.get("sub"),  # ClaveÚnica gives the RUN, no e-mail
            groups if isinstance(groups, list) else [str(groups)],
            "oidc",
        )
    if "identidad" in st.session_state:
        return st.session_state["identidad"]
    return LOCAL if local_mode(rev) else NOBODY


def _local_login(rev: int) -> None:
    """A user name and password checked against the local accounts, with lockout."""
    config = access_config()
    with st.sidebar.form("ingreso-local", clear_on_submit=True):
        username = st.text_input("Usuario")
        password = st.text_input("Clave", type="password")
        if st.form_submit_button("Ingresar con cuenta local"):
            store = get_store()
            try:
                st.session_state["identidad"] = accounts.authenticate(
                    store.engine,
                    username,
                    password,
                    attempts=config.attempts,
                    lock_minutes=config.lock_minutes,
                )
            except access.LoginRefused as exc:
                store.log_event(username or "(sin usuario)", "ingreso fallido", str(exc))
                st.error(str(exc))
            else:
                st.rerun()


def sidebar_login(rev: int) -> Identity:
    """The session box of the sidebar: who is in and a way out, or the ways in."""
    user = current_user(rev)
    if user.via == "localhost":
        st.sidebar.caption(f"Sesión: {user.describe()}, sin autenticación")
        return user
    if user.via in ("oidc", "local"):
        st.sidebar.caption(f"Sesión: {views.escape_markdown(user.describe())}")
        if st.sidebar.button("Salir", key="cerrar-sesion"):
            st.session_state.pop("identidad", None)
            if user.via == "oidc":
                st.logout()  # sends the browser to the provider's logout; a rerun would drop that
                st.stop()
            st.rerun()
        return user
    if provider_configured():
        st.sidebar.button("Ingresar", key="ingresar", type="primary", on_click=st.login)
    if has_accounts(rev):
        _local_login(rev)
    return user
