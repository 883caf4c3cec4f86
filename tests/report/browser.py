"""A real browser for the visual tests: Playwright driving the system's Chromium (Debian
package ``chromium``; Playwright's own browser download cannot be reached here).

Network checks are attributed to the page: every request the page, its frames and its
workers make is recorded by the browser context (``context.on("request")``) and refused
(``context.route``), while the browser's own background traffic (component updater, time
sync), which is not the report's doing, is not seen at all. A positive control in
``test_browser.py`` shows a leaking page is caught.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from tppo_analysis.report import png

CHROMIUM = png.find_chromium()
REQUIRED = os.environ.get("TPPO_REQUIRE_BROWSER") == "1"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the dev extra brings it
    sync_playwright = None

if REQUIRED and (CHROMIUM is None or sync_playwright is None):
    raise RuntimeError("TPPO_REQUIRE_BROWSER=1 but Chromium or playwright is missing "
                       "(apt-get install chromium; pip install -e '.[dev]')")
needs_browser = pytest.mark.skipif(CHROMIUM is None or sync_playwright is None,
                                   reason="needs Chromium and playwright (CI installs both)")


class Session:
    """One browser; :meth:`open` gives a page whose outside requests are recorded and refused
    (loopback is allowed only when ``allow_loopback``, for a local JupyterLab server)."""

    def __init__(self, browser):
        self.browser = browser

    @contextmanager
    def open(self, url: str | Path, width: int = 1400, height: int = 900,
             allow_loopback: bool = False, wait_ms: int = 1500):
        ctx = self.browser.new_context(viewport={"width": width, "height": height})
        requests: list[str] = []

        def local(u: str) -> bool:
            if u.startswith(LOCAL_SCHEMES):
                return True
            return allow_loopback and u.split("/")[2].split(":")[0] in ("127.0.0.1",
                                                                        "localhost")

        def record(req) -> None:
            if not local(req.url):
                requests.append(f"{req.method} {req.url[:200]}")

        def refuse(route) -> None:
            if local(route.request.url):
                route.continue_()
            else:
                route.abort()

        ctx.on("request", record)
        ctx.route("**/*", refuse)
        page = ctx.new_page()
        page.requests = requests
        page.goto(url.resolve().as_uri() if isinstance(url, Path) else url)
        page.wait_for_timeout(wait_ms)
        try:
            yield page
        finally:
            ctx.close()


@contextmanager
def browser_session():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield Session(browser)
        finally:
            browser.close()


# What a person sees of each map: the area plotly gives the plot (figure less margins), the
# geo frame that clips it, the box the drawn regions fill, and how many regions were drawn.
MEASURE_MAPS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .filter(g => g._fullLayout && g._fullLayout.geo)
  .map(g => {
    const size = g._fullLayout._size, sub = g._fullLayout.geo._subplot;
    const svg = g.querySelector('.main-svg').getBoundingClientRect();
    const c = sub.clipRect;
    const frame = {left: svg.left + +c.attr('x'), top: svg.top + +c.attr('y'),
                   right: svg.left + +c.attr('x') + +c.attr('width'),
                   bottom: svg.top + +c.attr('y') + +c.attr('height')};
    let x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9, n = 0, empty = 0;
    g.querySelectorAll('.choroplethlocation').forEach(p => {
      const b = p.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) { empty++; return; }
      n++; x0 = Math.min(x0, b.left); x1 = Math.max(x1, b.right);
      y0 = Math.min(y0, b.top); y1 = Math.max(y1, b.bottom);
    });
    const title = (g.querySelector('.gtitle') || {}).textContent || '';
    return {title, drawn: n, empty, area_w: size.w, area_h: size.h,
            map_w: x1 - x0, map_h: y1 - y0,
            clipped_px: Math.max(0, frame.left - x0, x1 - frame.right, frame.top - y0,
                                 y1 - frame.bottom)};
  })"""


def map_fill(m: dict) -> float:
    """How much of its plot area the map fills in the binding dimension (width for a wide
    map such as Indonesia's, height for a tall one)."""
    return max(m["map_w"] / m["area_w"], m["map_h"] / m["area_h"])
