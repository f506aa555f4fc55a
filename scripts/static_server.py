#!/usr/bin/env python3
"""Serve a built site on 127.0.0.1 as a static host would: 404.html for missing paths, and
optionally gzip-compressed responses (as GitHub Pages and most hosts send them).

    python scripts/static_server.py site/ [--gzip] [--port 8000]

The server itself is handbook/static_server.py, which the tests and benchmarks import.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

from handbook.static_server import serve

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
