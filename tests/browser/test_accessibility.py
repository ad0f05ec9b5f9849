"""axe-core in Chromium on every page, every popover and open table, and every slide: nothing
critical or serious but what Streamlit itself draws, and that listed in docs/accessibility.md."""

import re
from dataclasses import dataclass

import pytest

from harness.dashboard import ROOT
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_pages_in_browser import PAGES
from tests.browser.test_presentation_keys import REGION, settled

DOC = ROOT / "docs" / "accessibility.md"
KNOWN_SECTION = "## Lo que axe encuentra en lo que dibuja Streamlit"


def known_findings() -> list[dict[str, str]]:
    """The table of Streamlit's findings in docs/accessibility.md: each row's rule and the part of
    the page (a CSS selector) it occurs in."""
    section = DOC.read_text(encoding="utf-8").split(KNOWN_SECTION, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    known = []
    for row in rows:
        rule, inside = re.findall(r"`([^`]+)`", row)[:2]
        known.append({"rule": rule, "inside": inside})
    return known


KNOWN = known_findings()
SUMMARY = SCREENSHOTS / "axe_resumen.txt"
SERIOUS = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")
VIEWPORT = {"width": 1366, "height": 768}
SLIDES = 6
PRESENTATION = "presentacion"

CHARTS_DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .every((plot) => plot.querySelector('.main-svg'))"""

WHICH_KNOWN = """([nodes, known]) => nodes.map(([rule, selector]) => {
  const element = document.querySelector(selector);
  if (!element) return -1;
  return known.findIndex(([r, inside]) => r === rule && element.closest(inside));
})"""
"""For each node axe reported (its rule and CSS selector), the index of the known finding whose
rule it breaks inside the part of the page that finding names, or -1."""


@dataclass(frozen=True)
class Finding:
    """One element breaking one axe rule in one view of the dashboard."""

    view: str
    rule: str
    impact: str
    help: str
    target: str
    html: str
    known: int  # its row in KNOWN, -1 when the project's own

    def line(self) -> str:
        """The finding as a report line."""
        return (
            f"{self.view}: {self.rule} ({self.impact}) {self.help} en {self.target} — {self.html}"
        )


class Audit:
    """axe-core run on views of the dashboard, each once per test session, with what it found."""

    def __init__(self, tabs, server: str):
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.tabs = tabs
        self.server = server
        self.findings: dict[str, dict[str, list[Finding]]] = {}  # page -> view -> findings

    def version(self) -> str:
        """The axe-core version the audit runs."""
        return self.axe.axe_script.split("axe v", 1)[1].split()[0]

    def run(self, page, group: str, view: str) -> None:
        """Audit what the page shows now as one view of a group (a page or the presentation)."""
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        page.wait_for_timeout(300)  # popovers and expanders open with a short animation
        result = self.axe.run(page).response
        nodes = [(v, n) for v in result["violations"] for n in v["nodes"]]
        selectors = [[v["id"], n["target"][-1]] for v, n in nodes]
        known = [[k["rule"], k["inside"]] for k in KNOWN]
        matches = page.evaluate(WHICH_KNOWN, [selectors, known]) if nodes else []
        self.findings.setdefault(group, {})[view] = [
            Finding(view, v["id"], v["impact"], v["help"], str(n["target"][-1]), n["html"][:160], i)
            for (v, n), i in zip(nodes, matches, strict=True)
        ]
        self.write_summary()

    def page(self, path: str, chart: bool) -> dict[str, list[Finding]]:
        """A page's findings as loaded, with each of its popovers open and its expanders open."""
        group = path.split("?")[0] or "resumen"
        if group in self.findings:
            return self.findings[group]
        page = self.tabs.borrow(VIEWPORT)
        page.goto(f"{self.server}/{path}")
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
        if chart:
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=60_000)
        self.run(page, group, group)
        # the sidebar's popovers are the same on every page: audited on the first one
        where = "" if group == "resumen" else '[data-testid="stMain"] '
        self.popovers(page, group, where)
        expanders = page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary')
        if expanders.count():
            for index in range(expanders.count()):
                expanders.nth(index).scroll_into_view_if_needed()
                expanders.nth(index).click()
            page.locator('[data-testid="stExpanderDetails"]').last.wait_for(timeout=30_000)
            self.run(page, group, f"{group}, desplegables abiertos")
        return self.findings[group]

    def popovers(self, page, group: str, where: str) -> None:
        """Audit the page with each of its popovers open, one at a time."""
        buttons = page.locator(f'{where}[data-testid="stPopover"] button')
        for index in range(buttons.count()):
            button = buttons.nth(index)
            name = button.locator('[data-testid="stMarkdownContainer"]').inner_text().strip()
            button.scroll_into_view_if_needed()
            button.click()
            page.locator('[data-testid="stPopoverBody"]').first.wait_for(timeout=30_000)
            self.run(page, group, f"{group}, ventana «{name}» {index + 1}")
            page.keyboard.press("Escape")
            page.locator('[data-testid="stPopoverBody"]').first.wait_for(
                state="detached", timeout=30_000
            )

    def presentation(self) -> dict[str, list[Finding]]:
        """Each slide of Los Ríos, and the «Diapositivas» popover, audited."""
        if PRESENTATION in self.findings:
            return self.findings[PRESENTATION]
        page = self.tabs.borrow(VIEWPORT)
        page.goto(f"{self.server}/?modo=presentacion&region={REGION}")
        settled(page, f"1 / {SLIDES}")
        self.popovers(page, PRESENTATION, "")
        for number in range(1, SLIDES + 1):
            if number > 1:
                page.keyboard.press("ArrowRight")
                settled(page, f"{number} / {SLIDES}")
            self.run(page, PRESENTATION, f"diapositiva {number}")
        return self.findings[PRESENTATION]

    def write_summary(self) -> None:
        """Write screenshots/axe_resumen.txt: per view, violations by impact, and the known ones."""
        lines = [f"axe-core {self.version()}, {VIEWPORT['width']}×{VIEWPORT['height']}", ""]
        for views in self.findings.values():
            for view, findings in views.items():
                counts = {i: sum(f.impact == i for f in findings) for i in IMPACTS}
                known = sorted({KNOWN[f.known]["rule"] for f in findings if f.known >= 0})
                lines.append(
                    f"{view}: "
                    + ", ".join(f"{i} {n}" for i, n in counts.items())
                    + (f"; de Streamlit, en la lista: {', '.join(known)}" if known else "")
                )
                lines += [f"    propia: {f.line()}" for f in findings if f.known < 0]
        SUMMARY.parent.mkdir(exist_ok=True)
        SUMMARY.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def audit(tabs, server):
    """The audit of this module's views, shared by its tests; its summary printed at the end."""
    done = Audit(tabs, server)
    yield done
    if SUMMARY.exists():
        print(SUMMARY.read_text(encoding="utf-8"))


