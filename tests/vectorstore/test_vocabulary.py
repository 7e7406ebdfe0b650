"""The word index behind the cross-language bridge: what it finds, what it skips, and how it is kept."""

import numpy as np

import qa
from qa.prepare import word_counterparts
from tests.conftest import BUNDLED
from vectorstore.embedding import query_embeddings
from vectorstore.text import words_of
from vectorstore.chroma_client import SEARCHED_WHOLE_BELOW
from vectorstore.vocabulary import NEIGHBOURS, AskedWords


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


def _asked(vocabulary, monkeypatch) -> dict[str, int]:
    """How many neighbours the bridge asks each language's Chroma collection for (its own query, recorded)."""
    asked: dict[str, int] = {}
    for language in ("en", "sq", "tl"):
        collection = vocabulary.collection(language)
        query = collection.query

        def recorded(*args, _language=language, _query=query, **kwargs):
            asked[_language] = kwargs["n_results"]
            return _query(*args, **kwargs)

        monkeypatch.setattr(collection, "query", recorded)
    return asked


def test_a_small_vocabulary_gives_every_question_word_its_true_nearest_words(bundled_index, monkeypatch):
    """Chroma builds the graph of a collection under its sync threshold anew in each process that loads it, and a
    search of a few neighbours could miss the nearest word in one process and not in the next: the same question
    bridged differently after a restart. A vocabulary that small is held in memory and searched whole, without
    asking Chroma: its nearest words are exact."""
    index = qa.open_index(bundled_index, build_default=False)
    vocabulary = index.vocabulary
    asked = _asked(vocabulary, monkeypatch)
    question = "Which gifts did the governor give Kim before his armoured train left the station?"
    words = [word for word in words_of(question) if len(word) > 3]
    vectors = np.array(query_embeddings(index.embedder, words))
    for language in ("sq", "tl"):
        stored = vocabulary.collection(language).get(include=["embeddings"])
        assert NEIGHBOURS < len(stored["ids"]) < SEARCHED_WHOLE_BELOW
        matrix = np.array(stored["embeddings"])
        exact = (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)) @ vectors.T
        for column, found in enumerate(vocabulary.nearest(language, vectors.tolist())):
            order = np.argsort(-exact[:, column], kind="stable")[:NEIGHBOURS]
            assert [word for word, _ in found] == [stored["ids"][i] for i in order], words[column]
            assert np.allclose([similarity for _, similarity in found], exact[order, column])
    assert word_counterparts(index, index.settings, question, "en")
    assert asked == {}


def test_words_stored_after_a_question_are_found_by_the_next(corpus_copy, index_dir):
    """The held words are read again after this process stores an article: its words are counterparts at once."""
    for path in corpus_copy.iterdir():
        if path.name[:3] not in ("000", "004"):  # one Albanian article and the English one
            path.unlink()
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    index = qa.open_index(index_dir, build_default=False)
    question = "Which Japanese news agency reported the train's arrival?"
    before = word_counterparts(index, index.settings, question, "en")  # the Albanian words are held now
    assert "japoneze" not in before
    qa.ingest(BUNDLED / "001_24cdb1bdea82b61a.txt", index_dir=index_dir, show_progress=False)  # says "japoneze"
    assert qa.open_index(index_dir, build_default=False) is index  # the same process's index, not a reopened one
    assert "japoneze" in word_counterparts(index, index.settings, question, "en")


def test_a_large_vocabulary_is_searched_for_a_few_neighbours(corpus_copy, index_dir, monkeypatch):
    """From its sync threshold on, Chroma keeps a collection's graph saved, the same in every process: a few
    neighbours are searched, as many as the bridge looks at, and the words are not held in memory."""
    for path in corpus_copy.iterdir():
        if path.name[:3] not in ("000", "004"):  # one Albanian article and the English one
            path.unlink()
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    index = qa.open_index(index_dir, build_default=False)
    collection = index.vocabulary.collection("sq")
    filler = np.random.default_rng(0).normal(size=(SEARCHED_WHOLE_BELOW, index.dimension))
    collection.add(ids=[f"filler{i}" for i in range(len(filler))], embeddings=filler.tolist())
    qa.close_indexes()
    index = qa.open_index(index_dir, build_default=False)
    asked = _asked(index.vocabulary, monkeypatch)
    found = word_counterparts(index, index.settings, "Which station did the train leave from?", "en")
    assert asked == {"sq": NEIGHBOURS} and found and not any(word.startswith("filler") for word in found)
    assert index.vocabulary.held("sq").vectors(["stacionin"]) is None


