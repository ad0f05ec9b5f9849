"""The presenter's remote: the keys a clicker sends, the full-screen button and the screen's size.

Streamlit has no key events, so a small component (st.components.v2: no iframe, no network)
listens on the page and hands each key to the script as a trigger; the script moves the slide,
as the Anterior and Siguiente buttons do."""

import streamlit as st

# what a clicker or a keyboard sends (KeyboardEvent.key) and the move it asks for
KEYS = {
    "ArrowRight": "siguiente",
    "PageDown": "siguiente",
    " ": "siguiente",
    "ArrowLeft": "anterior",
    "PageUp": "anterior",
    "Home": "primera",
    "End": "ultima",
}
ENTER_FULL_SCREEN = "Pantalla completa"
LEAVE_FULL_SCREEN = "Salir de pantalla completa"

_HTML = """
<button type="button" class="pantalla">
  <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"/></svg>
</button>
"""
_CSS = """
.pantalla { display: inline-flex; align-items: center; justify-content: center; height: 2.6rem;
  width: 2.9rem; border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
  background: white; color: #1b2733; cursor: pointer; padding: 0; }
.pantalla:hover { border-color: #243a94; color: #243a94; }
.pantalla svg { width: 1.4rem; height: 1.4rem; fill: none; stroke: currentColor; stroke-width: 2; }
"""
# keys typed into a field are the field's; a key held down moves one slide, not twenty; the
# focused button is let go so the space bar does not also press it
_JS = """
export default function ({ parentElement, data, setTriggerValue, setStateValue }) {
  const typing = (el) =>
    el instanceof HTMLElement &&
    (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName));
  const onKey = (event) => {
    const move = data.keys[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    event.preventDefault();
    if (event.target instanceof HTMLElement && event.target.closest("button")) event.target.blur();
    if (!event.repeat) setTriggerValue("tecla", move);
  };
  const button = parentElement.querySelector("button");
  const label = () => {
    const text = document.fullscreenElement ? data.leave : data.enter;
    button.setAttribute("aria-label", text);
    button.title = text;
  };
  button.onclick = () =>
    document.fullscreenElement
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen();
  let timer;
  const report = () => {
    const size = `${window.innerWidth}x${window.innerHeight}`;
    if (size !== data.screen) setStateValue("pantalla", size);
  };
  const onResize = () => {
    clearTimeout(timer);
    timer = setTimeout(report, 250);
  };
  document.addEventListener("keydown", onKey);
  document.addEventListener("fullscreenchange", label);
  window.addEventListener("resize", onResize);
  label();
  report();
  return () => {
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("fullscreenchange", label);
    window.removeEventListener("resize", onResize);
    clearTimeout(timer);
  };
}
"""
_REMOTE = st.components.v2.component("presentacion_mando", html=_HTML, css=_CSS, js=_JS)


def remote(screen: str | None) -> tuple[str | None, str | None]:
    """Draw the full-screen button and listen for the presenter's keys: the move a key asked for
    on this run ("siguiente", "anterior", "primera", "ultima" or None) and the screen's size as
    "1920x1080" (None until the browser has said it; `screen` is the size the page last used)."""
    result = _REMOTE(
        key="mando",
        data={
            "keys": KEYS,
            "enter": ENTER_FULL_SCREEN,
            "leave": LEAVE_FULL_SCREEN,
            "screen": screen,
        },
        width="content",
        on_tecla_change=lambda: None,
        on_pantalla_change=lambda: None,
    )
    return result.get("tecla"), result.get("pantalla")
