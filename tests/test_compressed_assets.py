"""Streamlit's bundles leave compressed: brotli or gzip as the browser accepts, from the install's
folder or gzipped on first use; anything else passes on untouched."""

import gzip

import brotli
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from server import CompressedAssets
from server.compressed import precompress

BUNDLE = b"export const saludo = 'hola';\n" * 400


@pytest.fixture
def static(tmp_path):
    """A static folder shaped like Streamlit's: index.html beside static/js and static/media."""
    root = tmp_path / "static"
    (root / "static" / "js").mkdir(parents=True)
    (root / "static" / "media").mkdir()
    (root / "index.html").write_text("<html></html>")
    (root / "static" / "js" / "index.abc123.js").write_bytes(BUNDLE)
    (root / "static" / "media" / "font.woff2").write_bytes(b"\x00" * 2000)
    return root


def client(static, cache_dir, base: str = "") -> TestClient:
    def streamlit(request):
        return PlainTextResponse(f"Streamlit: {request.url.path}")

    middleware = [
        Middleware(
            CompressedAssets,
            static_dir=static,
            cache_dir=cache_dir,
            cache_control="public, immutable, max-age=31536000",
            base_path=lambda: base,
        )
    ]
    routes = [Route("/{path:path}", streamlit, methods=["GET", "HEAD", "POST"])]
    return TestClient(Starlette(routes=routes, middleware=middleware))


def raw(response) -> bytes:
    """The body as sent, before the test client's own decoding."""
    return b"".join(response.iter_raw())


def test_precompress_writes_both_forms_once_and_whole(static, tmp_path):
    cache = tmp_path / "cache"
    assert precompress(static, cache) == (1, 1)
    assert brotli.decompress((cache / "js" / "index.abc123.js.br").read_bytes()) == BUNDLE
    assert gzip.decompress((cache / "js" / "index.abc123.js.gz").read_bytes()) == BUNDLE
    assert not list(cache.rglob("*.part"))
    assert precompress(static, cache) == (1, 0)


@pytest.mark.parametrize(
    ("accepts", "encoding", "decode"),
    [("gzip, deflate, br", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress)],
)
def test_a_bundle_leaves_in_the_best_encoding_the_browser_accepts(
    static, tmp_path, accepts, encoding, decode
):
    precompress(static, tmp_path / "cache")
    with client(static, tmp_path / "cache").stream(
        "GET", "/static/js/index.abc123.js", headers={"Accept-Encoding": accepts}
    ) as response:
        body = raw(response)
    assert response.headers["content-encoding"] == encoding
    assert response.headers["cache-control"] == "public, immutable, max-age=31536000"
    assert "accept-encoding" in response.headers["vary"].lower()
    assert int(response.headers["content-length"]) == len(body) < len(BUNDLE) / 10
    assert decode(body) == BUNDLE


def test_without_the_install_folder_a_bundle_is_gzipped_on_first_use(static, tmp_path):
    with client(static, tmp_path / "nada").stream(
        "GET", "/static/js/index.abc123.js", headers={"Accept-Encoding": "br, gzip"}
    ) as response:
        assert response.headers["content-encoding"] == "gzip"
        assert gzip.decompress(raw(response)) == BUNDLE


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/static/js/index.abc123.js", {"Accept-Encoding": "identity"}),
        ("/static/media/font.woff2", {"Accept-Encoding": "br, gzip"}),
        ("/static/../index.html", {"Accept-Encoding": "br, gzip"}),
        ("/static/js/../../index.html", {"Accept-Encoding": "br, gzip"}),
        ("/static/js/no-existe.js", {"Accept-Encoding": "br, gzip"}),
        ("/", {"Accept-Encoding": "br, gzip"}),
    ],
)
def test_anything_else_passes_on_to_streamlit(static, tmp_path, path, headers):
    response = client(static, tmp_path / "cache").get(path, headers=headers)
    assert response.text.startswith("Streamlit: ")
    assert "content-encoding" not in response.headers


def test_a_post_passes_on(static, tmp_path):
    response = client(static, tmp_path / "cache").post(
        "/static/js/index.abc123.js", headers={"Accept-Encoding": "gzip"}
    )
    assert response.text.startswith("Streamlit: ")


def test_under_a_base_path_only_its_bundles_are_compressed(static, tmp_path):
    app = client(static, tmp_path / "cache", base="/tablero/")
    with app.stream(
        "GET", "/tablero/static/js/index.abc123.js", headers={"Accept-Encoding": "gzip"}
    ) as response:
        assert gzip.decompress(raw(response)) == BUNDLE
    assert app.get("/static/js/index.abc123.js").text.startswith("Streamlit: ")


def test_a_head_request_gets_the_headers_and_no_body(static, tmp_path):
    response = client(static, tmp_path / "cache").head(
        "/static/js/index.abc123.js", headers={"Accept-Encoding": "gzip"}
    )
    assert response.headers["content-encoding"] == "gzip"
    assert response.content == b""