def test_an_inflection_of_a_stored_word_borrows_its_vector(bundled_index):
    """"gifts" and Albanian "ekspozitën" are in no bundled article, "gift" and "ekspozitë" are: their stored vectors
    stand in, with no model pass; a word that shares fewer letters with every stored word ("receptor" and
    "received" share four of eight) is left to the model."""
    index = qa.open_index(bundled_index, build_default=False)
    words_starting = index.catalog.words_starting
    assert index.vocabulary.stored_vectors(["gifts", "ekspozitën", "receptor"], ["en", "sq"]) == {}
    stored = index.vocabulary.stored_vectors(["gift"], ["en"]) | index.vocabulary.stored_vectors(["ekspozitë"], ["sq"])
    english = index.vocabulary.inflection_vectors(["gifts", "receptor"], "en", words_starting)
    assert list(english) == ["gifts"] and np.allclose(english["gifts"], stored["gift"])
    albanian = index.vocabulary.inflection_vectors(["ekspozitën"], "sq", words_starting)
    assert np.allclose(albanian["ekspozitën"], stored["ekspozitë"])
    # Another language's stored word is no inflection of it.
    assert index.vocabulary.inflection_vectors(["ekspozitën"], "en", words_starting) == {}


def test_a_question_embeds_only_the_words_no_stored_word_stands_for(bundled_index, monkeypatch):
    import qa.prepare

    asked = []
    passes = qa.prepare.question_passes

    def recording(embedder, texts, words, terms):
        asked.extend(words)
        return passes(embedder, texts, words, terms)

    monkeypatch.setattr(qa.prepare, "question_passes", recording)
    answer = qa.query("What gifts did Kim Jong Un receive before leaving Russia?", index_dir=bundled_index)
    assert not answer.abstained
    assert "gifts" not in asked and "receive" not in asked  # "gift" and "received" are stored
    assert "leaving" in asked  # no stored word ends "leaving" another way
    # A name keeps its own pass, though the index holds another case of it ("Vlladivostok" for "Vlladivostokut").
    index = qa.open_index(bundled_index, build_default=False)
    assert "vlladivostokut" in index.vocabulary.inflection_vectors(["vlladivostokut"], "sq",
                                                                   index.catalog.words_starting)
    asked.clear()
    qa.query("Me kë shkoi Kim Jong Un në oqeanarin e Vlladivostokut?", index_dir=bundled_index)
    assert "vlladivostokut" in asked


def test_a_question_word_the_vocabulary_lacks_is_embedded_once_per_process(bundled_index):
    # "ibinigay" and "nagbigay" are in no article: each is a sequence of its own in the question's model pass, and the
    # next question that asks it takes the vector that pass made, exactly.
    index = qa.open_index(bundled_index, build_default=False)
    question = "Ano ang ibinigay ng Rusya kay Kim at sino ang nagbigay nito?"
    first = qa.query(question, index_dir=bundled_index)
    kept = index.vocabulary.asked.get(words_of(question))
    assert kept, "the words the vocabulary lacks should be kept after the question's pass"
    assert not set(kept) & set(index.vocabulary.stored_vectors(list(kept), index.catalog.languages()))
    fresh = query_embeddings(index.embedder, list(kept))
    assert all(np.array_equal(np.asarray(kept[word]), np.asarray(vector)) for word, vector in zip(kept, fresh))
    again = qa.query(question, index_dir=bundled_index)
    def seen(answer):
        return answer.text, [(source.document, source.start) for source in answer.sources]
    assert seen(again) == seen(first)


def test_the_kept_question_words_are_the_most_recently_asked():
    asked = AskedWords(size=2)
    asked.put({"una": (1.0, 0.0), "dalawa": (0.0, 1.0)})
    assert asked.get(["una"]) == {"una": (1.0, 0.0)}  # asked again: now the most recent
    asked.put({"tatlo": (0.5, 0.5)})
    assert set(asked.get(["una", "dalawa", "tatlo"])) == {"una", "tatlo"}
