"""End-to-end in headless Chromium (Debian's chromium + chromium-driver, driven by Selenium; no browser download).

The real app runs under uvicorn on a loopback port; the browser opens the day, follows a citation to its
source sentence, searches from the header box, opens a place page from the map, and proves that the planted
script, event-handler and javascript: payloads never run.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from warbrief.web.app import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HAVE_BROWSER = Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()

if not HAVE_BROWSER:
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI must install Debian's chromium and chromium-driver (see .ci/run)")
    pytest.skip("Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

DAY1, DAY2 = "2024-12-28", "2024-12-29"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_store: Path) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(web_store), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _no_payload_ran(driver: webdriver.Chrome) -> None:
    assert driver.execute_script("return typeof window.__xss") == "undefined"
    assert "pwned" not in driver.title
    assert driver.find_elements(By.CSS_SELECTOR, "main img, main script, main iframe") == []
    assert driver.find_elements(By.CSS_SELECTOR, 'a[href^="javascript:"]') == []



def _arrives(browser: webdriver.Chrome, fragment: str) -> None:
    """Wait (up to 10 s) until the page the click or the submitted form asked for is the current one: a form sent
    with Enter navigates after send_keys returns, so reading current_url at once can still see the page before."""
    WebDriverWait(browser, 10).until(expected_conditions.url_contains(fragment))

def test_open_the_day_and_follow_a_citation_to_its_source(server: str, browser: webdriver.Chrome) -> None:
    browser.get(server + "/")
    _arrives(browser, f"/day/{DAY2}")
    assert browser.current_url.endswith(f"/day/{DAY2}")
    browser.get(f"{server}/day/{DAY1}")
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "main h2")]
    assert "Summary of the Day" in headings and "Source Material" in headings
    # A footnote mark in the text jumps to its citation; the citation opens the source with the quote marked.
    mark = browser.find_element(By.CSS_SELECTOR, "#summary sup.ref a")
    assert mark.get_attribute("title")  # the quoted source sentence, shown on hover
    mark.click()
    target = browser.find_element(By.CSS_SELECTOR, "li:target")
    quote = target.find_element(By.TAG_NAME, "blockquote").text
    target.find_element(By.CSS_SELECTOR, "a.source").click()
    _arrives(browser, "/article/art_")
    assert browser.find_element(By.ID, "quote").text == quote
    _no_payload_ran(browser)


def test_hostile_day_renders_payloads_as_text(server: str, browser: webdriver.Chrome) -> None:
    browser.get(f"{server}/day/{DAY2}")
    body = browser.find_element(By.TAG_NAME, "main").text
    assert "<script>window.__xss = 1</script>" in body
    assert "onerror=" in body
    _no_payload_ran(browser)
    story = browser.find_element(By.CSS_SELECTOR, "a.more")
    story.click()
    _arrives(browser, "/story/story_")
    _no_payload_ran(browser)


def test_search_from_the_header(server: str, browser: webdriver.Chrome) -> None:
    browser.get(f"{server}/day/{DAY1}")
    box = browser.find_element(By.CSS_SELECTOR, "header form input[name=q]")
    box.send_keys("Eagle S", Keys.ENTER)
    _arrives(browser, "/search?q=Eagle+S")
    marks = {m.text for m in browser.find_elements(By.CSS_SELECTOR, ".hits mark")}
    assert "Eagle" in marks
    browser.find_element(By.CSS_SELECTOR, ".hits li a").click()
    _arrives(browser, "/article/art_")
    browser.get(f"{server}/search?q=onerror")
    _no_payload_ran(browser)
    browser.get(f"{server}/search?q=%22%22")
    assert "type a word" in browser.find_element(By.CSS_SELECTOR, ".message").text or "no letters" in \
        browser.find_element(By.CSS_SELECTOR, ".message").text


def test_open_a_place_page_from_the_map(server: str, browser: webdriver.Chrome) -> None:
    browser.get(f"{server}/map/{DAY1}")
    assert browser.execute_script(
        "const i = document.querySelector('svg.map image'); return i && i.getBBox().width > 0")
    link = browser.find_element(By.CSS_SELECTOR, "main ul li a[href^='/place/']")
    name = link.text
    link.click()
    _arrives(browser, "/place/")
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    assert browser.find_elements(By.CSS_SELECTOR, "svg.map circle")
    assert browser.find_elements(By.CSS_SELECTOR, ".timeline a[href^='/story/']")
