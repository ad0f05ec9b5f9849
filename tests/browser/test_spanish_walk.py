"""Every page and the presentation walked at 1366×768 in a browser set to English: every popover,
list, date picker and table toolbar opened, and no English word a person reads or hears."""

import re
from pathlib import Path

import openpyxl
import pytest

from harness.dashboard import ROOT, start_server
from harness.ports import free_port
from tests.browser.test_pages_in_browser import open_page

ENGLISH = (
    "Upload", "Drag and drop", "Browse", "per file", "files", "not allowed", "Choose", "option",
    "options", "No results", "Clear", "Remove", "Open", "Close", "Show", "hide", "Hide",
    "Download", "Search", "Fullscreen", "Sort", "ascending", "descending", "Pin", "Unpin",
    "column", "columns", "Autosize", "Skip to", "main content", "Collapse", "Expand", "sidebar",
    "Sidebar", "Help for", "Link to", "heading", "Running", "Stop", "Rerun", "Connection",
    "Connecting", "Please wait", "Streamlit", "arrow keys", "navigate", "Select", "select all",
    "month", "Previous", "Next", "January", "February", "March", "April", "June", "July",
    "August", "September", "October", "November", "December", "Monday", "Sunday", "plot",
    "Autoscale", "Reset", "Pan", "Box Select", "Lasso", "icon", "Loading", "retry", "Type to",
    "Result", "Copy", "Format", "Print", "Settings", "Deploy", "date", "Date", "upload", "App",
    "pages", "menu", "View", "more", "less",
)  # fmt: skip
"""Words of Streamlit's and plotly's English that no Spanish text of the dashboard contains."""

ENGLISH_WORDS = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")

READ = """() => {
  const hidden = (el) => el.closest('[aria-hidden="true"], [data-testid="stIconMaterial"], svg, style, script');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.trim();
    if (text && !hidden(n.parentElement)) out.push(text);
  }
  const names = ['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'data-title',
                 'aria-valuetext', 'aria-roledescription'];
  for (const el of document.querySelectorAll(names.map((n) => `[${n}]`).join(','))) {
    if (el.closest('[aria-hidden="true"]')) continue;
    for (const name of names) { const v = el.getAttribute(name); if (v) out.push(`${name}=${v}`); }
  }
  for (const el of document.querySelectorAll('body *:not(svg, svg *)')) {  // charts write no CSS text
    for (const part of ['::before', '::after']) {
      const content = getComputedStyle(el, part).content;
      if (content && content.startsWith('"') && content.length > 3) out.push(`${part}=${content}`);
    }
  }
  return {lang: document.documentElement.lang, title: document.title, texts: [...new Set(out)]};
}"""

PAGES = [
    ("", True),
    ("brechas", True),
    ("mapa", True),
    ("comuna?cut=09112", True),
    ("evolucion", True),
    ("acompanamiento", True),
    ("carga", False),
    ("historial", False),
    ("definiciones", False),
]


@pytest.fixture
def english_page(tabs):
    """A page at 1366×768 in a browser whose language is English: what the dashboard shows
    cannot lean on the visitor's settings."""
    return tabs.borrow({"width": 1366, "height": 768}, locale="en-US")


class Walk:
    """What a walk through one page read, and what it did to get there."""

    def __init__(self, page):
        self.page = page
        self.found: dict[str, str] = {}
        self.langs: set[str] = set()
        self.steps: list[str] = []

    def read(self, step: str) -> None:
        """Read everything on screen now, remembering the step that showed it."""
        self.page.wait_for_timeout(150)
        seen = self.page.evaluate(READ)
        self.langs.add(seen["lang"])
        self.steps.append(step)
        for text in [*seen["texts"], f"title={seen['title']}"]:
            self.found.setdefault(text, step)

    def each(self, selector: str, step: str, action, limit: int = 8) -> None:
        """Do an action on each element a selector finds (up to a limit), reading after it."""
        elements = self.page.locator(selector)
        for index in range(min(elements.count(), limit)):
            element = elements.nth(index)
            if not element.is_visible():
                continue
            element.scroll_into_view_if_needed()
            action(element)
            self.read(f"{step} {index + 1}")
            self.page.keyboard.press("Escape")
            self.page.wait_for_timeout(200)

    def english(self) -> list[str]:
        """Every text read that holds an English word, with the step that showed it."""
        return [
            f"{text!r} ({step})" for text, step in self.found.items() if ENGLISH_WORDS.search(text)
        ]


