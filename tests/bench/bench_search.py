"""Search bytes and latency in a real browser: Debian's Chromium, the site served with gzip.

For a Glossator site (Pagefind) it reports what a reader downloads for search before typing
(should be nothing), then, per query, the compressed bytes fetched and the time from the
query being typed to results on screen (including the search box's 150 ms debounce). For a
plain mkdocs-material site it reports what its search costs at page load (the whole lunr
index and worker). Bytes are as sent on the wire (Chromium's encodedDataLength).

    python tests/bench/bench_search.py SITE_DIR [--plain PLAIN_SITE_DIR]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from projects import CHROMIUM, CHROMIUM_ARGS

COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")
QUERIES = ["ceasefire", "negotiators", "Kabul province", "withdrawal troops", "the"]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-encoded when the browser accepts it (as any web host does).

    Pagefind's own files are already compressed, so they go out as they are.
    """

    served: list[tuple[str, int]]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self.served.append((self.path, int(value)))
        super().send_header(keyword, value)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gz = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gz and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str, Wire]:
    handler = type("Handler", (GzipHandler,), {"served": []})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    server.handle_error = lambda request, address: None  # a reader leaving mid-transfer
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", Wire(handler)


class Wire:
    """Bytes the server sent, per request, in order (what the browser, its workers included,
    actually fetched: a chunk the browser already holds is not fetched again)."""

    def __init__(self, handler: type[GzipHandler]):
        self.log = handler.served

    def mark(self) -> int:
        return len(self.log)

    def since(self, mark: int) -> list[tuple[str, int]]:
        return self.log[mark:]


def _browser(pw):
    return pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def is_search(url: str) -> bool:
    return any(x in url for x in ("/pagefind/", "/search/", "search.js", "search.css"))


def measure_glossator(site: Path, queries: list[str] = QUERIES) -> dict:
    from playwright.sync_api import sync_playwright

    server, base, wire = serve(site)
    out: dict = {"queries": []}
    try:
        with sync_playwright() as pw:
            browser = _browser(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/", wait_until="load")
            page.wait_for_timeout(500)
            out["page_load_search_bytes"] = sum(n for u, n in wire.since(0) if is_search(u))
            out["page_load_bytes"] = sum(n for _, n in wire.since(0))
            for i, query in enumerate(queries):
                mark = wire.mark()
                if i == 0:  # the first query pays for opening the box: code, then index
                    page.keyboard.press("/")
                page.wait_for_timeout(300)
                page.fill("#glossator-search-query", "")
                page.wait_for_selector("#glossator-search[data-ready]", state="attached")
                page.evaluate("document.getElementById('glossator-search-status').textContent=''")
                start = time.perf_counter()
                page.fill("#glossator-search-query", query)
                page.wait_for_function(
                    """q => { const s = document.getElementById('glossator-search-status');
                      return s && /result/.test(s.textContent)
                        && document.querySelector('#glossator-search-query').value === q; }""",
                    arg=query,
                    timeout=30000,
                )
                seconds = time.perf_counter() - start
                page.wait_for_timeout(300)  # late fragment fetches belong to this query
                got = wire.since(mark)
                out["queries"].append(
                    {
                        "query": query,
                        "seconds": seconds,
                        "bytes": sum(n for _, n in got),
                        "requests": len(got),
                        "results": page.inner_text("#glossator-search-status"),
                    }
                )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def measure_plain(site: Path) -> dict:
    """mkdocs-material's search: what a page load costs (index + worker)."""
    from playwright.sync_api import sync_playwright

    server, base, wire = serve(site)
    try:
        with sync_playwright() as pw:
            browser = _browser(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/", wait_until="load")
            deadline = time.monotonic() + 60  # material fetches its index right after load
            while time.monotonic() < deadline and not any(
                "search_index.json" in u for u, _ in wire.since(0)
            ):
                page.wait_for_timeout(200)
            page.wait_for_timeout(500)
            got = wire.since(0)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {
        "page_load_search_bytes": sum(n for u, n in got if is_search(u) or "lunr" in u),
        "page_load_bytes": sum(n for _, n in got),
    }


def report(gloss: dict, plain: dict | None = None) -> list[str]:
    kb = 1024
    lines = []
    if plain is not None:
        lines.append(
            f"plain material: search bytes at page load {plain['page_load_search_bytes'] / kb:7.0f} KB"
            " (gzip), before any query"
        )
    lines.append(
        f"glossator:      search bytes at page load {gloss['page_load_search_bytes'] / kb:7.0f} KB"
        " (target 0)"
    )
    for i, q in enumerate(gloss["queries"]):
        target = "first query, target <= 600 KB" if i == 0 else "further query, target <= 250 KB"
        lines.append(
            f"  query {q['query']!r:20} {q['bytes'] / kb:6.0f} KB in {q['requests']:3d} requests, "
            f"results in {q['seconds']:.2f} s ({target}; <= 1 s) — {q['results']}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--plain", type=Path)
    args = parser.parse_args()
    plain = measure_plain(args.plain) if args.plain else None
    print("\n".join(report(measure_glossator(args.site), plain)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
