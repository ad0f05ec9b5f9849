"""The page Streamlit serves leaves as the dashboard's: its language, title, notice and the table of
Streamlit's own texts, checked against the bundle Streamlit ships."""

import re
from pathlib import Path

import pytest
import streamlit
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse, PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from server import DashboardPage, page_script, page_style, streamlit_texts
from server.page import LANG, TITLE, dashboard_page

STATIC = Path(streamlit.__file__).parent / "static"
BUNDLE = "\n".join(p.read_text(encoding="utf-8") for p in (STATIC / "static" / "js").glob("*.js"))
TABLE = streamlit_texts()


@pytest.mark.parametrize("english", sorted(TABLE["texts"]))
def test_each_english_text_is_still_in_streamlits_bundle(english):
    assert f"`{english}`" in BUNDLE or f'"{english}"' in BUNDLE, (
        f"Streamlit {streamlit.__version__} ya no tiene el texto «{english}»: "
        "revise server/streamlit_es.toml"
    )


@pytest.mark.parametrize("pattern", TABLE["patterns"], ids=lambda p: p["source"])
def test_each_pattern_still_finds_its_text_in_streamlits_bundle(pattern):
    assert pattern["probe"] in BUNDLE, f"Streamlit ya no escribe «{pattern['probe']}»"
    groups = re.compile(pattern["source"]).groups
    parts = re.findall(r"\{(\d)(?::(\w+))?\}", pattern["target"])
    assert {int(n) for n, _ in parts} <= set(range(1, groups + 1))
    assert {kind for _, kind in parts} <= {"", "month", "date"}  # the kinds translate.js knows


def test_every_icon_the_pages_use_has_a_spoken_spanish_name():
    assert "${n} icon`" in BUNDLE  # Streamlit still names an icon "<name> icon"
    root = Path(__file__).parents[1]
    used = {"add"}  # the uploader's own button
    for script in [root / "dashboard.py", *root.glob("pages/*.py"), *root.glob("ui/*.py")]:
        used |= set(re.findall(r":material/([a-z_]+):", script.read_text(encoding="utf-8")))
    assert used <= set(TABLE["icons"]), used - set(TABLE["icons"])


def test_no_spanish_text_is_itself_a_key_so_the_page_never_translates_twice():
    assert not set(TABLE["texts"].values()) & set(TABLE["texts"])


def test_the_page_declares_spanish_and_runs_the_translation_before_streamlit():
    page = dashboard_page((STATIC / "index.html").read_text(encoding="utf-8"))
    assert re.search(r'<html lang="es-CL">', page)
    assert f"<title>{TITLE}</title>" in page.replace("ó", "ó")
    assert "You need to enable JavaScript" not in page
    assert "necesita JavaScript" in page
    assert page.index(page_script()) < page.index('<script type="module"')


def test_the_accessibility_style_rides_in_the_page():
    page = dashboard_page((STATIC / "index.html").read_text(encoding="utf-8"))
    assert page_style() in page and page.index(page_style()) < page.index("</head>")


def test_the_script_holds_the_table_and_cannot_close_its_own_tag():
    script = page_script()
    assert "__TABLE__" not in script
    assert "</script" not in script.lower()
    assert LANG in script and "Quitar {1}" in script


def test_the_repairs_find_what_they_repair_in_streamlits_bundle():
    script = page_script()
    for test_id in re.findall(r'data-testid="(\w+)"', script):
        assert f"`{test_id}`" in BUNDLE, (
            f"Streamlit ya no dibuja {test_id}: revise server/accessibility.js"
        )
    assert {"stSidebarNavItems", "stNavSectionHeader", "stDateInput"} <= set(
        re.findall(r'data-testid="(\w+)"', script)
    )


def _app(gzip_it: bool) -> TestClient:
    index = STATIC / "index.html"
    routes = [
        Route("/", lambda request: FileResponse(index)),
        Route("/brechas", lambda request: FileResponse(index)),
        Route("/data.json", lambda request: PlainTextResponse("<html lang='en'>" + "x" * 600)),
    ]
    middleware = [Middleware(DashboardPage)]
    if gzip_it:
        middleware.append(Middleware(GZipMiddleware, minimum_size=100))
    return TestClient(Starlette(routes=routes, middleware=middleware))


@pytest.mark.parametrize("gzip_it", [False, True], ids=["plain", "gzip"])
def test_every_html_answer_is_rewritten_whole_with_its_length(gzip_it):
    client = _app(gzip_it)
    for path in ("/", "/brechas"):
        response = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert '<html lang="es-CL">' in response.text
        assert "etag" not in response.headers and "last-modified" not in response.headers
        if gzip_it:
            assert response.headers["content-encoding"] == "gzip"


def test_an_answer_that_is_not_html_passes_untouched():
    response = _app(False).get("/data.json")
    assert response.text.startswith("<html lang='en'>")


def test_a_head_request_gets_the_headers_and_no_body():
    response = _app(False).head("/")
    assert response.status_code == 200
    assert response.content == b""
