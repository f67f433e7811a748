"""The bundled page in Debian's headless Chromium, against a real server on the seeds."""

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
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
        event_id: page.locator(f'.mark[data-ids~="{event_id}"]').bounding_box()
        for event_id in ("guam-threat-2017", "singapore-summit-2018", "hanoi-summit-2019")
    }
    xs = {key: box["x"] for key, box in marks.items() if box}
    assert xs["guam-threat-2017"] < xs["singapore-summit-2018"] <= xs["hanoi-summit-2019"]
    expect(page.locator(".chip[aria-pressed=true]").first).to_contain_text("Kim Jong Un")
    expect(page.locator("#actor-chips .chip", has_text="Kim Jong Un")).to_have_count(1)

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


def in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    size = page.viewport_size
    assert box and size
    return box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def span_of(page: Page) -> tuple[str, str]:
    axis = page.locator("#axis")
    return str(axis.get_attribute("data-from")), str(axis.get_attribute("data-to"))


def test_the_strip_zooms_pans_names_and_a_drag_sets_the_period(
    server: LiveServer, browser: Browser
) -> None:
    page, problems = open_page(browser, f"{server.url}/", 1400)
    start, end = span_of(page)
    assert "2010" <= start < "2018" and end >= "2025"  # where most events are, not 1939
    boxes = page.locator("#axis .mark").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })"
    )
    for i, a in enumerate(boxes):  # no two marks overlap: lanes, or clusters with counts
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert page.locator(".mark-cluster").count() > 0
    assert int(page.locator(".mark-cluster").first.inner_text()) > 1

    axis = page.locator("#axis").bounding_box()
    assert axis
    page.mouse.move(axis["x"] + axis["width"] * 0.7, axis["y"] + 20)
    page.mouse.wheel(0, -400)  # zoom in around the pointer
    expect(page).to_have_url(re.compile(r"span=\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d"))
    zoomed = span_of(page)
    assert zoomed[0] > start and zoomed[1] < end
    page.locator("#axis").focus()
    page.keyboard.press("ArrowRight")  # pan later
    assert span_of(page)[0] > zoomed[0]
    page.keyboard.press("-")
    page.locator("#zoom-in").click()
    page.locator("#earlier").click()
    assert "span=" in page.url

    mark = page.locator(".mark:not(.mark-cluster)").first
    mark.hover()
    expect(page.locator(".tip")).to_be_visible()
    name = str(mark.get_attribute("aria-label"))
    expect(page.locator(".tip")).to_have_text(name)
    page.locator("#axis").focus()
    page.keyboard.press("Tab")  # into the marks: focus names the event too
    expect(page.locator(".tip")).to_be_visible()

    page.locator("#fit").click()
    page.mouse.move(axis["x"] + axis["width"] * 0.55, axis["y"] + 40)
    page.mouse.down()
    page.mouse.move(axis["x"] + axis["width"] * 0.75, axis["y"] + 40, steps=6)
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d"))
    params = parse_qs(urlparse(page.url).query)
    expect(page.locator("#from")).to_have_value(params["from"][0])
    expect(page.locator("#filters[aria-busy]")).to_have_count(0)
    for e in page.locator(".event time").evaluate_all("els => els.map(e => e.dateTime)"):
        assert e <= params["to"][0]
    assert problems == []


def test_the_picker_finds_any_actor_place_kind_or_tag_by_any_name(
    server: LiveServer, browser: Browser
) -> None:
    page, problems = open_page(browser, f"{server.url}/", 1280)
    page.fill("#pick", "Nordkorea")  # a German alias of an English-named actor
    option = page.locator("#pick-list [role=option]").first
    expect(option).to_contain_text("North Korea")
    assert int(option.locator(".option-count").inner_text()) > 10
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("actor=north-korea"))
    page.fill("#pick", "moon")
    page.locator("#pick-list [role=option]", has_text="Moon Jae-in").click()
    expect(page).to_have_url(re.compile("actor=north-korea&actor=moon-jae-in"))
    expect(page.locator(".chip[aria-pressed=true]", has_text="Moon Jae-in")).to_have_count(1)
    expect(page.locator(".event")).not_to_have_count(0)
    page.fill("#pick", "Schweinebucht")  # a place, by its German alias
    expect(page.locator("#pick-list [role=option]").first).to_contain_text("Bay of Pigs")
    page.fill("#pick", "denucl")  # a tag
    expect(page.locator("#pick-list [data-type=tag]").first).to_contain_text("denuclearization")
    page.keyboard.press("Escape")
    expect(page.locator("#pick-list")).to_be_hidden()
    assert problems == []


