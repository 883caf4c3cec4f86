"""Real-browser checks of what a person sees: reports opened from disk in Chromium draw every
region of every map, the maps fill their frame at 1000 and 1400 px and on a phone, nothing is
clipped, and the page requests nothing from the network (requests attributed to the page:
see ``tests/report/browser.py``).

CI installs Debian's chromium (.ci/run) and sets TPPO_REQUIRE_BROWSER=1, so there these
tests fail instead of skipping when the browser is missing.
"""

from __future__ import annotations

import pytest

from .browser import MEASURE_MAPS, browser_session, map_fill, needs_browser

pytestmark = needs_browser

# report -> regions each of its maps must draw, in page order
MAPS = {"coverage_gt_en": [38, 514, 38], "cases_police": [38], "profile_53": [22, 22],
        "profile_31": [6, 6]}
WIDTHS = (1000, 1400)


@pytest.fixture(scope="module")
def browser():
    with browser_session() as session:
        yield session


def test_positive_control_a_leaking_page_is_caught(browser, tmp_path):
    """A page that loads a script, an image and a fetch from outside is seen making them."""
    page = tmp_path / "leaky.html"
    page.write_text("<html><body><script src='http://cdn.example.org/x.js'></script>"
                    "<img src='https://cdn.example.org/y.png'>"
                    "<iframe srcdoc=\"<img src='https://frame.example.org/z.png'>\"></iframe>"
                    "<script>fetch('https://api.example.org/q').catch(() => 0)</script>"
                    "</body></html>")
    with browser.open(page) as p:
        seen = " ".join(p.requests)
    for host in ("cdn.example.org/x.js", "cdn.example.org/y.png", "frame.example.org",
                 "api.example.org"):
        assert host in seen, p.requests


def test_a_quiet_page_makes_no_request(browser, tmp_path):
    """Negative control: a page with nothing external records nothing, whatever the browser
    itself does in the background."""
    page = tmp_path / "quiet.html"
    page.write_text("<html><body><p>nothing to fetch</p></body></html>")
    with browser.open(page) as p:
        assert p.requests == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(MAPS))
def test_report_maps_are_drawn_whole_and_fill_their_frame(built, browser, name, width):
    with browser.open(built / f"{name}.html", width=width) as p:
        maps = p.evaluate(MEASURE_MAPS)
        requests = p.requests
    assert [m["drawn"] for m in maps] == MAPS[name], maps
    for m in maps:
        assert m["empty"] == 0, f"{name}: {m['empty']} regions drawn empty"
        assert map_fill(m) >= 0.75, f"{name} at {width}px: map fills {map_fill(m):.0%}: {m}"
        assert m["clipped_px"] <= 1, f"{name} at {width}px: clipped by {m['clipped_px']}px"
    assert requests == [], f"{name} made network requests: {requests}"


def test_timeline_slider_shows_the_year_chosen(built, browser):
    """The timeline opens on today and its slider redraws the map for an earlier year: the
    legend's count of formed task forces is that of the year chosen."""
    from tppo_analysis import metrics
    from tppo_analysis.clean import pipeline

    by = metrics.status_by_year(pipeline.load("coverage"), "province", "GT PP-TPPO")
    formed = (by["status"] == "formed").groupby(by["year"]).sum()
    year = 2015
    assert formed.loc[year] != formed.iloc[-1]  # else the check below could not fail
    with browser.open(built / "coverage_gt_en.html", width=1400) as p:
        timeline = p.locator(".js-plotly-plot").nth(2)
        legend = timeline.locator(".legendtext")
        assert f"Formed ({formed.iloc[-1]})" in legend.all_text_contents()
        label = timeline.get_by_text(str(year), exact=True)
        label.scroll_into_view_if_needed()
        box = label.bounding_box()
        p.mouse.click(box["x"] + box["width"] / 2, box["y"] - 12)
        p.wait_for_timeout(800)
        assert f"Formed ({formed.loc[year]})" in legend.all_text_contents()
        assert timeline.get_by_text(f"End of {year}").count() == 1
        assert p.requests == []


def test_maps_fit_a_phone(built, browser):
    with browser.open(built / "coverage_gt_en.html", width=390, height=844) as p:
        maps = p.evaluate(MEASURE_MAPS)
        overflow = p.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert maps and all(m["drawn"] and m["clipped_px"] <= 1 and map_fill(m) >= 0.75
                        for m in maps), maps
    assert overflow <= 1, f"the page is {overflow}px wider than the phone"


def test_index_opens_offline_and_draws_the_national_maps(built, browser):
    with browser.open(built / "index.html") as p:
        maps = p.evaluate(MEASURE_MAPS)
        text = p.inner_text("body")
        requests = p.requests
        p.fill("input[type=search]", "Nusa Tenggara Timur")
        visible = p.locator("li.province:visible").all_inner_texts()
    assert [m["drawn"] for m in maps] == [38, 38]
    assert "Nusa Tenggara Timur" in text and "{" not in text  # words, not JSON
    assert visible and all("Nusa Tenggara Timur" in v for v in visible), visible
    assert requests == []