def own_serious(views: dict[str, list[Finding]]) -> list[str]:
    """The critical and serious findings that are not Streamlit's listed ones."""
    return [f.line() for fs in views.values() for f in fs if f.impact in SERIOUS and f.known < 0]


@pytest.mark.parametrize(("path", "name", "chart"), PAGES, ids=[p[1] for p in PAGES])
def test_no_page_has_a_serious_violation_of_its_own(audit, path, name, chart):
    found = own_serious(audit.page(path, chart))
    assert found == [], "\n".join(found)


def test_no_slide_has_a_serious_violation_of_its_own(audit):
    found = own_serious(audit.presentation())
    assert found == [], "\n".join(found)


def test_every_listed_streamlit_violation_still_occurs(audit):
    for path, _, chart in PAGES:
        audit.page(path, chart)
    audit.presentation()
    seen = {f.known for views in audit.findings.values() for fs in views.values() for f in fs}
    gone = [f"{k['rule']} en {k['inside']}" for i, k in enumerate(KNOWN) if i not in seen]
    assert gone == [], f"ya no ocurren; quítelos de docs/accessibility.md: {gone}"


def test_the_sidebar_pages_are_read_as_one_list_per_section(tabs, server):
    page = tabs.borrow(VIEWPORT)
    page.goto(f"{server}/brechas")
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.locator('[role="list"]').first.wait_for(timeout=60_000)
    tree = nav.aria_snapshot()
    assert tree.startswith('- navigation "Páginas del tablero"'), tree
    sections = re.findall(r'^  - list "([^"]+)":$', tree, flags=re.M)
    assert sections == ["Tablero", "Datos", "Ayuda"], tree
    # each page is an item of its section's list, reached by its link
    assert len(re.findall(r"^    - listitem:$", tree, flags=re.M)) == len(PAGES), tree
    assert 'link "Brechas"' in tree
