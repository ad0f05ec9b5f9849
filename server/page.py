"""The page Streamlit serves, made the dashboard's: `<html lang="es-CL">`, its title, Streamlit's own
texts in Spanish and the style that makes them readable by everyone."""

import gzip
import html
import json
import re
import tomllib
from functools import cache
from pathlib import Path

LANG = "es-CL"
TITLE = "Brechas de adopción digital municipal"
ATTRIBUTES = (
    "aria-label",
    "aria-valuetext",
    "aria-description",
    "title",
    "placeholder",
    "alt",
    "data-title",
)
"""The attributes a screen reader reads or a tooltip shows (plotly's toolbar draws `data-title`),
translated like the texts."""

NOSCRIPT = (
    "<noscript><p>Este tablero necesita JavaScript: actívelo en el navegador para verlo.</p>"
    "</noscript>"
)
HERE = Path(__file__).parent


@cache
def streamlit_texts() -> dict:
    """Streamlit's English texts and their Spanish, whole and by pattern (streamlit_es.toml)."""
    with (HERE / "streamlit_es.toml").open("rb") as table:
        return tomllib.load(table)


@cache
def page_script() -> str:
    """The script that sets the browser's language to the page's, puts Streamlit's texts in
    Spanish as they appear and repairs what its markup tells a screen reader."""
    table = streamlit_texts()
    data = {
        "lang": LANG,
        "attributes": list(ATTRIBUTES),
        "texts": table["texts"] | {f"{name} icon": said for name, said in table["icons"].items()},
        "patterns": [{"source": p["source"], "target": p["target"]} for p in table["patterns"]],
    }
    encoded = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    translate = (HERE / "translate.js").read_text(encoding="utf-8").replace("__TABLE__", encoded)
    return translate + (HERE / "accessibility.js").read_text(encoding="utf-8")


@cache
def page_style() -> str:
    """The CSS that fixes what Streamlit draws for people who read with low vision, a screen
    reader or only the keyboard (docs/accessibility.md)."""
    return (HERE / "accessibility.css").read_text(encoding="utf-8")


def dashboard_page(document: str) -> str:
    """Streamlit's index.html with the Spanish language, title and notice, the script that
    translates its texts running before Streamlit's own, and the accessibility style."""
    document = re.sub(r"<html\b[^>]*>", f'<html lang="{LANG}">', document, count=1)
    document = re.sub(
        r"<title>.*?</title>", f"<title>{html.escape(TITLE)}</title>", document, count=1, flags=re.S
    )
    document = re.sub(r"<noscript>.*?</noscript>", NOSCRIPT, document, count=1, flags=re.S)
    document = document.replace("<head>", f"<head>\n<script>{page_script()}</script>", 1)
    return document.replace("</head>", f"<style>{page_style()}</style>\n</head>", 1)


class DashboardPage:
    """ASGI middleware: every HTML page Streamlit serves leaves as the dashboard's (dashboard_page).

    Streamlit answers the root and every page's path with the same index.html; the validators
    of the file (ETag, Last-Modified) are dropped, since they describe the file, not the page."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        """Pass every request on; rewrite the body of an HTML answer."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: dict = {}
        body: list[bytes] = []

        async def rewrite(message):
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if message["status"] == 200 and headers.get(b"content-type", b"").startswith(
                    b"text/html"
                ):
                    held["start"] = message
                    return
            elif message["type"] == "http.response.body" and "start" in held:
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                await _send_rewritten(send, held["start"], b"".join(body))
                return
            await send(message)

        await self.app(scope, receive, rewrite)


async def _send_rewritten(send, start: dict, body: bytes) -> None:
    headers = [
        (name, value)
        for name, value in start.get("headers", [])
        if name not in (b"content-length", b"etag", b"last-modified")
    ]
    zipped = (b"content-encoding", b"gzip") in headers
    if body:  # a HEAD request has none
        page = dashboard_page((gzip.decompress(body) if zipped else body).decode("utf-8"))
        body = page.encode("utf-8")
        body = gzip.compress(body, mtime=0) if zipped else body
        headers.append((b"content-length", str(len(body)).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": body})
