"""PNG copies of report figures: one kaleido browser, fed as each notebook finishes.

The reports are HTML; a PNG of every figure (``tppo report --png``) is for slides and print.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path


def figures(nb) -> list[dict]:
    """The plotly figures (as dicts) in an executed notebook's outputs."""
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            fig = o.get("data", {}).get("application/vnd.plotly.v1+json")
            if fig:
                out.append({k: v for k, v in fig.items() if k != "config"})
    return out


def find_chromium() -> str | None:
    """A Chromium/Chrome binary for kaleido, or None (``BROWSER_PATH`` wins)."""
    for cand in (os.environ.get("BROWSER_PATH"), "chromium", "chromium-browser",
                 "google-chrome", "google-chrome-stable", "chrome"):
        if cand and shutil.which(cand):
            return shutil.which(cand)
    return None


def _png_specs(figs: dict[str, list[dict]], build: Path) -> list[dict]:
    """kaleido's spec (figure, path, options, local world map) for every figure."""
    from ..figures.offline import topojson_dir

    return [{"fig": fig, "path": build / f"{name}_fig{k}.png", "topojson": topojson_dir(),
             "opts": {"format": "png", "width": 1100, "scale": 2,
                      "height": (fig.get("layout") or {}).get("height") or 520}}
            for name, fs in figs.items() for k, fig in enumerate(fs, start=1)]


class PngWriter:
    """Renders report figures to PNG in one kaleido browser while the notebooks still run.

    Figures are handed over with :meth:`add` as each notebook finishes, so rendering overlaps
    the notebook runs instead of following them; :meth:`close` waits for the last one and
    returns a one-line note when anything could not be drawn ("" when all were).
    """

    def __init__(self, build: Path) -> None:
        import queue
        import threading

        self.build = build
        self.count = 0
        self._queue: queue.Queue = queue.Queue()
        self._note = ""
        self._thread: threading.Thread | None = None
        browser = find_chromium()
        if browser is None:
            self._note = ("PNG skipped: no Chromium/Chrome found (install chromium or set "
                          "BROWSER_PATH)")
            return
        os.environ.setdefault("BROWSER_PATH", browser)
        self._thread = threading.Thread(target=self._render, name="png", daemon=True)
        self._thread.start()

    def add(self, name: str, figs: list[dict | Path]) -> None:
        """Queue one report's figures, dicts or JSON files (``NAME_figN.png``)."""
        if self._thread is not None:
            figs = [json.loads(f.read_text(encoding="utf-8")) if isinstance(f, Path) else f
                    for f in figs]
            for spec in _png_specs({name: figs}, self.build):
                self._queue.put(spec)
                self.count += 1

    def close(self) -> str:
        """Wait until every queued figure is written; the note of what failed, or ""."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        return self._note

    def _render(self) -> None:
        import asyncio

        import kaleido

        async def specs():
            loop = asyncio.get_running_loop()
            while (spec := await loop.run_in_executor(None, self._queue.get)) is not None:
                yield spec

        class Reuse(kaleido.Kaleido):
            """kaleido reloads plotly.js in a tab after every figure; each figure here is
            drawn in a fresh div, so the tab goes back as it is (half the time per figure,
            byte-identical PNGs). Falls back to kaleido's own reload if its internals move."""

            async def _return_kaleido_tab(self, tab) -> None:
                queue = getattr(self, "tabs_ready", None)
                if queue is None:
                    await super()._return_kaleido_tab(tab)
                else:
                    await queue.put(tab)

        from ..figures.offline import geo_bundle_path

        async def run():
            # one tab per core (each tab costs ~1 s to start); the geo bundle loads 3x
            # faster than plotly's full plotly.js; no MathJax (kaleido would fetch it)
            async with Reuse(n=max(1, min(4, os.cpu_count() or 1)), mathjax=False,
                             plotlyjs=geo_bundle_path()) as k:
                return await k.write_fig_from_object(specs())

        try:  # kaleido/browser problems must not cost the HTML reports
            errors = asyncio.run(run())
        except Exception as exc:
            self._note = f"PNG skipped: {exc.__class__.__name__}: {_first_line(exc)}"
            while self._queue.get() is not None:  # let close() finish
                pass
            return
        if errors:
            self._note = (f"PNG: {len(errors)} figure(s) not drawn: "
                          f"{errors[0].__class__.__name__}: {_first_line(errors[0])}")


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [""])[0][:200]


def export_pngs(figs: dict[str, list[dict]], build: Path) -> str:
    """``NAME_figN.png`` of every figure of every report, in one kaleido batch (one browser,
    a tab per core) with a Chromium on the machine; a one-line note of what failed otherwise."""
    writer = PngWriter(build)
    for name, fs in figs.items():
        writer.add(name, fs)
    return writer.close()


def export_png(nb, build: Path, name: str) -> str:
    """PNGs of one executed notebook's figures (see :func:`export_pngs`)."""
    return export_pngs({name: figures(nb)}, build)
