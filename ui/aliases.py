"""Comuna names taught per source: the form that teaches an upload's unknown names, and the list
of the names taught (with their retirement, for admins) on the history page."""

import pandas as pd
import streamlit as st

import views
from access.identity import Identity
from formats import DAY
from loaders.gazetteer import gazetteer
from loaders.rows.comunas import UnknownComuna
from loaders.suggest import comuna_candidates
from loaders.text import fold
from store import Prepared, Store, StoreError
from ui.state import get_settings, get_store

CHOOSE = "Elegir…"
NOT_A_COMUNA = "No es una comuna"
_DONE = "alias-hecho"  # session key of the message that survives the rerun after teaching
_PENDING = "alias-pendiente"  # session key of the alias an admin asked to retire


def teach_unknown_names(store: Store, prepared: Prepared, user: Identity, index: int) -> bool:
    """For each comuna name of the upload that no comuna was found for (in the user's regions),
    a choice among its region's comunas, likeliest first, or «No es una comuna»; saving teaches
    them for the upload's source. True when something was taught: the page then reads the
    file again (the store's revision changed)."""
    done = st.session_state.pop(f"{_DONE}-{index}", None)
    if done:
        st.success(done)
    result = prepared.result
    names = [u for u in result.unknown_comunas if _yours(u, user)]
    if not names:
        return False
    source = result.source
    st.markdown("**Comunas desconocidas**")
    st.caption(
        f"Elija qué comuna quiso decir cada nombre, o «{NOT_A_COMUNA}» para que sus filas se "
        f"omitan. Queda guardado para la fuente {views.escape_markdown(source)}: esta planilla y "
        "las siguientes de esa fuente se leerán así (un administrador puede retirarlo)."
    )
    chosen: dict[str, str] = {}
    with st.form(f"alias-{index}"):
        for unknown in names:
            labels = _options(unknown, user)
            chosen[unknown.name] = st.selectbox(
                views.escape_markdown(
                    f"«{unknown.name}» (hoja {unknown.sheet}, celda {unknown.cell})"
                ),
                list(labels),
                format_func=labels.get,
                key=f"alias-{index}-{fold(unknown.name)}",
            )
        submitted = st.form_submit_button("Guardar correspondencias")
    if not submitted:
        return False
    picked = {name: choice for name, choice in chosen.items() if choice != CHOOSE}
    if not picked:
        st.warning(f"Elija una comuna, o «{NOT_A_COMUNA}», para al menos un nombre.")
        return False
    refused = []
    for name, choice in picked.items():
        try:
            store.teach_alias(source, name, None if choice == NOT_A_COMUNA else choice, user)
        except StoreError as exc:
            refused.append(str(exc))
    for message in refused:
        st.error(views.escape_markdown(message))
    if refused:
        return False
    taught = len(picked)
    st.session_state[f"{_DONE}-{index}"] = (
        f"{taught} {'correspondencia guardada' if taught == 1 else 'correspondencias guardadas'} "
        f"para la fuente {views.escape_markdown(source)}; la planilla se leyó de nuevo con ellas."
    )
    return True


def _yours(unknown: UnknownComuna, user: Identity) -> bool:
    """Whether the user may teach a name: one of a sheet of their regions, or of no region."""
    if unknown.region_code is None:
        return user.can_upload
    return user.is_admin or user.may_write(unknown.region_code)


def _options(unknown: UnknownComuna, user: Identity) -> dict[str, str]:
    """Option -> label: «Elegir…», the comunas the name may be (of its sheet's region, else of
    the user's regions), likeliest first, and «No es una comuna»."""
    found = comuna_candidates(unknown.name, unknown.region_code)
    if unknown.region_code is None and not user.is_admin and user.regions is not None:
        found = [c for c in found if c[0][:2] in user.regions]
    labels = {CHOOSE: CHOOSE}
    places = gazetteer()
    for code, name, _ in found:
        where = f", {places.region_name(code[:2])}" if unknown.region_code is None else ""
        labels[code] = f"{name} ({code}{where})"
    labels[NOT_A_COMUNA] = NOT_A_COMUNA
    return labels


@st.cache_data(max_entries=4, show_spinner=False)
def alias_table(rev: int) -> pd.DataFrame:
    """Every comuna alias at this revision."""
    return get_store().alias_table()


def aliases_shown(aliases: pd.DataFrame) -> pd.DataFrame:
    """The aliases as people read them: source, name, comuna, who taught it, when, its state."""
    zone = get_settings().time_zone
    meant = aliases["comuna"] + " (" + aliases["comuna_code"] + ")"
    return pd.DataFrame(
        {
            "N.º": aliases["id"],
            "Fuente": aliases["source"],
            "Nombre en la planilla": aliases["name"],
            "Comuna": meant.where(aliases["comuna_code"].notna(), NOT_A_COMUNA),
            "Enseñada por": aliases["created_by"],
            "Fecha": aliases["created_at"].dt.tz_convert(zone).dt.strftime(f"{DAY} %H:%M"),
            "Estado": aliases["active"].map({True: "Activa", False: "Retirada"}),
        }
    )


def show_aliases(store: Store, rev: int, user: Identity) -> None:
    """The comuna names taught per source, and for an admin, retiring one after confirming."""
    st.header("Correspondencias de comunas", anchor=False)
    aliases = alias_table(rev)
    if aliases.empty:
        st.caption(
            "Todavía no se ha enseñado ningún nombre de comuna: se hace al cargar una planilla "
            "que nombra una comuna desconocida."
        )
        return
    st.caption(
        "Nombres de comunas que una planilla escribe a su manera, enseñados al cargarla: las "
        "planillas de esa fuente se leen con ellos."
    )
    st.dataframe(aliases_shown(aliases), hide_index=True, key="alias-tabla")
    active = aliases[aliases["active"]]
    if not user.is_admin or active.empty:
        return
    names = dict(zip(active["id"], active["name"], strict=True))
    chosen = st.selectbox(
        "Correspondencia",
        list(names),
        format_func=lambda i: f"n.º {i} · «{names[i]}»",
        key="alias",
    )
    if st.session_state.get(_PENDING) != chosen:
        if st.button(f"Retirar la correspondencia n.º {chosen}", key="alias-accion"):
            st.session_state[_PENDING] = chosen
            st.rerun()
        return
    st.warning(
        f"¿Confirma retirar la correspondencia n.º {chosen}? Las próximas planillas de su fuente "
        "volverán a tener ese nombre como comuna desconocida (lo ya guardado no cambia)."
    )
    confirm, cancel = st.columns(2)
    if confirm.button("Sí, retirar", type="primary", key="alias-confirmar"):
        try:
            store.retire_alias(chosen, user)
        except StoreError as exc:
            st.error(views.escape_markdown(str(exc)))
        else:
            st.session_state.pop(_PENDING, None)
            st.rerun()
    if cancel.button("Cancelar", key="alias-cancelar"):
        st.session_state.pop(_PENDING, None)
        st.rerun()
