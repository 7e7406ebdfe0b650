"""The Documents tab in a real browser: list, upload and ingest, read, remove; hostile content stays text."""

from __future__ import annotations

from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from tests.ui.steps import ask, choose, ingest, open_tab, screenshot, upload, upload_and_ingest

LIGHTHOUSE = """The Lighthouse of Vrellë Reopens

Published 2024-03-02

The old lighthouse of Vrellë reopened to visitors on Saturday after a two-year restoration.
The restoration was led by the engineer Mirela Dushku, who replaced the original lantern with a copy.
Tickets cost four euros and the lighthouse is open every day except Monday.
"""

HOSTILE = """<img src=x onerror=alert(1)> Harbour notice

The harbour master of Port Quillon announced on Friday that the night ferry will stop at dawn.
<img src=x onerror=alert(1)> <script>alert(2)</script> was printed on the notice board by pranksters.
The harbour master of Port Quillon is Odalys Ferrante, according to the notice.
"""


ROWS = "#documents-list .doc-row"


def indexed_files(page: Page) -> list[str]:
    return page.locator(f"{ROWS} .doc-file").all_text_contents()


def remove_picked_article(page: Page, document: str) -> None:
    """Click Remove, see what it asks, and confirm."""
    expect(page.locator("#document-reader .article-meta")).to_contain_text(document)  # the pick has landed
    page.click("#remove-article")
    expect(page.locator("#documents-status .removal-confirm")).to_contain_text(f"({document}) from the index?")
    expect(page.locator("#remove-article")).to_have_text("Confirm removal")
    page.click("#remove-article")
    expect(page.locator("#remove-article")).to_have_text("Remove")


def test_removal_asks_first_and_picking_another_article_withdraws_it(page: Page):
    open_tab(page, "Documents")
    expect(page.locator(ROWS)).to_have_count(5, timeout=60_000)
    english, albanian = "004_0c55c83cf9a148cd.txt", "003_e05fb4bfbdb8159e.txt"
    choose(page, "document-picker", f"({english})")
    expect(page.locator("#document-reader .article-meta")).to_contain_text(english)
    page.click("#remove-article")
    expect(page.locator("#documents-status .removal-confirm")).to_contain_text(f"({english}) from the index?")
    screenshot(page, "documents-confirm-removal")
    assert english in indexed_files(page)  # asking removes nothing
    page.locator(ROWS).filter(has_text=albanian).click()  # another article: the question is withdrawn
    expect(page.locator("#remove-article")).to_have_text("Remove")
    expect(page.locator("#documents-status")).to_have_text("")
    page.click("#remove-article")  # one click on the new pick only asks again, about that article
    expect(page.locator("#documents-status .removal-confirm")).to_contain_text(f"({albanian}) from the index?")
    assert len(indexed_files(page)) == 5
    # The picker's long title stops before its arrow.
    text_end, arrow_start = page.evaluate("""() => { const input = document.querySelector('#document-picker input');
        const style = getComputedStyle(input);
        const arrow = document.querySelector('#document-picker .dropdown-arrow').getBoundingClientRect();
        return [input.getBoundingClientRect().right - parseFloat(style.paddingRight), arrow.left]; }""")
    assert text_end <= arrow_start


def test_documents_lists_the_bundled_articles(page: Page):
    open_tab(page, "Documents")
    expect(page.locator(ROWS)).to_have_count(5, timeout=60_000)
    listing = page.locator("#documents-list").inner_text()
    assert "Albanian (sq)" in listing and "Tagalog (tl)" in listing and "English (en)" in listing
    page.locator(ROWS).filter(has_text="004_0c55c83cf9a148cd.txt").click()
    expect(page.locator("#document-reader .article-title")).to_contain_text("North Korean leader")
    expect(page.locator("#document-reader .article-text")).to_contain_text("Kozhemiako")
    expect(page.locator("#document-reader .article-meta")).to_contain_text("2023-09-17")  # not in the text again
    assert page.text_content("#document-reader .article-text").startswith("North Korean leader Kim Jong-un")
    expect(page.locator("#document-reader .article-view")).to_be_in_viewport(ratio=0.9)  # not below the fold
    screenshot(page, "documents")