def _open_table_menus(walk: Walk) -> None:
    """The first table's toolbar (hovered, its buttons' tooltips and search) and its first
    column's menu: every table of the dashboard has the same ones."""
    page = walk.page
    tables = page.locator('[data-testid="stDataFrame"]')
    for index in range(min(tables.count(), 1)):
        table = tables.nth(index)
        if not table.is_visible():
            continue
        table.scroll_into_view_if_needed()
        table.hover()
        page.wait_for_timeout(300)
        container = page.locator('[data-testid="stElementContainer"]').filter(has=table).last
        buttons = container.locator('[data-testid="stElementToolbar"] button')
        for b in range(buttons.count()):
            buttons.nth(b).hover(force=True)
            walk.read(f"tabla {index + 1}, botón {b + 1} (sugerencia)")
        box = table.bounding_box()
        page.mouse.move(box["x"] + 60, box["y"] + 18)
        page.wait_for_timeout(300)
        page.mouse.click(box["x"] + 60, box["y"] + 18)
        walk.read(f"tabla {index + 1}, menú de columna")
        page.keyboard.press("Escape")
        if buttons.count():
            table.hover()
            buttons.first.click(force=True)
            walk.read(f"tabla {index + 1}, búsqueda")
            page.keyboard.press("Escape")


def walk_page(page, url: str, chart: bool) -> Walk:
    """Open a page and everything on it that opens, reading what shows at each step."""
    open_page(page, url, chart)
    page.set_default_timeout(10_000)
    walk = Walk(page)
    walk.read("página")
    page.keyboard.press("Tab")
    walk.read("primera tecla Tab")  # the skip link shows on focus
    # plotly's toolbar titles are read from their data-title, what its tooltips show
    walk.each('[data-testid="stPopover"] > div > button', "ventana", lambda b: b.click())
    walk.each('[data-testid="stExpander"] summary', "desplegable", lambda b: b.click())
    walk.each('[data-baseweb="select"]', "lista", lambda b: b.click())
    walk.each('[data-testid="stDateInput"] button', "calendario", lambda b: b.click())
    _open_table_menus(walk)
    page.locator('[data-testid="stSidebar"]').hover()
    walk.read("panel lateral con el puntero encima")
    return walk


def _report(name: str, walk: Walk) -> str:
    lines = [f"{name}: {len(walk.found)} textos leídos en {len(walk.steps)} pasos"]
    lines += [f"  inglés: {entry}" for entry in walk.english()]
    return "\n".join(lines)


def _check(name: str, walk: Walk) -> None:
    print(_report(name, walk))
    assert walk.langs == {"es-CL"}, f"{name}: idioma de la página {walk.langs}"
    assert walk.english() == [], _report(name, walk)


VARYING = [
    ("Remove DocDigital", "Quitar DocDigital"),
    ("Help for Fecha de corte", "Ayuda sobre Fecha de corte"),
    ("20MB per file", "Hasta 20 MB por archivo"),
    ("16.5KB", "16,5 KB"),
    ("informe.xlsx, 3.0B", "informe.xlsx, 3,0 B"),
    ("application/pdf files are not allowed.", "no se aceptan archivos application/pdf."),
    ("files are not allowed.", "no se acepta este tipo de archivo."),
    ("File must be 20.0MB or smaller.", "el archivo debe pesar 20,0 MB o menos."),
    ("Selected Date: September 30, 2025", "Fecha elegida: 30-09-2025"),
    ("09 – September", "09 – septiembre"),
    ("month, Fecha de corte", "mes, Fecha de corte"),
    ("Choose options", "Elija opciones"),
    ("Elija opciones", "Elija opciones"),
    ("DocDigital", "DocDigital"),
]
"""Texts as Streamlit writes them, and as a person must read them."""


