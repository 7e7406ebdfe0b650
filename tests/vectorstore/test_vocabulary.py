"""The word index behind the cross-language bridge: what it finds, what it skips, and how it is kept."""

import qa
from qa.prepare import word_counterparts
from tests.conftest import BUNDLED
from vectorstore.text import words_of


def _counterparts(index_dir, question: str, question_language: str) -> list[str]:
    index = qa.open_index(index_dir, build_default=False)
    return word_counterparts(index, index.settings, question, question_language)


def test_english_words_reach_their_albanian_and_tagalog_counterparts(bundled_index):
    found = _counterparts(bundled_index, "For how many months had Russia been at war when Kim arrived?", "en")
    assert "muaj" in found  # months: the Albanian article says "18 muaj luftë"
    assert any(word.startswith("luft") for word in found)  # war
    found = _counterparts(bundled_index, "Which station did the train leave from?", "en")
    assert "stacionin" in found or "istasyon" in found


def test_albanian_words_reach_english_ones(bundled_index):
    found = _counterparts(bundled_index, "Cilën shfaqje ndoqi Kim në teatër?", "sq")
    assert "show" in found or "theater" in found


def test_function_words_are_never_counterparts(bundled_index):
    """'and', 'the', 'of' sit near 'dhe', 'të', 'ang' and 'mga', which most passages of their language hold."""
    found = _counterparts(bundled_index, "What did the officials of Russia and of Korea say about the war?", "en")
    assert found, "the content words should still find counterparts"
    assert not {"dhe", "të", "në", "ang", "mga", "sa", "ng", "nga", "për"} & set(found)


def test_interrogatives_and_auxiliaries_are_not_bridged(bundled_index):
    """'how' sits near 'mënyrë' (manner) and 'had' near 'kishte': matching those finds passages by their
    grammar, and pushed "18 muaj luftë" out of the top five for the months question."""
    found = _counterparts(bundled_index, "For how many months had Russia been at war when Kim arrived?", "en")
    assert "muaj" in found
    assert not {"mënyrë", "kishte", "bien", "panahon"} & set(found)  # how, had, been, when
    assert _counterparts(bundled_index, "When had it been?", "en") == []


def test_no_counterparts_in_the_question_language_or_without_other_languages(corpus_copy, index_dir):
    for path in corpus_copy.iterdir():
        if not path.name.startswith("004"):
            path.unlink()  # only the English article is left
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert _counterparts(index_dir, "How many months had Russia been at war?", "en") == []


def test_every_stored_word_is_in_the_vocabulary(bundled_index):
    index = qa.open_index(bundled_index, build_default=False)
    for record in index.catalog.articles():
        stored = set(index.vocabulary.collection(record.language).get(include=[])["ids"])
        assert set(words_of(index.catalog.article_text(record.document))) <= stored, record.document


def test_an_index_from_before_the_vocabulary_gets_it_on_open(index_dir):
    qa.ingest(BUNDLED, index_dir=index_dir, show_progress=False)
    index = qa.open_index(index_dir, build_default=False)
    prefix = index.settings.words_collection_prefix
    for collection in index.client.list_collections():
        name = getattr(collection, "name", collection)
        if name.startswith(prefix):
            index.client.delete_collection(name)
    index.collection.modify(metadata={k: v for k, v in index.collection.metadata.items()
                                      if k != "vocabulary" and not k.startswith("hnsw:")})
    qa.close_indexes()

    assert "muaj" in _counterparts(index_dir, "How many months had Russia been at war?", "en")
    answer = qa.query("For how many months had Russia been at war when Kim arrived?", index_dir=index_dir)
    assert not answer.abstained