def files_holding(folder: Path, phrase: str) -> list[Path]:
    """Files under `folder` whose bytes contain `phrase` (in UTF-8)."""
    needle = phrase.encode("utf-8")
    return [path for path in folder.rglob("*") if path.is_file() and needle in path.read_bytes()]


def test_upload_ask_and_remove_an_article(page: Page, tmp_path: Path, app_server, app_uploads: Path, app_url: str):
    article = tmp_path / "vrelle_lighthouse.txt"
    article.write_text(LIGHTHOUSE, encoding="utf-8")
    open_tab(page, "Documents")
    page.locator(ROWS).filter(has_text="004_0c55c83cf9a148cd.txt").click()  # an article is open in the reader
    expect(page.locator("#document-reader .article-meta")).to_contain_text("004_0c55c83cf9a148cd.txt")
    uploaded = upload(page, article)
    assert [path.read_text(encoding="utf-8") for path in uploaded] == [LIGHTHOUSE]  # the server holds a copy
    report = ingest(page)
    assert report.startswith("1 added") and "added vrelle_lighthouse.txt" in report, report
    # The picker is reset by the upload, and the reader follows it: no article is shown under an empty picker.
    expect(page.locator("#document-picker input")).to_have_value("")
    expect(page.locator("#document-reader .article-view")).to_have_count(0)
    # The uploaded copy is gone from the server's upload folder, and its address no longer serves it.
    assert not any(path.exists() for path in uploaded), uploaded
    assert files_holding(app_uploads, "Mirela Dushku") == []
    served = httpx.get(f"{app_url}gradio_api/file={uploaded[0]}", timeout=10)
    assert served.status_code >= 400 and "Mirela Dushku" not in served.text
    expect(page.locator(ROWS).first).to_contain_text("just added")
    expect(page.locator(ROWS).first).to_contain_text("The Lighthouse of Vrellë Reopens")
    screenshot(page, "documents-uploaded")

    open_tab(page, "Ask")
    reply = ask(page, "Who led the restoration of the Vrellë lighthouse?")
    expect(reply).to_contain_text("Mirela Dushku")  # the answer, though the title repeats more of the question
    reply.locator("a.cite").first.click()
    expect(page.locator("#article .article-meta")).to_contain_text("vrelle_lighthouse.txt")
    expect(page.locator("#article mark.cited-span")).to_contain_text("Mirela Dushku")

    open_tab(page, "Documents")
    choose(page, "document-picker", "The Lighthouse of Vrellë Reopens (vrelle_lighthouse.txt)")
    remove_picked_article(page, "vrelle_lighthouse.txt")
    expect(page.locator("#documents-status")).to_contain_text("Removed vrelle_lighthouse.txt")
    expect(page.locator("#documents-list")).not_to_contain_text("vrelle_lighthouse.txt")
    assert len(indexed_files(page)) == 5
    # Nothing of the article is left on the server's disk outside its index (its temporary folder included).
    assert files_holding(app_uploads.parent, "Mirela Dushku") == []

    # The answer's citation now points at a removed article: it says so, and the server logs no traceback.
    log = app_server[1]
    tracebacks = log.read_text(encoding="utf-8").count("Traceback")
    open_tab(page, "Ask")
    reply.locator("a.cite").first.click()
    expect(page.locator("#article")).to_contain_text("vrelle_lighthouse.txt is no longer in the index")
    assert log.read_text(encoding="utf-8").count("Traceback") == tracebacks