@pytest.mark.parametrize("size", [(1400, 1000), (1366, 768)])
def test_an_opened_event_shows_in_view_with_its_sources_and_history_restores_views(
    server: LiveServer, browser: Browser, size: tuple[int, int]
) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{server.url}/?event=singapore-summit-2018")
    expect(page.locator("#detail-title")).to_have_text("Trump and Kim meet in Singapore")
    page.wait_for_timeout(200)
    assert in_view(page, '.event[data-id="singapore-summit-2018"]')
    assert in_view(page, "#detail .source mark")
    assert in_view(page, "#detail .source cite")
    page.locator('.event[data-id="hanoi-summit-2019"]').click()
    expect(page.locator("#detail-title")).to_contain_text("Hanoi")
    page.fill("#q", "Guam")
    page.press("#q", "Enter")
    expect(page.locator(".event")).not_to_have_count(0)
    page.go_back()
    expect(page.locator("#q")).to_have_value("")
    expect(page.locator("#detail-title")).to_contain_text("Hanoi")
    page.go_back()
    expect(page.locator("#detail-title")).to_have_text("Trump and Kim meet in Singapore")
    assert in_view(page, "#detail .source mark")
    page.go_forward()
    expect(page.locator("#detail-title")).to_contain_text("Hanoi")
    shared = page.url  # every view is a URL: the same one opens the same view
    other = browser.new_page(viewport={"width": size[0], "height": size[1]})
    other.goto(shared)
    expect(other.locator("#detail-title")).to_contain_text("Hanoi")


def test_a_suggestion_repairs_a_bad_filter_and_rows_stay_full(
    server: LiveServer, browser: Browser
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server.url}/?actor=kimm&kind=summit")
    offer = page.locator("#error button", has_text="Did you mean Kim Jong Un?")
    expect(offer).to_be_visible()
    for row in ("actor", "place", "kind", "tag"):
        expect(page.locator(f"#{row}-chips .chip").first).to_be_visible()
    offer.click()
    expect(page.locator("#error")).to_be_hidden()
    expect(page).to_have_url(re.compile("actor=kim-jong-un&kind=summit"))
    expect(page.locator('.event[data-id="singapore-summit-2018"]')).to_have_count(1)


ARTICLE = (
    Path(__file__).resolve().parent.parent / "data" / "articles" / "de_panmunjom_gipfel_2018.txt"
)


