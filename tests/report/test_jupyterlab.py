"""A researcher's path: the coverage notebook opened in JupyterLab (and Notebook 7), Run All,
with no network: every map is drawn, by JupyterLab's own plotly renderer, and nothing is
fetched from outside; saved and opened again, the maps are drawn again.

The server listens on a loopback port only; its notebooks are copies in a temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest

from .browser import browser_session, needs_browser

pytestmark = needs_browser

# regions each map of coverage_by_province draws: provinces, kab/kota, the timeline
EXPECTED = [38, 514, 38]
PLOTS = ".jp-Notebook .js-plotly-plot"
RENDERED = ".jp-Notebook .jp-RenderedPlotly"
# regions drawn in one plot (JupyterLab lays out only cells near the view: scroll to it first)
COUNT = """g => (g._fullLayout && g._fullLayout.geo) ? Array.from(
  g.querySelectorAll('.choroplethlocation')).filter(p => p.getBoundingClientRect().width > 0)
  .length : null"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, root):
    """JupyterLab on 127.0.0.1 serving a copy of the notebooks; (base URL, token, folder)."""
    work = tmp_path_factory.mktemp("lab")
    shutil.copy(root / "notebooks" / "coverage_by_province.ipynb", work)
    port, token = _free_port(), uuid.uuid4().hex
    dead = "http://127.0.0.1:9"  # any attempt to reach the network fails at once
    env = {**os.environ, "http_proxy": dead, "https_proxy": dead, "HTTP_PROXY": dead,
           "HTTPS_PROXY": dead, "JUPYTER_CONFIG_DIR": str(work / ".jupyter")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", f"--IdentityProvider.token={token}", f"--notebook-dir={work}",
         "--allow-root", "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start")
    yield base, token, work
    proc.terminate()
    proc.wait(timeout=20)


def _kernel_idle(base: str, token: str, timeout_s: float = 90) -> None:
    end = time.monotonic() + timeout_s
    kernels = []
    while time.monotonic() < end:
        kernels = json.loads(urllib.request.urlopen(f"{base}/api/kernels?token={token}",
                                                    timeout=5).read())
        if kernels and all(k["execution_state"] == "idle" for k in kernels):
            return
        time.sleep(0.5)
    pytest.fail(f"the notebook's kernel did not become idle: {kernels}")


def _run_all(page, base: str, token: str) -> None:
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_timeout(5000)  # Notebook 7 starts its kernel a moment after the cells show
    _kernel_idle(base, token)
    page.get_by_role("menuitem", name="Run", exact=True).first.click()
    page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).first.click()


def _maps_drawn(page) -> list[int]:
    drawn = []
    for plot in page.locator(PLOTS).all():
        plot.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        n = plot.evaluate(COUNT)
        if n is not None:
            drawn.append(n)
    return drawn


def _reopened_maps(page) -> tuple[list[int], list[int]]:
    """A re-opened notebook: plotly's renderer first shows the picture it saved of each
    figure (width of each picture), and draws the figure itself when the mouse comes over
    it (regions drawn)."""
    pictures = []
    for out in page.locator(RENDERED).all():
        out.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        pictures.append(out.evaluate("o => (o.querySelector('img.plot-img') || {}).naturalWidth"
                                     " || 0"))
        out.hover()
    page.wait_for_timeout(3000)
    return pictures, _maps_drawn(page)


def _wait_for_maps(page, timeout_s: float = 180) -> list[int]:
    end = time.monotonic() + timeout_s
    drawn = []
    while time.monotonic() < end:
        if page.locator(PLOTS).count() >= len(EXPECTED):
            drawn = _maps_drawn(page)
            if drawn[:len(EXPECTED)] == EXPECTED:
                return drawn
        page.wait_for_timeout(2000)
    return drawn


@pytest.mark.parametrize("app", ["lab", "notebooks"])
def test_notebook_maps_draw_offline_and_again_when_reopened(server, app):
    base, token, work = server
    url = (f"{base}/lab/tree/coverage_by_province.ipynb?token={token}" if app == "lab"
           else f"{base}/notebooks/coverage_by_province.ipynb?token={token}")
    if app == "notebooks":
        try:
            urllib.request.urlopen(f"{base}/notebooks/?token={token}", timeout=5)
        except OSError:
            pytest.fail("Notebook 7 is not installed (pip install notebook)")
    with browser_session() as browser:
        with browser.open(url, width=1400, height=1000, allow_loopback=True,
                          wait_ms=500) as page:
            _run_all(page, base, token)
            drawn = _wait_for_maps(page)
            assert drawn[:len(EXPECTED)] == EXPECTED, f"maps drawn in {app}: {drawn}"
            if os.environ.get("TPPO_SCREENSHOTS"):  # for a person to look at
                for k in (0, 2):
                    page.locator(PLOTS).nth(k).scroll_into_view_if_needed()
                    page.screenshot(
                        path=f"{os.environ['TPPO_SCREENSHOTS']}/jupyter_{app}_{k}.png")
            errors = page.locator(".jp-OutputArea-output[data-mime-type*=error]").count()
            assert errors == 0
            page.keyboard.press("Control+s")
            page.wait_for_timeout(2000)
            page.reload()
            page.wait_for_selector(RENDERED, timeout=60_000)
            page.wait_for_timeout(3000)
            pictures, reopened = _reopened_maps(page)
            requests = page.requests
    assert len(pictures) >= 3 and all(w > 300 for w in pictures[:3]), pictures
    assert reopened[:len(EXPECTED)] == EXPECTED, f"maps after re-opening in {app}: {reopened}"
    assert requests == [], f"{app} fetched from outside: {requests}"
    saved = json.loads((work / "coverage_by_province.ipynb").read_text())
    assert any("application/vnd.plotly.v1+json" in o.get("data", {})
               for c in saved["cells"] for o in c.get("outputs", []))
