"""What the first visitor needs, prepared when the server starts: the store, its history and the
default view's figures, in the same caches the pages read."""

import logging

from ui import figures, state

log = logging.getLogger(__name__)


def warm_up() -> None:
    """Open the store, read its history and draw Resumen's chart for the default selection, so
    the first page after a start costs what any later one does. A store that cannot be opened
    is left for the pages to explain in Spanish."""
    # Streamlit warns that this thread runs no script; here that is the point
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        store = state.get_store()
        rev = store.revision()
        state.history(rev)
        state.activities(rev)
        state.showing_samples(rev)
        figures.gap_bars(rev, state.default_selection(rev))
    except Exception:  # the page says what is wrong; starting must not fail on it
        log.exception("no se pudo preparar el tablero al arrancar")
    finally:
        quiet.setLevel(level)
