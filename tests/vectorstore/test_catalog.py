"""The SQLite catalog: the lexical search's grams, and the word counts the cross-language bridge reads."""

import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

import qa
from tests.conftest import ROOT, change_one_article_and_remove_another
from vectorstore.catalog import SqliteCatalog
from vectorstore.text import MAX_QUERY_GRAMS, query_grams, words_of
from vectorstore.errors import IndexDamaged, IndexUnusable

LONG_QUESTION = (
    "Apart from missiles and drones, which officials, generals, ministers, analysts and reporters from "
    "Russia, China, Japan and both Koreas spoke about the train, the summit, the factory, the frigate, "
    "the bombers and the theatre during the visit to Vladivostok and the cosmodrome?"
)


def grams_in_a_new_process(hash_seed: str) -> str:
    code = f"from vectorstore.text import query_grams; print(query_grams({LONG_QUESTION!r}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={"PYTHONHASHSEED": hash_seed, "PATH": ""}, check=True)
    return result.stdout


def test_a_long_question_searches_the_same_grams_in_every_process():
    # More grams than the limit: which ones are kept must not depend on Python's string hashing,
    # or the same question ranks passages differently from one run to the next.
    assert len(query_grams(LONG_QUESTION, limit=None)) > MAX_QUERY_GRAMS
    assert grams_in_a_new_process("1") == grams_in_a_new_process("2") == grams_in_a_new_process("3")


def test_longer_words_keep_their_grams_under_the_limit():
    grams = query_grams(LONG_QUESTION)
    assert len(grams) == MAX_QUERY_GRAMS
    assert grams[:3] == ["vla", "lad", "adi"]  # "vladivostok", the longest word, comes first
    assert "rom" in grams and "ome" in grams  # and the ten-letter "cosmodrome" is kept whole


def _recounted(catalog_path) -> Counter:
    """(language, word) -> passages containing it, counted afresh from the stored passages."""
    db = sqlite3.connect(catalog_path)
    rows = db.execute("SELECT a.language, a.text, p.start, p.end FROM passages p "
                      "JOIN articles a ON a.document = p.document").fetchall()
    db.close()
    return Counter((language or "", word) for language, text, start, end in rows for word in words_of(text[start:end]))


def _stored(catalog_path) -> Counter:
    db = sqlite3.connect(catalog_path)
    rows = db.execute("SELECT language, word, passages FROM language_words").fetchall()
    db.close()
    return Counter({(language, word): passages for language, word, passages in rows})


def test_word_counts_follow_every_added_changed_and_removed_article(corpus_copy, index_dir):
    catalog_path = index_dir / "catalog.sqlite3"
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert _stored(catalog_path) == _recounted(catalog_path)
    index = qa.open_index(index_dir, build_default=False)
    muaj = index.catalog.passages_with_prefix("muaj", "sq")
    assert muaj >= 1

    change_one_article_and_remove_another(corpus_copy, index_dir)
    assert _stored(catalog_path) == _recounted(catalog_path)
    assert index.catalog.passages_with_prefix("muaj", "sq") == muaj - 1
    assert index.catalog.passages_with_prefix("javë", "sq") >= 1
    assert index.catalog.passages_with_prefix("the", "en") == 0  # the English article is gone


def test_prefix_counts_take_in_the_word_family(bundled_index):
    catalog = qa.open_index(bundled_index, build_default=False).catalog
    exact = _stored(bundled_index / "catalog.sqlite3")
    family = sum(n for (language, word), n in exact.items() if language == "en" and word.startswith("russia"))
    assert exact[("en", "russian")] and catalog.passages_with_prefix("russia", "en") == family > exact[("en", "russia")]


def test_a_catalog_from_before_the_word_counts_gets_them_on_open(index_dir):
    qa.ingest(ROOT / "data" / "articles", index_dir=index_dir, show_progress=False)
    qa.close_indexes()
    catalog_path = index_dir / "catalog.sqlite3"
    db = sqlite3.connect(catalog_path)
    db.executescript("DROP TABLE language_words; PRAGMA user_version = 0;")
    db.close()

    catalog = SqliteCatalog(catalog_path)
    assert catalog.passages_with_prefix("muaj", "sq") >= 1
    catalog.close()
    assert _stored(catalog_path) == _recounted(catalog_path)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder that takes no new file (/proc)")
def test_a_folder_that_takes_no_new_file_is_not_called_damaged():
    with pytest.raises(IndexUnusable, match="cannot be made in /proc") as refused:
        SqliteCatalog(Path("/proc") / "catalog.sqlite3")
    assert not isinstance(refused.value, IndexDamaged)  # a rebuild would not help