def test_wrong_or_broken_uploads_are_reported_and_nothing_is_lost(page: Page, tmp_path: Path):
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe\x00\x00" + bytes(range(256)) * 8)
    open_tab(page, "Documents")
    expect(page.locator(ROWS)).to_have_count(5, timeout=60_000)
    before = indexed_files(page)
    report = upload_and_ingest(page, picture, broken)
    assert "skipped photo.png" in report, report
    assert "0 added" in report, report
    assert indexed_files(page) == before
    screenshot(page, "documents-bad-upload")


def test_article_with_html_is_shown_as_text(page: Page, tmp_path: Path, dialogs: list[str]):
    article = tmp_path / "harbour_notice.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    open_tab(page, "Documents")
    report = upload_and_ingest(page, article)
    assert "1 added" in report, report

    row = page.locator(ROWS).filter(has_text="harbour_notice.txt")
    expect(row).to_contain_text("<img src=x onerror=alert(1)>")
    row.click()
    reader = page.locator("#document-reader .article-text")
    expect(reader).to_contain_text("<img src=x onerror=alert(1)>")
    expect(reader).to_contain_text("<script>alert(2)</script>")
    expect(page.locator("#document-reader img, #document-reader script")).to_have_count(0)

    open_tab(page, "Ask")
    reply = ask(page, "Who is the harbour master of Port Quillon?")
    reply.locator("a.cite").first.click()
    expect(page.locator("#article .article-meta")).to_contain_text("harbour_notice.txt")
    expect(page.locator("#article .article-text")).to_contain_text("<img src=x onerror=alert(1)>")
    expect(page.locator("#sources img, #article img, #chat img[src=x]")).to_have_count(0)
    page.wait_for_timeout(500)
    screenshot(page, "hostile-article")
    assert dialogs == []

    open_tab(page, "Documents")
    choose(page, "document-picker", "(harbour_notice.txt)")
    remove_picked_article(page, "harbour_notice.txt")
    expect(page.locator("#documents-list")).not_to_contain_text("harbour_notice.txt")



ALMSDORF = """Die Brücke von Almsdorf ist wieder offen

Die alte Brücke von Almsdorf wurde am Samstag nach zwei Jahren Bauzeit für Fußgänger wieder geöffnet.
Die Arbeiten leitete die Ingenieurin Hanna Weißenberg, die das Geländer aus Eichenholz erneuern ließ.
Der Eintritt ist frei, und die Brücke ist jeden Tag außer Montag für alle Besucher geöffnet.
"""


def offered_languages(page: Page) -> list[str]:
    page.click("#language input")
    expect(page.get_by_role("option").first).to_be_visible()
    offered = page.get_by_role("option").all_text_contents()
    page.keyboard.press("Escape")
    expect(page.get_by_role("option")).to_have_count(0)
    return [text.removeprefix("✓").strip() for text in offered]


def test_the_language_filter_offers_the_languages_the_articles_are_in(page: Page, tmp_path: Path):
    assert offered_languages(page) == ["Any language", "Albanian (sq)", "English (en)", "Tagalog (tl)"]
    article = tmp_path / "almsdorf_bruecke.txt"
    article.write_text(ALMSDORF, encoding="utf-8")
    open_tab(page, "Documents")
    assert upload_and_ingest(page, article).startswith("1 added")
    open_tab(page, "Ask")
    choose(page, "language", "German (de)")  # offered once the article is in
    ask(page, "Wer leitete die Arbeiten an der Brücke von Almsdorf?")
    labels = page.locator("#sources .source-language").all_text_contents()
    assert labels and set(labels) == {"German (de)"}, labels

    open_tab(page, "Documents")
    choose(page, "document-picker", "(almsdorf_bruecke.txt)")
    remove_picked_article(page, "almsdorf_bruecke.txt")
    open_tab(page, "Ask")
    page.wait_for_timeout(500)
    assert "German (de)" not in offered_languages(page)
    expect(page.locator("#language input")).to_have_value("Any language")  # the removed language's choice is gone
