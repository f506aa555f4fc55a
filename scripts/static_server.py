#!/usr/bin/env python3
"""Serve a built site on 127.0.0.1 as a static host would: 404.html for missing paths, and
optionally gzip-compressed responses (as GitHub Pages and most hosts send them).

    python scripts/static_server.py site/ [--gzip] [--port 0]

Tests and benchmarks import `serve(site, gzip=False)`, which returns (server, base_url) with the
server running in a background thread on a port the OS picked.
"""

from __future__ import annotations

import argparse
import functools
import gzip as gzip_module
import http.server
import io
import threading
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


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
            body = gzip_module.compress(body, compresslevel=9)
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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--gzip", action="store_true")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server, url = serve(args.site, gzip=args.gzip, port=args.port)
    print(f"Serving {args.site} at {url} (Ctrl+C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
