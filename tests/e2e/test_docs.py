"""The API documentation at /docs works offline: Swagger UI from this server, no inline script."""

import os

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.conftest import LiveServer
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