def test_a_review_session_publishes_edits_merges_rejects_and_the_timeline_shows_it(
    writable_server: LiveServer, browser: Browser
) -> None:
    api = httpx.Client(
        base_url=writable_server.url,
        headers={"Authorization": f"Bearer {conftest.TEST_TOKEN}"},
        timeout=60,
    )
    ingested = api.post(
        "/articles",
        json={
            "text": ARTICLE.read_text(),
            "title": "Händedruck in Panmunjom",
            "language": "de",
            "published": "28. April 2018",
        },
    ).json()
    article = ingested["article"]["id"]
    proposed = api.get(f"/events?article={article}&status=proposed&limit=50").json()["items"]
    dated = [e["id"] for e in proposed if e["date"]["start"].startswith("2018")]
    summit, edited, rejected, changed = dated[:4]

    page = browser.new_page(viewport={"width": 1366, "height": 768})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url + " " + str(r.headers)))
    page.goto(f"{writable_server.url}/?view=review&lang=en")
    expect(page.locator("#review-view .notice")).to_contain_text("needs a write token")
    expect(page.locator(".review-item, .review-nav")).to_have_count(0)  # offers nothing
    page.fill("#token", conftest.TEST_TOKEN)
    page.press("#token", "Enter")
    page.locator(".review-nav a", has_text="Händedruck in Panmunjom").click()
    expect(page).to_have_url(re.compile(f"view=review&article={article}"))
    card = page.locator(f'.review-item[data-event="{edited}"]')
    expect(card).to_be_visible()
    expect(page.locator(".review-passage mark").first).to_be_visible()  # the quote, marked

    card.get_by_role("button", name="Edit and publish").click()
    card.get_by_label("Title").fill("Kim und Moon treffen sich in Panmunjom")
    card.get_by_label("Kind").select_option("summit")
    card.get_by_role("button", name="Publish with these changes").click()
    expect(page.locator("#review-status")).to_have_text("Published.")
    expect(page.locator(f'.review-item[data-event="{edited}"]')).to_have_count(0)

    merging = page.locator(f'.review-item[data-event="{summit}"]')
    merging.get_by_role("button", name="Merge into…").click()
    merging.get_by_label("Find the event to merge into").fill("Singapore")
    merging.locator('.merge-target[data-id="singapore-summit-2018"]').click()
    expect(page.locator("#review-status")).to_contain_text("Merged into")

    page.locator(f'.review-item[data-event="{rejected}"]').get_by_role(
        "button", name="Reject"
    ).click()
    expect(page.locator("#review-status")).to_have_text("Rejected.")

    api.patch(f"/events/{changed}", json={"title": "Changed by someone else"}).raise_for_status()
    page.locator(f'.review-item[data-event="{changed}"]').get_by_role(
        "button", name="Publish", exact=True
    ).click()
    expect(page.locator("#review-status")).to_contain_text("Changed meanwhile")
    page.locator("#review-status").get_by_role("button", name="Reload").click()
    expect(page.locator(f'.review-item[data-event="{changed}"]')).to_contain_text(
        "Changed by someone else"
    )
    assert not [r for r in requests if conftest.TEST_TOKEN in r.split(" ")[0]]  # never in a URL
    assert page.evaluate("sessionStorage.getItem('timeline-token')") == conftest.TEST_TOKEN

    public = browser.new_page(viewport={"width": 1400, "height": 1000})
    public.goto(f"{writable_server.url}/?kind=summit&from=2018&to=2018")
    expect(public.locator(f'.event[data-id="{edited}"]')).to_contain_text(
        "Kim und Moon treffen sich in Panmunjom"
    )
    public.locator('.event[data-id="singapore-summit-2018"]').click()
    expect(public.locator("#detail cite", has_text="Händedruck in Panmunjom")).to_have_count(1)
    published = api.get(f"/events/{edited}?lang=de").json()
    assert (published["title"], published["title_lang"]) == (
        "Kim und Moon treffen sich in Panmunjom",
        "de",  # written in its article's language, not stored as English
    )
    assert api.get(f"/events/{summit}").status_code in (404, 410)
    assert api.get(f"/events/{rejected}").json()["status"] == "rejected"

    links = api.get(f"/articles/{article}/links").json()["items"]
    pending = [i for i in links if i["status"] == "pending"]
    pending = [i for i in pending if i["event_status"] == "published"]
    assert len(pending) >= 2, pending
    page.reload()
    first, second = (page.locator(f'.review-item[data-link="{i["id"]}"]') for i in pending[:2])
    first.get_by_role("button", name="Accept link").click()
    expect(page.locator("#review-status")).to_have_text("Link accepted.")
    second.get_by_role("button", name="Reject link").click()
    expect(page.locator("#review-status")).to_have_text("Link rejected.")
    accepted = api.get(f"/events/{pending[0]['event_id']}").json()
    assert any(s["article"]["id"] == article for s in accepted["sources"])


