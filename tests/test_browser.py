"""Real-browser checks: headless Chromium opens generated reports from disk, draws the maps,
and makes no network request at all (every request would go through a recording proxy).

CI installs Debian's chromium (.ci/run) and sets TPPO_REQUIRE_BROWSER=1, so there these
tests fail instead of skipping when the browser is missing.
"""

from __future__ import annotations

import os
import socketserver
import subprocess
import threading

import pytest

from tppo_analysis import report

CHROMIUM = report.find_chromium()
if CHROMIUM is None and os.environ.get("TPPO_REQUIRE_BROWSER") == "1":
    raise RuntimeError("TPPO_REQUIRE_BROWSER=1 but no Chromium found (apt-get install chromium)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (CI installs it)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync",
         "--disable-default-apps", "--disable-domain-reliability", "--no-pings",
         "--disable-client-side-phishing-detection", "--disable-field-trial-config",
         "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,"
         "MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
         "--virtual-time-budget=10000"]
# the browser's own housekeeping, not the page's (time sync, account and connectivity checks)
BROWSER_OWN = ("clients2.google.com", "accounts.google.com:443", "www.google.com:443")


class _Recorder(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        self.requests: list[str] = []

        class Handler(socketserver.StreamRequestHandler):
            def handle(inner):
                line = inner.rfile.readline(4096).decode("latin-1").strip()
                if line:
                    self.requests.append(line)
                inner.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture()
def proxy():
    """A proxy that records and refuses every request: the browser's only way out."""
    server = _Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _dom(page, proxy, tmp_path) -> str:
    res = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
         f"--proxy-server=http://127.0.0.1:{proxy.server_address[1]}",
         "--proxy-bypass-list=<-loopback>", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    proxy.requests[:] = [r for r in proxy.requests if not any(h in r for h in BROWSER_OWN)]
    return res.stdout


def test_recording_proxy_catches_a_network_request(proxy, tmp_path):
    """Positive control: a page that loads an external script is seen by the proxy."""
    page = tmp_path / "leaky.html"
    page.write_text("<html><body><script src='http://cdn.example.org/x.js'></script>"
                    "<img src='https://cdn.example.org/y.png'></body></html>")
    _dom(page, proxy, tmp_path)
    assert any("cdn.example.org" in r for r in proxy.requests), proxy.requests


@pytest.mark.parametrize("name,min_shapes", [("coverage_gt_en", 38 + 514),
                                             ("cases_police", 38), ("profile_53", 2 * 22)])
def test_report_draws_its_maps_offline(built, proxy, tmp_path, name, min_shapes):
    dom = _dom(built / f"{name}.html", proxy, tmp_path)
    drawn = dom.count('class="choroplethlocation"')
    assert drawn >= min_shapes, f"{name}: {drawn} shapes drawn"
    assert proxy.requests == [], f"{name} made network requests: {proxy.requests}"


def test_index_opens_offline(built, proxy, tmp_path):
    dom = _dom(built / "index.html", proxy, tmp_path)
    assert "profile_53.html" in dom and proxy.requests == []
