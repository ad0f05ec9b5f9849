"""kaleido's browser in a thread of its own, answering as soon as an image is drawn."""

import asyncio
import logging
import threading
from collections.abc import Coroutine, Sequence

import kaleido

log = logging.getLogger(__name__)

RELOAD_EVERY = 25
ANSWER_TIMEOUT_S = 120  # kaleido gives up on an image after 90 s; this guards the rest (a lost tab)
CLOSE_TIMEOUT_S = 10


class _Kaleido(kaleido.Kaleido):
    """kaleido's browser, keeping its pages warm. kaleido reloads a tab after every image, so that
    each starts on a clean page, and waits for it: plotly.js loaded and compiled again, then run
    cold, cost a chart's PNG 0.6 s of its 1.6 s. plotly's toImage draws in a page of its own and
    removes it, so here a tab is reloaded only every RELOAD_EVERY images (what a page keeps stays
    bounded), after the image is handed back; meanwhile the next image takes another tab."""

    def __init__(self, tabs: int) -> None:
        # no MathJax: no chart writes formulas, and its page would ask the internet for it
        super().__init__(n=tabs, mathjax=False)
        self.reloads: set[asyncio.Future] = set()
        self.drawn = 0

    async def _return_kaleido_tab(self, tab) -> None:
        self.drawn += 1
        if self.drawn % RELOAD_EVERY:
            await self.tabs_ready.put(tab)
            return
        reload = asyncio.ensure_future(super()._return_kaleido_tab(tab))
        self.reloads.add(reload)
        reload.add_done_callback(self.reloads.discard)
        reload.add_done_callback(_said_if_failed)

    async def close(self) -> None:
        """Stop the reloads still running, then close the browser."""
        for reload in list(self.reloads):
            reload.cancel()
        await super().close()


def _said_if_failed(reload: asyncio.Future) -> None:
    if not reload.cancelled() and reload.exception() is not None:
        # the tab is not handed back: the next images use the others, or time out and restart
        log.warning(
            "una pestaña del navegador de imágenes no se pudo recargar: %r", reload.exception()
        )


class Browser:
    """One kaleido browser with `tabs` tabs, on an event loop in a thread, for synchronous code.
    Starting raises kaleido's ChromeNotFoundError when there is no Chromium."""

    def __init__(self, tabs: int) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="imagenes", daemon=True)
        self._thread.start()
        try:
            self._kaleido = self._call(self._open(tabs), ANSWER_TIMEOUT_S)
        except BaseException:
            self._end_loop()
            raise

    @staticmethod
    async def _open(tabs: int) -> _Kaleido:
        browser = _Kaleido(tabs)
        await browser.open()
        return browser

    def _call(self, coroutine: Coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def calc_fig(self, figure, opts: dict, topojson: str) -> bytes:
        """The figure drawn as opts say (format, width, height, scale)."""
        return self._call(
            self._kaleido.calc_fig(figure, opts=opts, topojson=topojson), ANSWER_TIMEOUT_S
        )

    def write_fig_from_object(self, jobs: Sequence[dict]) -> None:
        """Each job's figure drawn into its path, on the tabs at once; the first failure stops all."""
        self._call(
            self._kaleido.write_fig_from_object(jobs, cancel_on_error=True),
            ANSWER_TIMEOUT_S * max(1, len(jobs)),
        )

    @property
    def drawn(self) -> int:
        """How many images this browser has drawn."""
        return self._kaleido.drawn

    def close(self) -> None:
        """Close the browser and end its thread; a browser that will not close is left to exit."""
        try:
            self._call(self._kaleido.close(), CLOSE_TIMEOUT_S)
        except Exception:  # closing after a failure: whatever is left goes with the process
            log.warning("el navegador de imágenes no se cerró limpiamente", exc_info=True)
        finally:
            self._end_loop()

    def _end_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(CLOSE_TIMEOUT_S)
        if not self._thread.is_alive():
            self._loop.close()