def test_the_page_in_german_and_english_follows_the_browser_and_the_switch(
    server: LiveServer, browser: Browser
) -> None:
    german = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = german.new_page()
    api_calls: list[str] = []
    page.on("request", lambda r: api_calls.append(r.url) if "/static/" not in r.url else None)
    page.goto(f"{server.url}/?event=singapore-summit-2018")  # no lang: the browser's
    expect(page.locator("#status")).to_contain_text("Ereignisse aus")
    expect(page).to_have_url(re.compile("lang=de"))
    assert page.locator("html").get_attribute("lang") == "de"
    expect(page.locator("label[for=q]")).to_have_text("Suche")
    assert page.locator("#pick").get_attribute("placeholder") == (
        "Akteur, Ort, Art oder Schlagwort: Moon, Nordkorea, Gipfel…"
    )
    expect(page.locator("#detail h3")).to_contain_text("Quellen")
    expect(page.locator("#zoom-in")).to_have_attribute("aria-label", "Vergrößern")
    fetched = [u for u in api_calls if not u.rstrip("/").endswith(server.url.split("//")[1])]
    assert all("lang=de" in u for u in fetched[1:]), fetched  # every API call says lang
    expect(page.locator("#detail-title")).to_have_text("Trump und Kim treffen sich in Singapur")
    expect(page.locator(".detail-date time")).to_have_text("12. Juni 2018")
    expect(page.locator("#detail .facts dd").first).to_have_text("Singapur")
    expect(page.locator("#detail .facts dt").last).to_have_text("Zum Datum")
    expect(page.locator("#detail .facts dd").last).to_contain_text(
        "Das Gipfeltreffen fand am 12. Juni 2018 statt (allgemeine Überlieferung)."
    )
    expect(page.locator('.event[data-id="singapore-summit-2018"] .kind')).to_have_text(
        "Gipfeltreffen"
    )
    page.fill("#pick", "North Korea")  # the English name finds Nordkorea
    expect(page.locator("#pick-list [role=option]").first).to_contain_text("Nordkorea")
    page.keyboard.press("Escape")
    page.fill("#from", "Quatsch")
    page.press("#from", "Enter")
    expect(page.locator("#error strong")).to_have_text("Abgelehnt: Von.")
    expect(page.locator("#status")).to_have_text("Keine Ereignisse.")

    page.select_option("#lang", "en")
    expect(page).to_have_url(re.compile("lang=en"))
    expect(page.locator("label[for=q]")).to_have_text("Search")
    assert page.locator("html").get_attribute("lang") == "en"
    page.go_back()
    expect(page.locator("label[for=q]")).to_have_text("Suche")
    english = browser.new_page()
    english.goto(f"{server.url}/?lang=en&actor=kim")
    expect(english.locator("#status")).to_contain_text("events from")
    expect(english.locator(".event .precision").first).to_have_text(
        re.compile("day|span|year|month|decade")
    )
    german.close()


def test_the_download_links_export_the_view_and_excel_gets_the_byte_order_mark(
    server: LiveServer, browser: Browser
) -> None:
    page, problems = open_page(browser, f"{server.url}/?actor=kim&from=2018&lang=de", 1280)
    excel = page.locator("#download-excel")
    expect(excel).to_have_text("CSV für Excel")
    query = parse_qs(urlparse(str(excel.get_attribute("href"))).query)
    assert query == {
        "format": ["csv"],
        "bom": ["true"],
        "actor": ["kim"],
        "from": ["2018"],
        "lang": ["de"],
    }
    with page.expect_download() as download:
        excel.click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbfid,")  # Excel reads the accents only with it
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert [row["id"] for row in rows] == order(page)  # every event of the view
    titles = {row["id"]: row["title"] for row in rows}
    assert titles["singapore-summit-2018"] == "Trump und Kim treffen sich in Singapur"
    plain = page.locator('a[data-export="/events?format=csv"]')
    with page.expect_download() as download:
        plain.click()
    assert Path(download.value.path()).read_bytes() == content[3:]  # scripts get no mark

    page.fill("#from", "2019")
    page.press("#from", "Enter")
    expect(excel).to_have_attribute("href", re.compile("from=2019"))
    assert problems == []


def focused(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate(
            "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return {id: e.id, cls: e.className, outline: s.outlineStyle,"
            " width: s.outlineWidth, text: (e.textContent || '').trim().slice(0, 40)}; })()"
        )
    )


