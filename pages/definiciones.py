"""Definiciones: what each stage and measure of the dashboard means, where the data comes from
and the official comuna layer; the pages link to each heading by its anchor."""

import streamlit as st

import glossary
from ui import state

TERMS = glossary.TERMS


def heading(key: str) -> None:
    """A term's heading with its anchor, so /definiciones#anchor opens scrolled to it."""
    st.header(TERMS[key].title, anchor=TERMS[key].anchor)


store, rev = state.store_or_stop()
st.title("Definiciones", anchor=False)
st.caption("Qué significa cada etapa y cada medida del tablero, y de dónde vienen los datos.")

heading("etapas")
st.markdown(
    "Cada celda de una planilla de seguimiento dice en qué etapa está una comuna con una "
    "plataforma. Las cuatro primeras forman una **escala ordenada**; las demás quedan fuera de "
    "ella y no cuentan en los porcentajes ni en el índice de adopción."
)
st.table(glossary.stage_table(), hide_index=True)  # static: the meanings wrap, never cut

heading("habilitada_o_mas")
st.markdown(
    f"{TERMS['habilitada_o_mas'].short} Es el círculo del gráfico de Resumen; el rombo es la "
    "parte **en uso**. Ambos se calculan sobre las comunas con una etapa de la escala para esa "
    "plataforma."
)

heading("brecha_uso")
st.markdown(
    f"{TERMS['brecha_uso'].short} Es la diferencia entre «habilitada o más» y «en uso»: el largo "
    "de la barra entre el círculo y el rombo en Resumen. Una comuna con la plataforma habilitada "
    "pero sin uso es la que más rápido puede avanzar: ya tiene lo técnico resuelto."
)

heading("brecha_habilitacion")
st.markdown(
    f"{TERMS['brecha_habilitacion'].short} Junto con «habilitada o más» suma el 100 % de las "
    "comunas en la escala."
)

heading("indice")
st.markdown(
    f"{TERMS['indice'].short} Cada etapa de la escala vale sus puntos (columna «Puntos en el "
    "índice» de la tabla de etapas) y el índice de la comuna es el promedio entre sus "
    "plataformas. Por ejemplo, una comuna con dos plataformas en uso, una habilitada y dos sin "
    "iniciar tiene (100 + 100 + 66,7 + 0 + 0) / 5 = 53,3. Lo usan el mapa y la tabla de comunas "
    "prioritarias."
)

heading("comunas_con_datos")
st.markdown(
    "Los recuadros de Resumen dicen cuántas comunas de cada región tienen **algún dato** en la "
    "selección («32 de 32»: todas las comunas oficiales de la región). Los porcentajes y la frase "
    "de Resumen cuentan, para cada plataforma, solo las comunas con una **etapa de la escala**: "
    "una comuna con «Solución alternativa», «No aplica» o «Sin información» en esa plataforma, o "
    "sin dato de ella, queda fuera. Por eso la frase puede decir «27 de 31 comunas con dato en "
    "la escala» en una región cuyo recuadro dice «32 de 32»; bajo la frase se explica la "
    "diferencia."
)

heading("corte")
st.markdown(
    "Cada planilla trae su **fecha de corte**: el día al que describe el estado de las comunas "
    "(escrita en la planilla o dada al cargarla). El **estado a una fecha de corte** toma, para "
    "cada comuna y plataforma, el **último dato a esa fecha**: el de la planilla más reciente "
    "cuya fecha de corte no es posterior a la elegida. Si una región no se midió en esa fecha, "
    "cuenta su dato anterior. Sin fecha elegida, el tablero muestra el estado actual: el último "
    "dato de todas las planillas activas. La fecha de corte se elige en el panel lateral."
)

heading("fuentes")
st.markdown(
    f"{TERMS['fuentes'].short} Cada dato guarda el archivo, la hoja y la celda de donde viene "
    "(se ven en la ficha comunal); las cargas se revisan y retiran en «Historial de cargas»."
)
sources = state.sources(rev)
if sources.empty:
    st.caption("Todavía no hay planillas cargadas.")
else:
    st.dataframe(sources, hide_index=True)
if state.showing_samples(rev):
    st.caption("Las fuentes de arriba son de los datos de ejemplo ficticios.")

heading("capa_comunal")
st.markdown(glossary.comuna_layer())
