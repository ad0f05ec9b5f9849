"""Every page used with the keyboard alone, in Chromium: the focus always visible, the tab order
skip link → pages → filters → content, and the main actions opened and chosen with keys.

The presentation's keys (→, ←, Inicio, Fin, Re Pág, Av Pág, espacio) are checked in
test_presentation_keys.py."""

import re

import pytest

from tests.browser.conftest import screenshot_path
from tests.browser.test_pages_in_browser import PAGES, open_page
from tests.browser.test_upload_batch import DROPZONE, XLSX
from tests.conftest import xlsx_bytes
from tests.pages.test_upload_pages import UNDATED

VIEWPORT = {"width": 1366, "height": 768}
NAVIGATION = [
    "Resumen", "Brechas", "Mapa", "Ficha comunal", "Evolución", "Acompañamiento",
    "Cargar planillas", "Historial de cargas", "Definiciones",
]  # fmt: skip
FILTERS = ["Regiones", "Plataformas", "Fecha de corte"]
MOST_TABS = 120

FOCUSED = """() => {
  let e = document.activeElement;
  if (!e || e === document.body) return null;
  // a table's grid holds the focus on a cell of its hidden table: the grid shows it
  const size = e.getBoundingClientRect();
  if (size.width * size.height === 0 && e.closest('[data-testid=stDataFrame] table')) {
    e = e.closest('[data-testid=stDataFrame]');
  }
  // a bar fading in is measured as shown
  document.getAnimations().filter((a) => a instanceof CSSTransition).forEach((a) => a.finish());
  const style = getComputedStyle(e);
  let opacity = 1;
  for (let a = e; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    opacity *= parseFloat(s.opacity);
    if (s.visibility === 'hidden' || s.display === 'none') opacity = 0;
  }
  const box = e.getBoundingClientRect();
  const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
  const shown = e.cloneNode(true);  // its words without the icons' ligature names
  shown.querySelectorAll('[aria-hidden=true]').forEach((icon) => icon.remove());
  const name = (e.getAttribute('aria-label') || label || shown.textContent || '').trim();
  return {
    name: name.replace(/\\s+/g, ' '),
    zone: e.closest('[data-testid=stSkipToContent]') ? 'salto'
      : e.closest('[data-testid=stSidebarNav]') ? 'páginas'
      : e.closest('[data-testid=stSidebarUserContent]') ? 'panel'
      : e.closest('[data-testid=stMain]') ? 'contenido' : 'otro',
    marked: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
      || style.boxShadow !== 'none',
    opacity,
    size: box.width * box.height,
  };
}"""
"""The element that has the focus: its name, the part of the page it is in, whether an outline or
a ring marks it, and whether it can be seen at all."""
IN_POPOVER = "() => !!document.activeElement.closest('[data-testid=stPopoverBody]')"


@pytest.fixture
def keys_page(tabs):
    """A page at 1366×768 driven by the keyboard alone."""
    return tabs.borrow(VIEWPORT)


def tab(page) -> dict | None:
    """Press Tab and say what has the focus."""
    page.keyboard.press("Tab")  # the focus moves as the key is handled: nothing to wait for
    return page.evaluate(FOCUSED)


def tab_to(page, name: str) -> dict:
    """Press Tab until an element whose name starts with `name` has the focus."""
    for _ in range(MOST_TABS):
        focused = tab(page)
        if focused and focused["name"].startswith(name):
            return focused
    raise AssertionError(f"ninguna tecla Tab llega a «{name}»")


def test_the_tab_order_is_skip_link_pages_filters_then_content(server, keys_page):
    open_page(keys_page, f"{server}/", chart=True)
    walk = [tab(keys_page) for _ in range(40)]
    walk = [f for f in walk if f]
    assert (walk[0]["zone"], walk[0]["name"]) == ("salto", "Ir al contenido principal")
    zones = [f["zone"] for f in walk]
    order = [z for i, z in enumerate(zones) if i == 0 or zones[i - 1] != z]
    assert order[:4] == ["salto", "páginas", "panel", "contenido"], order
    assert [f["name"] for f in walk if f["zone"] == "páginas"] == NAVIGATION
    inputs = [f["name"] for f in walk if f["zone"] == "panel" and f["name"] in FILTERS]
    assert inputs == FILTERS


@pytest.mark.parametrize(("path", "name", "chart"), PAGES, ids=[p[1] for p in PAGES])
def test_every_element_the_tab_key_reaches_shows_where_the_focus_is(
    server, keys_page, path, name, chart
):
    open_page(keys_page, f"{server}/{path}", chart)
    unmarked, first = [], None
    for _ in range(MOST_TABS):
        focused = tab(keys_page)
        if focused is None:
            continue
        if focused == first:
            break  # round the page once
        first = first or focused
        if not focused["marked"] or focused["opacity"] < 0.5 or focused["size"] == 0:
            unmarked.append(focused)
    assert unmarked == []