def tab_to(page: Page, match: str, limit: int = 80) -> dict[str, str]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if match in (now["id"], now["cls"]) or match in now["cls"].split():
            assert now["outline"] != "none" and now["width"] != "0px", now  # visible focus
            return now
    raise AssertionError(f"Tab never reached {match}")


def test_keyboard_only(server: LiveServer, browser: Browser) -> None:
    page, problems = open_page(browser, f"{server.url}/?lang=en", 1280)
    page.keyboard.press("Tab")
    assert focused(page)["cls"] == "skip-link"
    tab_to(page, "pick")
    page.keyboard.type("Moon")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#pick")).to_have_attribute("aria-activedescendant", re.compile("pick-"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("actor=moon-jae-in"))
    expect(page.locator(".chip[aria-pressed=true]")).to_contain_text("Moon Jae-in")
    chip = tab_to(page, "chip")
    assert "Moon" in chip["text"]
    page.keyboard.press("Enter")  # the chosen chip first: Enter removes it
    expect(page).not_to_have_url(re.compile("actor=moon"))
    tab_to(page, "axis")
    before = page.locator("#axis").get_attribute("data-from")
    page.keyboard.press("+")
    expect(page).to_have_url(re.compile("span="))
    assert page.locator("#axis").get_attribute("data-from") != before
    page.keyboard.press("ArrowLeft")
    tab_to(page, "mark")
    page.keyboard.press("ArrowRight")
    expect(page.locator(".tip")).to_be_visible()
    tab_to(page, "event")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("event="))
    expect(page.locator("#detail")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#detail")).to_be_hidden()
    assert problems == []


def test_no_serious_accessibility_violation(writable_server: LiveServer, browser: Browser) -> None:
    axe = pytest.importorskip("axe_playwright_python", reason="pip install '.[test]'")
    script = (Path(axe.__file__).parent / "axe.min.js").read_text()
    article = httpx.post(
        f"{writable_server.url}/articles",
        json={"text": ARTICLE.read_text(), "language": "de", "published": "28. April 2018"},
        headers={"Authorization": f"Bearer {conftest.TEST_TOKEN}"},
        timeout=60,
    ).json()["article"]["id"]
    context = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    views = [  # (width, view, enter the token): review without a token, then with one
        (1366, "/?lang=en&actor=kim&event=singapore-summit-2018", False),
        (360, "/?lang=en&actor=kim&event=singapore-summit-2018", False),
        (1366, "/?lang=de&actor=kimm", False),
        (1366, "/?lang=en&view=review", False),
        (1366, "/?lang=en&view=review", True),
        (1366, f"/?lang=de&view=review&article={article}", False),
    ]
    found = {}
    for width, view, enter_token in views:
        page.set_viewport_size({"width": width, "height": 768})
        page.goto(f"{writable_server.url}{view}")
        if enter_token:
            page.fill("#token", conftest.TEST_TOKEN)
            page.press("#token", "Enter")
            page.wait_for_selector(".review-nav")
        page.wait_for_selector(".event, .error:not([hidden]), #review-title")
        page.wait_for_timeout(300)
        page.evaluate(script)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found[(width, view, enter_token)] = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    assert found == {view: [] for view in views}
    context.close()


def test_a_pinch_zooms_the_strip(server: LiveServer, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 900}, has_touch=True)
    page = context.new_page()
    page.goto(f"{server.url}/")
    page.wait_for_selector(".event")
    page.locator("#axis").scroll_into_view_if_needed()
    box = page.locator("#axis").bounding_box()
    assert box
    before = span_of(page)
    cdp = context.new_cdp_session(page)
    middle, y = box["x"] + box["width"] / 2, box["y"] + 50  # fingers may land on marks

    def touch(kind: str, *xs: float) -> None:
        points = [{"x": x, "y": y, "id": i} for i, x in enumerate(xs)]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", middle - 40, middle + 40)
    for step in range(1, 8):  # fingers apart: zoom in
        touch("touchMove", middle - 40 - step * 20, middle + 40 + step * 20)
    touch("touchEnd")
    expect(page).to_have_url(re.compile("span="))
    after = span_of(page)
    assert after[0] > before[0] and after[1] < before[1]
    context.close()
