"""Streamlit's static assets (its JavaScript and CSS) sent compressed: Streamlit sends them as they
are, 7.6 MB before the first chart. They are compressed once per install (brotli and gzip, into
a folder of the environment) and served from there; one missing is gzipped on first use."""

import asyncio
import gzip
import mimetypes
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import brotli

COMPRESSIBLE = {".js", ".mjs", ".css", ".json", ".svg", ".map", ".txt"}
ASSETS = "static"
"""The folder of Streamlit's hashed bundles, inside its static folder and in the URL."""
ENCODINGS = {"br": ".br", "gzip": ".gz"}
"""The encodings served, in order of preference, and the suffix of their files."""


def precompress(static_dir: Path, cache_dir: Path) -> tuple[int, int]:
    """Write each bundle's brotli and gzip forms under cache_dir (those not there yet); return how
    many bundles there are and how many were compressed now."""
    assets = Path(static_dir) / ASSETS
    bundles = [p for p in sorted(assets.rglob("*")) if p.suffix in COMPRESSIBLE and p.is_file()]
    done = 0
    for bundle in bundles:
        target = cache_dir / bundle.relative_to(assets)
        if all(target.with_name(target.name + s).exists() for s in ENCODINGS.values()):
            continue
        data = bundle.read_bytes()
        target.parent.mkdir(parents=True, exist_ok=True)
        for suffix, packed in ((".br", brotli.compress(data, quality=9)), (".gz", _gzip(data))):
            # a name of its own: two installs at once must not take each other's file away
            handle, name = tempfile.mkstemp(suffix=".part", prefix=target.name, dir=target.parent)
            with os.fdopen(handle, "wb") as partial:
                partial.write(packed)
            os.chmod(name, 0o644)
            Path(name).replace(target.with_name(target.name + suffix))  # whole or not at all
        done += 1
    return len(bundles), done


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, 9, mtime=0)


class CompressedAssets:
    """ASGI middleware: a GET of one of Streamlit's bundles from a browser that accepts brotli or
    gzip gets it compressed, with the same long cache lifetime; anything else passes on to
    Streamlit untouched."""

    def __init__(
        self,
        app,
        static_dir: str,
        cache_dir: Path,
        cache_control: str,
        base_path: Callable[[], str] = lambda: "",
    ):
        self.app = app
        self.assets = (Path(static_dir) / ASSETS).resolve()
        self.cache_dir = Path(cache_dir)
        self.cache_control = cache_control.encode()
        self.base_path = base_path
        self._gzipped: dict[Path, bytes] = {}
        self._lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        """Answer a bundle compressed, or pass the request on."""
        asset = self._asset(scope) if scope["type"] == "http" else None
        accepted = _accepted(scope) if asset is not None else []
        if not accepted:
            await self.app(scope, receive, send)
            return
        encoding, body = await asyncio.to_thread(self.compressed, asset, accepted)
        kind = mimetypes.guess_type(asset.name)[0] or "application/octet-stream"
        headers = [
            (b"content-type", kind.encode()),
            (b"content-encoding", encoding.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", self.cache_control),
            (b"vary", b"Accept-Encoding"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        head = scope["method"] == "HEAD"
        await send({"type": "http.response.body", "body": b"" if head else body})

    def _asset(self, scope) -> Path | None:
        """The bundle a request asks for, if it is one this middleware compresses."""
        if scope["method"] not in ("GET", "HEAD"):
            return None
        base = "/" + self.base_path().strip("/")
        path = scope["path"]
        if base != "/":
            if not path.startswith(base + "/"):
                return None
            path = path[len(base) :]
        if not path.startswith(f"/{ASSETS}/") or Path(path).suffix not in COMPRESSIBLE:
            return None
        asset = (self.assets / path[len(ASSETS) + 2 :]).resolve()
        return asset if asset.is_relative_to(self.assets) and asset.is_file() else None

    def compressed(self, asset: Path, accepted: list[str]) -> tuple[str, bytes]:
        """The best encoding the browser accepts and the bundle's bytes in it: from the install's
        folder when there, else gzipped now (once per process)."""
        target = self.cache_dir / asset.relative_to(self.assets)
        for encoding in accepted:
            packed = target.with_name(target.name + ENCODINGS[encoding])
            if packed.is_file():
                return encoding, packed.read_bytes()
        with self._lock:
            if asset not in self._gzipped:
                self._gzipped[asset] = _gzip(asset.read_bytes())
            return "gzip", self._gzipped[asset]


def _accepted(scope) -> list[str]:
    """The encodings this middleware serves that the request accepts, best first."""
    for name, value in scope.get("headers", []):
        if name == b"accept-encoding":
            offered = {p.split(";")[0].strip() for p in value.decode("latin-1").split(",")}
            return [encoding for encoding in ENCODINGS if encoding in offered]
    return []