def test_a_table_cell_given_the_focus_is_shown_on_its_grid(server, keys_page):
    open_page(keys_page, f"{server}/brechas", chart=True)
    cell = keys_page.locator('[data-testid="stDataFrame"] table td').first
    cell.wait_for(state="attached", timeout=30_000)
    cell.evaluate("td => td.focus()")  # where the grid puts it when a key moves in its cells
    focused = keys_page.evaluate(FOCUSED)
    assert focused["zone"] == "contenido"
    assert focused["marked"] and focused["size"] > 0 and focused["opacity"] >= 0.5, focused


def test_the_skip_link_takes_the_focus_to_the_content(server, keys_page):
    open_page(keys_page, f"{server}/brechas", chart=True)
    assert tab(keys_page)["name"] == "Ir al contenido principal"
    keys_page.screenshot(path=str(screenshot_path("teclado_salto")))
    keys_page.keyboard.press("Enter")
    assert tab(keys_page)["zone"] == "contenido"


def test_the_sidebar_links_change_page_with_enter(server, keys_page):
    open_page(keys_page, f"{server}/", chart=True)
    tab_to(keys_page, "Evolución")
    keys_page.keyboard.press("Enter")
    keys_page.wait_for_url(re.compile(r"/evolucion"), timeout=30_000)
    heading = keys_page.locator('[data-testid="stMain"] h1').first
    heading.wait_for(timeout=30_000)
    assert heading.inner_text() == "Evolución"


def test_a_region_is_chosen_in_the_filter_with_keys(server, keys_page):
    open_page(keys_page, f"{server}/", chart=True)
    tab_to(keys_page, "Regiones")
    for _ in range(4):  # every region is chosen at first: remove them from the last
        keys_page.keyboard.press("Backspace")
    keys_page.keyboard.type("Los R")
    keys_page.keyboard.press("Enter")
    keys_page.keyboard.press("Escape")
    keys_page.wait_for_url(lambda url: url.endswith("region=Los+R%C3%ADos"), timeout=30_000)
    main = keys_page.locator('[data-testid="stMain"]')
    keys_page.wait_for_function(
        "() => { const text = document.querySelector('[data-testid=stMain]').innerText;"
        " return text.includes('Los Ríos') && !text.includes('Tarapacá'); }",
        timeout=30_000,
    )
    assert "Los Ríos" in main.inner_text()


def test_download_chart_opens_with_enter_and_its_buttons_take_the_focus(server, keys_page):
    open_page(keys_page, f"{server}/", chart=True)
    tab_to(keys_page, "Descargar gráfico")
    keys_page.keyboard.press("Enter")
    body = keys_page.locator('[data-testid="stPopoverBody"]')
    body.wait_for(timeout=30_000)
    # Streamlit draws the popover at the end of the page: Tab reaches it after the content
    for _ in range(MOST_TABS):
        focused = tab(keys_page)
        if keys_page.evaluate(IN_POPOVER):
            break
    assert keys_page.evaluate(IN_POPOVER), "Tab no llega a los botones de la ventana"
    assert focused["name"] == "PNG" and focused["marked"]
    keys_page.screenshot(path=str(screenshot_path("teclado_descargar_grafico")))
    keys_page.keyboard.press("Escape")
    body.wait_for(state="detached", timeout=30_000)


def test_see_as_table_opens_with_enter(server, keys_page):
    open_page(keys_page, f"{server}/evolucion", chart=True)
    tab_to(keys_page, "Ver como tabla")
    keys_page.keyboard.press("Enter")
    table = keys_page.locator('[data-testid="stExpanderDetails"] [data-testid="stTable"]')
    table.first.wait_for(timeout=30_000)
    assert table.first.is_visible()
    keys_page.screenshot(path=str(screenshot_path("teclado_ver_como_tabla")))


def test_enter_in_a_date_field_takes_the_typed_date_and_keeps_the_focus(server, keys_page):
    keys_page.goto(f"{server}/carga")
    keys_page.wait_for_selector(DROPZONE, state="attached", timeout=60_000)
    undated = xlsx_bytes({"Los Ríos": UNDATED})
    keys_page.locator(DROPZONE).set_input_files(
        files=[{"name": "sin_fecha.xlsx", "mimeType": XLSX, "buffer": undated}]
    )
    main = keys_page.locator('[data-testid="stMain"]')
    main.get_by_text("no se encontró la fecha de corte").first.wait_for(timeout=60_000)
    main.locator('[data-testid="stDateInput"] [role="spinbutton"][data-type="day"]').click()
    keys_page.keyboard.type("31102025")
    keys_page.keyboard.press("Enter")
    # the file is read again with the date typed, and the focus is still in the date field
    keys_page.wait_for_function(
        "() => !document.querySelector('[data-testid=stMain]').innerText"
        ".includes('no se encontró la fecha de corte')",
        timeout=60_000,
    )
    assert keys_page.evaluate("() => !!document.activeElement.closest('[data-testid=stDateInput]')")
