"""What the first visitor needs, prepared when the server starts: the store, its history and the
default view's figures, in the same caches the pages read; the image browser once the first
page is out."""

import logging
import threading
import time

import images
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


FIRST_PAGE_WAIT_S = 60.0
"""How long the image browser waits for a first visitor before starting anyway."""
QUIET_S = 5.0
QUIET_CPU_S = 0.5
"""The server counts as quiet when it used under QUIET_CPU_S of processor in the last QUIET_S."""
_first_page = threading.Event()


def page_served() -> None:
    """Say that a page's script has run: the image browser may start once the server is quiet."""
    _first_page.set()


def images_when_quiet() -> None:
    """Start the browser that draws images after the first page is out (or a minute without
    visitors) and the server is quiet: Chromium's start takes a processor and the interpreter for
    seconds, which would otherwise fall on the first visitor's page."""
    _first_page.wait(FIRST_PAGE_WAIT_S)
    used = time.process_time()
    while True:
        time.sleep(QUIET_S)
        now = time.process_time()
        if now - used < QUIET_CPU_S:
            break
        used = now
    images.warm()
