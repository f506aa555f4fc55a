"""Serve a built site on 127.0.0.1 as a static host would: 404.html for missing paths, and
optionally gzip-compressed responses (as GitHub Pages and most hosts send them).

`serve(site, gzip=False)` returns (server, base_url) with the server running in a background
thread on a port the OS picked. The command line is scripts/static_server.py.
"""

from __future__ import annotations

import functools
import gzip as gzip_module
import http.server
import io
import threading
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
_compressed: dict[tuple[str, int, int], bytes] = {}  # (path, mtime, size) -> gzip level 9 body


def compressed(path: Path, body: bytes) -> bytes:
    """The gzip body of a file, made once per version of the file (level 9 is slow to redo)."""
    if not path.is_file():
        return gzip_module.compress(body, compresslevel=9)
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _compressed:
        _compressed[key] = gzip_module.compress(body, compresslevel=9)
    return _compressed[key]


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    use_gzip = False

    def log_message(self, *args):  # keep test output quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the usual redirect to the directory URL
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return self.send_file(Path(self.directory) / "404.html", 404)
        return self.send_file(path, 200)

    def send_file(self, path: Path, status: int):
        body = path.read_bytes() if path.is_file() else b"Not found"
        compress = (
            self.use_gzip
            and path.suffix in COMPRESSIBLE
            and "gzip" in self.headers.get("Accept-Encoding", "")
        )
        if compress:
            body = compressed(path, body)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path, gzip: bool = False, port: int = 0):
    handler = type("Handler", (StaticHandler,), {"use_gzip": gzip})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
