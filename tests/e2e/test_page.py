"""The bundled page in Debian's headless Chromium, against a real server on the seeds."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests import conftest
from tests.conftest import Databases, LiveServer

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not os.access(CHROMIUM, os.X_OK),
        reason=f"no browser at {CHROMIUM}: apt-get install chromium to run the browser tests",
    ),
    pytest.mark.parametrize("databases", ["sqlite"], indirect=True),  # one engine is enough
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def open_page(browser: Browser, url: str, width: int) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith(url.split("/?")[0]) else problems.append(r.url),
    )
    page.goto(url)
    page.wait_for_selector(".event")
    return page, problems


def order(page: Page) -> list[str]:
    return [
        str(i) for i in page.locator(".event").evaluate_all("els => els.map(e => e.dataset.id)")
    ]


@pytest.mark.parametrize("width", [1280, 360])
def test_kims_summits_in_order_with_their_quotes_one_click_away(
    server: LiveServer, browser: Browser, tmp_path: Path, width: int
) -> None:
    page, problems = open_page(browser, f"{server.url}/?actor=kim", width)
    ids = order(page)
    assert {"singapore-summit-2018", "hanoi-summit-2019"} <= set(ids)
    guam = ids.index("guam-threat-2017")
    assert guam < ids.index("singapore-summit-2018") < ids.index("hanoi-summit-2019")
    marks = {
        event_id: page.locator(f'.mark[data-id="{event_id}"]').bounding_box()
        for event_id in ("guam-threat-2017", "singapore-summit-2018", "hanoi-summit-2019")
    }
    xs = {key: box["x"] for key, box in marks.items() if box}
    assert xs["guam-threat-2017"] < xs["singapore-summit-2018"] < xs["hanoi-summit-2019"]
    expect(page.locator(".chip[aria-pressed=true]").first).to_contain_text("Kim Jong Un")

    page.locator('.event[data-id="singapore-summit-2018"]').click()
    quote = page.locator("#detail mark").first
    expect(quote).to_be_visible()
    assert quote.inner_text().strip()
    expect(page.locator("#detail-title")).to_have_text("Trump and Kim meet in Singapore")
    assert "event=singapore-summit-2018" in page.url
    page.screenshot(path=str(tmp_path / f"selected-{width}.png"), full_page=True)
    if width == 360:
        page.locator("#close").click()
        expect(page.locator("#detail")).to_be_hidden()

    page.fill("#from", "2019")
    page.fill("#to", "2019")
    page.press("#to", "Enter")
    expect(page.locator('.event[data-id="guam-threat-2017"]')).to_have_count(0)
    expect(page.locator('.event[data-id="hanoi-summit-2019"]')).to_have_count(1)
    assert "from=2019" in page.url and "actor=kim" in page.url
    page.screenshot(path=str(tmp_path / f"2019-{width}.png"), full_page=True)
    assert problems == []


def test_the_url_opens_a_view_and_the_keyboard_selects(
    server: LiveServer, browser: Browser
) -> None:
    page, problems = open_page(browser, f"{server.url}/?actor=kim&from=2018&kind=summit", 1280)
    assert set(order(page)) == {"singapore-summit-2018", "hanoi-summit-2019"}
    expect(page.locator("#from")).to_have_value("2018")
    page.locator('.event[data-id="singapore-summit-2018"]').focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#detail-title")).to_have_text(
        "Trump-Kim summit in Hanoi ends without agreement"
    )
    page.keyboard.press("Space")
    expect(page.locator("#detail")).to_be_hidden()
    page.locator(".chip", has_text="summit").click()  # kind chips toggle
    expect(page.locator(".event")).not_to_have_count(2)
    assert "kind=" not in page.url
    page.fill("#from", "garbage")
    page.press("#from", "Enter")
    expect(page.locator("#error")).to_contain_text("from")
    assert problems == [] or all("422" in p for p in problems)


def test_a_page_on_another_origin_reads_the_api(
    server: LiveServer, browser: Browser, databases: Databases, seeded_url: str
) -> None:
    with LiveServer(conftest.settings_for(databases.new(template=seeded_url))) as other:
        page = browser.new_page()
        page.goto(f"{other.url}/health")  # our own page's CSP would (rightly) forbid this fetch
        answer = page.evaluate(
            """async (api) => {
                const r = await fetch(api + "/events?actor=kim&limit=2");
                const body = await r.json();
                const header = (name) => r.headers.get(name);
                return {etag: header("ETag"), link: header("Link"), n: body.items.length};
            }""",
            server.url,
        )
    assert answer["n"] == 2 and answer["etag"] and answer["link"]


def test_an_ongoing_event_says_so_and_since_when(server: LiveServer, browser: Browser) -> None:
    page, problems = open_page(browser, f"{server.url}/?event=us-embargo-on-cuba-1962", 1280)
    expect(page.locator("#detail-title")).to_have_text("US embargo on Cuba")
    expect(page.locator(".detail-date time")).to_have_text("since 7 February 1962")
    expect(page.locator(".detail-date .precision", has_text="ongoing")).to_have_count(1)
    singapore = page.locator('.event[data-id="singapore-summit-2018"]')
    singapore.click()
    expect(page.locator(".detail-date .precision", has_text="ongoing")).to_have_count(0)
    assert problems == []
