"""What a person does in the app, as steps the tests share."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ARTIFACTS = Path(__file__).parent / "artifacts"
ANSWER_MS = 120_000  # the first question may also build the index from the bundled articles
REPLIES = "#chat .msg-answer, #chat .msg-abstained, #chat .msg-notice"
# Conditions are checked on a timer, not on animation frames: a page that paints no frame still changes its DOM.
POLL_MS = 100


def ask(page: Page, question: str) -> Locator:
    """Type `question`, send it, wait until its reply and the sources panel are complete."""
    before = page.locator(REPLIES).count()
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    wait_for_reply(page, before + 1)
    return page.locator(REPLIES).last


def wait_for_reply(page: Page, replies: int) -> None:
    try:
        page.wait_for_function(
            """([selector, count]) => document.querySelectorAll(selector).length >= count
                  && !document.querySelector('#chat .msg-pending')
                  && !document.querySelector('#sources').textContent.includes('Searching the articles')""",
            arg=[REPLIES, replies],
            timeout=ANSWER_MS,
            polling=POLL_MS,
        )
    except PlaywrightTimeoutError as error:
        raise AssertionError(f"no complete reply within {ANSWER_MS // 1000} s; the page showed:\n"
                             f"{page_state(page)}") from error


def page_state(page: Page) -> str:
    """What the chat, the sources panel and Gradio's progress showed, for a test that waited in vain; and a
    screenshot in the artifacts."""
    path = screenshot(page, "waited-in-vain")
    state = page.evaluate("""() => ({
        chat: document.querySelector('#chat')?.innerText.slice(-1500),
        sources: document.querySelector('#sources')?.innerText.slice(0, 300),
        question: document.querySelector('#question textarea')?.value,
        generating: document.querySelectorAll('.generating, .pending').length })""")
    return "\n".join(f"{name}: {value!r}" for name, value in state.items()) + f"\nscreenshot: {path}"


def choose(page: Page, dropdown_id: str, option_text: str) -> None:
    """Pick the option of a Gradio dropdown whose visible text contains `option_text`."""
    page.click(f"#{dropdown_id} input")
    page.get_by_role("option").filter(has_text=option_text).first.click()


def open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def upload_and_ingest(page: Page, *paths: Path) -> str:
    """Upload files in the Documents tab, add them to the index, and return the ingest report."""
    upload(page, *paths)
    return ingest(page)


def upload(page: Page, *paths: Path) -> list[Path]:
    """Upload files in the Documents tab (not yet ingested); returns where the server keeps them."""
    page.set_input_files("#uploads input[type=file]", [str(p) for p in paths])
    links = page.locator("#uploads a[href*='/gradio_api/file=']")
    expect(links).to_have_count(len(paths))  # uploaded
    return [Path(unquote(href.split("/gradio_api/file=", 1)[1]))
            for href in links.evaluate_all("(links) => links.map((link) => link.getAttribute('href'))")]


def ingest(page: Page) -> str:
    """Click "Add to index" and return the ingest report."""
    page.click("#ingest")
    report = page.locator("#ingest-report textarea")
    page.wait_for_function(
        """() => /added|updated|unchanged|skipped|Nothing/
                   .test(document.querySelector('#ingest-report textarea').value)""",
        timeout=120_000,
        polling=POLL_MS,
    )
    return report.input_value()
