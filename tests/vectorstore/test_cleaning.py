from tests.conftest import BUNDLED
from vectorstore.chunking import split_passages
from vectorstore.cleaning import content_blocks, find_date, find_title, is_boilerplate
from vectorstore.language import detect_language

EXPECTED_LANGUAGES = {"000": "sq", "001": "sq", "002": "tl", "003": "sq", "004": "en"}
EXPECTED_DATES = {"003": "2023-07", "004": "2023-09-17"}


def _articles():
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(BUNDLED.iterdir())}


def test_language_of_every_bundled_article():
    assert {key: detect_language(text) for key, text in _articles().items()} == EXPECTED_LANGUAGES


def test_date_marker_is_read_and_absent_dates_are_none():
    dates = {key: find_date(text) for key, text in _articles().items()}
    assert dates == {key: EXPECTED_DATES.get(key) for key in dates}


def test_boilerplate_never_becomes_a_passage():
    for key, text in _articles().items():
        passages = split_passages(text, content_blocks(text), 160)
        assert passages, key
        for passage in passages:
            assert "Lexo më shumë" not in passage.text
            assert "YouTube player" not in passage.text
            assert passage.text.strip() not in {"Bota", "Rruga Press"}
            assert not passage.text.lstrip().startswith("date 20")
            assert text[passage.start:passage.end] == passage.text


def test_title_skips_section_label():
    text = _articles()["001"]
    assert find_title(text, content_blocks(text), "x").startswith("Kim Jong Un mbërrin në Rusi")


def test_labels_and_teasers_are_boilerplate_but_sentences_are_not():
    assert is_boilerplate("Bota")
    assert is_boilerplate("Lexo më shumë  Droni ukrainas hedhë në erë anijen ruse")
    assert is_boilerplate("YouTube player")
    assert not is_boilerplate("Kim also met with North Korean students in Vladivostok this Sunday.")
    # Chinese writes no spaces, so a whole paragraph is one "word": its full stop makes it a sentence.
    assert not is_boilerplate("北京市政府周一宣布开通一条新的地铁线路。该线路连接首都机场和市中心。")


MARKDOWN = """# Library opens in Durrës

## The building

The new city library opened its doors in Durrës on Monday, after two years of work.
- Its director is Elira Hoxha, who ran the school library in Shkodër before.
> "Every child in the city should have a card," she said at the opening.
1. The library holds forty thousand books in Albanian, English and Italian.
#hashtags stay as they are when no space follows them, as in this sentence.
"""


def test_markdown_marks_that_open_a_line_stay_out_of_passages():
    passages = split_passages(MARKDOWN, content_blocks(MARKDOWN), 160)
    texts = [p.text for p in passages]
    assert texts[0] == "Library opens in Durrës" and find_title(MARKDOWN, content_blocks(MARKDOWN), "x") == texts[0]
    assert any(t.startswith("Its director is Elira Hoxha") for t in texts)
    assert any(t.startswith('"Every child') for t in texts) and any(t.startswith("The library holds") for t in texts)
    assert any(t.startswith("#hashtags stay") for t in texts)
    assert not any(t.startswith(("# ", "## ", "- ", "> ", "1. ")) for t in texts)
    assert all(MARKDOWN[p.start:p.end] == p.text for p in passages)


def test_a_markdown_title_is_shown_without_its_inline_marks():
    text = "# **Library** opens in _Durrës_, see [the site](https://example.org/new_library)\n\nIt opened on Monday.\n"
    assert find_title(text, content_blocks(text), "x") == "Library opens in Durrës, see the site"
    # Underscores within a word and lone asterisks are no marks.
    text = "snake_case names * and 2 * 3 stay\n\nA sentence follows.\n"
    assert find_title(text, content_blocks(text), "x") == "snake_case names * and 2 * 3 stay"


def test_teasers_come_from_the_language_lexicons(monkeypatch):
    from vectorstore import cleaning, lexicon

    assert is_boilerplate("Related: Kim leaves Russia after a six-day visit to the Far East")  # kept before
    assert is_boilerplate("Basahin din: Umalis na si Kim Jong Un ng Rusya pagkatapos ng anim na araw")
    dutch = lexicon.Lexicon.from_toml("nl", 'teasers = ["lees ook"]')
    bundled = lexicon.lexicons()
    monkeypatch.setattr(lexicon, "lexicons", lambda: {**bundled, "nl": dutch})
    cleaning._teaser.cache_clear()
    try:
        assert is_boilerplate("Lees ook: Kim Jong Un vertrekt na zes dagen uit Rusland")
        assert not is_boilerplate("Kim Jong Un vertrekt na zes dagen uit Rusland, meldt het persbureau.")
    finally:
        cleaning._teaser.cache_clear()