def test_a_name_in_quotes_or_brackets_is_a_known_word_and_its_question_is_answered(tmp_path, index_dir):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "wreck.txt").write_text(
        "Divers reach an old wreck\n\n"
        "Divers from the town of Porto Vell reached the wreck of the merchant ship \"Santa Lucia\" on Tuesday. "
        "The ship (Lucia to its crew) sank in a storm in 1631, with a cargo of porcelain and salt.\n\n"
        "The divers brought up a bronze bell and twelve plates, which go to the town's museum next spring.\n",
        encoding="utf-8")
    qa.ingest(folder, index_dir=index_dir, show_progress=False)
    catalog = qa.open_index(index_dir, build_default=False).catalog
    assert catalog.count_word_starting("sant", 1) == 1 and catalog.count_word_starting("luci", 5) == 1
    answer = qa.query("In what year did the Santa Lucia sink?", index_dir=index_dir)
    assert not answer.abstained and "1631" in answer.text  # "Santa", after a quote mark, is no unknown name


def test_the_lexical_search_leaves_out_the_trigrams_half_the_passages_hold_and_ranks_as_with_them(bundled_index):
    """FTS5's BM25 weighs a trigram that half the passages or more hold at 1e-6, yet scores every passage holding one:
    searched without them (given the question's `gram_weights`), the passages and their order are the same."""
    from qa.evaluation import load_questions
    from tests.conftest import SHARED
    from vectorstore.catalog.sqlite.lexical import COMMON_WEIGHT

    catalog = qa.open_index(bundled_index, build_default=False).catalog
    total, left_out = catalog.passage_count(), 0
    with closing(sqlite3.connect(catalog.path)) as reader:
        held = dict(reader.execute("SELECT term, doc FROM passage_gram_counts"))  # as FTS5 itself counts them
    for question in load_questions(SHARED / "eval" / "dev.jsonl"):
        weights = catalog.gram_weights(query_grams(question.question, limit=None), total)
        searched = query_grams(question.question)
        common = [g for g in searched if weights[g] <= COMMON_WEIGHT]
        telling = [g for g in searched if weights[g] > COMMON_WEIGHT]
        # The trigrams left out are those FTS5 itself counts as in half the passages or more.
        assert all(held[g] * 2 >= total for g in common)
        for limit in (5, 10):
            without = catalog.lexical_search(question.question, limit, weights=weights)
            with_all = catalog.lexical_search(question.question, limit)
            assert [pid for pid, _ in without] == [pid for pid, _ in with_all], question.question
            assert [round(s, 3) for _, s in without] == [round(s, 3) for _, s in with_all]
            left_out += bool(common and telling and len(catalog._lexical._search(telling, limit, None)) >= limit)
    assert left_out, "no question's search left a trigram out: the test would prove nothing"


def _kept_and_fts5_counts(catalog_path: Path) -> tuple[dict, dict]:
    with closing(sqlite3.connect(catalog_path)) as db:
        return (dict(db.execute("SELECT gram, passages FROM gram_passages")),
                dict(db.execute("SELECT term, doc FROM passage_gram_counts")))


def test_the_trigram_counts_kept_are_fts5_s_own_after_adds_updates_removals_and_an_upgrade(corpus_copy, index_dir):
    # The lexical weights read the kept counts (one lookup a trigram); FTS5's vocabulary walks each trigram's list.
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    catalog_path = index_dir / "catalog.sqlite3"
    kept, fts5 = _kept_and_fts5_counts(catalog_path)
    assert kept == fts5 and len(kept) > 1000
    change_one_article_and_remove_another(corpus_copy, index_dir)
    kept_after, fts5_after = _kept_and_fts5_counts(catalog_path)
    assert kept_after == fts5_after and kept_after != kept
    assert all(len(gram) == 3 for gram in kept_after)
    # A catalog written before the counts were kept gets them when it is opened.
    qa.close_indexes()
    with closing(sqlite3.connect(catalog_path)) as db:
        db.executescript("DROP TABLE gram_passages; PRAGMA user_version = 1;")
    SqliteCatalog(catalog_path).close()
    assert _kept_and_fts5_counts(catalog_path)[0] == fts5_after
    qa.remove("001_24cdb1bdea82b61a.txt", index_dir=index_dir)
    kept_removed, fts5_removed = _kept_and_fts5_counts(catalog_path)
    assert kept_removed == fts5_removed and all(n > 0 for n in kept_removed.values())
