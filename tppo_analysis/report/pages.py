"""A report page made fit to publish: offline (no CDN tags), one shared copy of plotly.js,
the base map and the stylesheet in ``assets/``, and readable on a phone."""

from __future__ import annotations

import re
from pathlib import Path

_EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\ssrc=[\"']https?://[^>]*>\s*</script>", re.I)
_EXTERNAL_LINK = re.compile(r"<link[^>]*\shref=[\"']https?://[^>]*>", re.I)


def share_plotlyjs(page: str) -> str:
    """Replace the plotly.js and base map that the first figure embeds with ``<script src>``
    tags to one shared copy in ``assets/`` (43 reports: 80 MB -> a few MB)."""
    from ..figures import offline

    tags = []
    for name, text in offline.shared_assets().items():
        i = page.find(text)
        start, end = page.rfind("<script", 0, i), page.find("</script>", i + len(text))
        if i < 0 or start < 0 or end < 0:
            return page  # nothing embedded (no figure), or not as expected: leave it whole
        page = page[:start] + "\0" + page[end + len("</script>"):]
        tags.append(f"<script src='assets/{name}'></script>")
    return page.replace("\0", "".join(tags), 1).replace("\0", "")


# Narrow windows: wide tables scroll inside their box instead of widening the page.
MOBILE_CSS = ("<meta name='viewport' content='width=device-width, initial-scale=1'>"
              "<style>.jp-RenderedHTMLCommon table{display:block;overflow-x:auto;max-width:100%}"
              "</style>")


def share_styles(page: str, folder: Path) -> str:
    """Move the template's stylesheets in ``<head>`` (about 260 kB, the same in every
    report) into one ``assets/report-<hash>.css``."""
    import hashlib

    head_end = page.find("</head>")
    if head_end < 0:
        return page
    head = page[:head_end]
    blocks = re.findall(r"<style[^>]*>(.*?)</style>", head, re.S)
    if not blocks:
        return page
    css = "\n".join(blocks)
    name = f"report-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    target = folder / "assets" / name
    if not target.exists():  # workers write the same bytes; the rename makes it safe
        from ..raw.spreadsheets import write_atomic

        write_atomic(target, css.encode("utf-8"))
    head = re.sub(r"<style[^>]*>.*?</style>", "", head, flags=re.S)
    return head + f"<link rel='stylesheet' href='assets/{name}'>" + page[head_end:]


def add_mobile_css(page: str) -> str:
    """A viewport and scrolling tables, so reports read on a phone."""
    return page.replace("</head>", MOBILE_CSS + "</head>", 1)


def write_assets(folder: Path) -> None:
    """The files :func:`share_plotlyjs` refers to."""
    from ..figures import offline

    (folder / "assets").mkdir(exist_ok=True)
    for name, text in offline.shared_assets().items():
        (folder / "assets" / name).write_text(text, encoding="utf-8")


def strip_external(page: str) -> str:
    """Drop the CDN script and style tags nbconvert's template adds (require.js, MathJax):
    reports embed everything they need and must open offline."""
    return _EXTERNAL_LINK.sub("", _EXTERNAL_SCRIPT.sub("", page))
