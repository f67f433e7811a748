"""The API documentation at /docs works offline: Swagger UI from this server, no inline script."""

import os

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright

from tests.conftest import TEST_TOKEN, LiveServer
from tests.e2e.test_page import ARGS, CHROMIUM

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not os.access(CHROMIUM, os.X_OK),
        reason=f"no browser at {CHROMIUM}: apt-get install chromium to run the browser tests",
    ),
    pytest.mark.parametrize("databases", ["sqlite"], indirect=True),
]


def test_docs_render_every_path_from_this_server_alone(server: LiveServer) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on(
            "request",
            lambda r: None if r.url.startswith(server.url) else problems.append(r.url),
        )
        page.goto(f"{server.url}/docs")
        expect(page.locator(".opblock-summary-path", has_text="/events").first).to_be_visible()
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        browser.close()
    assert {"/events", "/events/{event_id}", "/timeline", "/changes"} <= {p.strip() for p in paths}
    assert problems == []


def test_authorize_in_the_docs_lets_a_write_be_tried(writable_server: LiveServer) -> None:
    """The bearer scheme gives /docs its Authorize button; with a token, "Try it out" on
    POST /events sends the document's example and the server creates the event."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(f"{writable_server.url}/docs")
        page.locator("button.authorize").first.click()
        page.locator(".auth-container input").fill(TEST_TOKEN)
        page.locator(".auth-btn-wrapper button.authorize").click()
        page.locator(".auth-btn-wrapper button.btn-done").click()
        operation = page.locator("#operations-events-create_event")
        operation.locator(".opblock-summary").click()
        operation.locator(".try-out__btn").click()
        operation.locator(".execute").click()
        expect(
            operation.locator(".live-responses-table tbody .response-col_status")
        ).to_contain_text("201")
        browser.close()
    created = httpx.get(f"{writable_server.url}/events", params={"q": "Hanoi", "limit": 500})
    titles = [event["title"] for event in created.json()["items"]]
    assert titles.count("Trump-Kim summit in Hanoi ends without agreement") == 2