def test_streamlits_texts_turn_spanish_as_they_appear_in_text_and_labels(server, english_page):
    open_page(english_page, f"{server}/definiciones", chart=False)
    shown = english_page.evaluate(
        """(examples) => new Promise((resolve) => {
          const box = document.createElement('div');
          document.body.append(box);
          for (const english of examples) {
            const line = document.createElement('p');
            line.textContent = english;
            line.setAttribute('aria-label', english);
            box.append(line);
          }
          setTimeout(() => resolve([...box.children].map(
            (line) => [line.textContent, line.getAttribute('aria-label')])), 200);
        })""",
        [english for english, _ in VARYING],
    )
    assert shown == [[spanish, spanish] for _, spanish in VARYING]


@pytest.mark.parametrize(("path", "chart"), PAGES, ids=[p[0] or "resumen" for p in PAGES])
def test_every_page_reads_in_spanish_to_the_last_word(server, english_page, path, chart):
    _check(path or "resumen", walk_page(english_page, f"{server}/{path}", chart))


def test_the_presentation_reads_in_spanish_on_every_slide(server, english_page):
    page = english_page
    open_page(page, f"{server}/?modo=presentacion&region=Los+R%C3%ADos", chart=True)
    page.set_default_timeout(10_000)
    walk = Walk(page)
    walk.read("diapositiva 1")
    walk.each('[data-testid="stPopover"] > div > button', "ventana", lambda b: b.click())
    walk.each('[data-baseweb="select"]', "lista", lambda b: b.click())
    for slide in range(2, 8):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(1500)
        walk.read(f"diapositiva {slide}")
    _check("presentación", walk)


def test_an_upload_reads_in_spanish_sizes_errors_and_calendar_included(
    server, english_page, tmp_path
):
    page = english_page
    walk = Walk(page)
    open_page(page, f"{server}/carga", chart=False)
    page.set_default_timeout(10_000)
    book = openpyxl.load_workbook(ROOT / "sample_data" / "tarapaca_mesa_2025-09.xlsx")
    book.properties.title = "Otra planilla"  # not the sample the server already holds
    tracker = tmp_path / "tarapaca_mesa_octubre.xlsx"
    book.save(tracker)
    page.locator('input[type="file"]').set_input_files([str(tracker), str(Path(__file__))])
    page.wait_for_selector('[data-testid="stDateInput"]', timeout=60_000)
    walk.read("carga de una planilla y de un archivo no aceptado")
    chips = page.locator('[data-testid="stFileChip"]').all_inner_texts()
    assert any(re.search(r"\d+,\d KB", chip) for chip in chips), chips
    walk.each('[data-testid="stDateInput"] button', "calendario", lambda b: b.click())
    page.locator('[data-testid="stDateInput"] button[aria-label="Elegir fecha"]').click()
    calendar = page.locator('[role="grid"]:visible').first
    calendar.wait_for(timeout=10_000)
    weekdays = calendar.locator("thead th").all_inner_texts()
    assert weekdays[0].strip().upper() == "L", f"la semana empieza en {weekdays}"
    dialog = page.locator('[role="dialog"]').last.inner_text()
    assert re.search(r"(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
                     r"noviembre|diciembre) de \d{4}", dialog), dialog  # fmt: skip
    page.keyboard.press("Escape")
    field = re.sub(r"\s+", "", page.locator('[data-testid="stDateInput"]').first.inner_text())
    assert re.search(r"\d{2}-\d{2}-\d{4}", field), f"la fecha se escribe {field!r}"
    _open_table_menus(walk)
    _check("carga", walk)


def test_a_lost_connection_is_explained_in_spanish(english_page, tmp_path):
    page = english_page
    port = free_port()
    process = start_server(tmp_path, port)
    try:
        open_page(page, f"http://127.0.0.1:{port}/definiciones", chart=False)
        process.terminate()
        process.wait(10)
        dialog = page.locator('[role="dialog"]')
        dialog.wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        walk = Walk(page)
        walk.read("servidor detenido")
        text = dialog.inner_text()
        assert "servidor del tablero no responde" in text, text
        _check("conexión perdida", walk)
    finally:
        if process.poll() is None:
            process.kill()
