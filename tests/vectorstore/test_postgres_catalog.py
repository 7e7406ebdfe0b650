"""The catalog in PostgreSQL, against a real server: every read answers as the SQLite catalog's does (the lexical
search's top passages on every eval question too), a write is whole or absent, writers take turns, readers see
one article version, and a server that does not answer gets one line that says how to start it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT, SHARED, free_port
from tests.postgres_server import PostgresServer, postgres_bin
from vectorstore.catalog import ArticleRecord, PassageRecord, PassageSentences, SqliteCatalog, passage_id
from vectorstore.latent_terms import unpack
from vectorstore.text import lexical_form, query_grams, words_of

pytestmark = pytest.mark.skipif(postgres_bin() is None, reason="PostgreSQL's server binaries are not installed "
                                                               "(apt-get install postgresql)")
psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'qa-citations[postgres]')")
from vectorstore.catalog.postgres import WRITE_LOCK, PostgresCatalog  # noqa: E402  (needs psycopg)
from vectorstore.errors import IndexReadOnly, StoreUnavailable  # noqa: E402

EVAL_FILES = [SHARED / "eval" / "dev.jsonl", *sorted((ROOT / "eval").glob("*.jsonl"))]


@pytest.fixture(scope="session")
def postgres():
    server = PostgresServer(free_port())
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture
def catalog_url(postgres) -> str:
    """A new, empty database of the session's server."""
    return postgres.create_database(f"catalog_{uuid.uuid4().hex[:12]}")


# --- the articles both catalogs are filled with: the bundled index's, as its catalog keeps them ----------------
class Article:
    def __init__(self, record: ArticleRecord, text: str, passages: list[PassageRecord], vector_total: np.ndarray,
                 terms: list[bytes] | None, sentences: list[PassageSentences] | None):
        self.record, self.text, self.passages = record, text, passages
        self.vector_total, self.terms, self.sentences = vector_total, terms, sentences

    def put(self, catalog) -> None:
        folded = [lexical_form(self.text[p.start:p.end]) for p in self.passages]
        catalog.put_article(self.record, self.text, self.passages, folded, self.vector_total, self.terms,
                            self.sentences)

    def first_passages(self, count: int, content_hash: str) -> "Article":
        """A new version of the article: its first `count` passages, the text cut after them."""
        document = self.record.document
        kept = [PassageRecord(passage_id(document, content_hash, p.ordinal), document, p.ordinal, p.start, p.end)
                for p in self.passages[:count]]
        record = replace(self.record, content_hash=content_hash, passage_count=count)
        return Article(record, self.text[:kept[-1].end], kept, self.vector_total * count / len(self.passages),
                       self.terms and self.terms[:count], self.sentences and self.sentences[:count])


def bundled_articles(index_dir: Path) -> list[Article]:
    source = SqliteCatalog(index_dir / "catalog.sqlite3")
    raw = sqlite3.connect(index_dir / "catalog.sqlite3")  # what no read method returns: an article's own sums
    articles = []
    for record in source.articles():
        ids = [passage_id(record.document, record.content_hash, i) for i in range(record.passage_count)]
        found = source.passages(ids)
        passages = [found[i] for i in ids]
        total = np.frombuffer(raw.execute("SELECT total FROM article_vectors WHERE document = ?",
                                          (record.document,)).fetchone()[0], dtype=np.float64)
        terms = [row[0] for row in raw.execute(
            "SELECT t.terms FROM passages p JOIN passage_terms t ON t.passage = p.rowid WHERE p.document = ? "
            "ORDER BY p.ordinal", (record.document,))]
        sentences = source.passage_sentences(ids)
        articles.append(Article(record, source.article_text(record.document), passages, total,
                                terms if len(terms) == len(ids) else None,
                                [sentences[i] for i in ids] if len(sentences) == len(ids) else None))
    raw.close()
    source.close()
    assert len(articles) == 5 and all(a.terms and a.sentences for a in articles)
    return articles


@pytest.fixture(scope="module")
def articles(bundled_index) -> list[Article]:
    return bundled_articles(bundled_index)


def eval_questions() -> list[tuple[str, str | None]]:
    questions = []
    for path in EVAL_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                for turn in item.get("turns") or [item]:
                    questions.append((turn["question"], item.get("lang")))
    return questions


def same_ranking(expected: list[tuple[str, float]], found: list[tuple[str, float]], what: str) -> None:
    """The same passages in the same order with the same scores; passages of one score may swap places."""
    assert len(found) == len(expected), what
    assert np.allclose([s for _, s in found], [s for _, s in expected], rtol=1e-9, atol=1e-12), (what, expected, found)
    scores = [s for _, s in expected]
    for position, (pid, score) in enumerate(expected):
        tied = {p for p, s in expected if abs(s - score) <= 1e-9 * abs(score)}
        assert found[position][0] == pid or found[position][0] in tied, (what, expected, found)
    # a tie at the cut of the top list may let in another passage of that score; every other one is the same
    last = scores[-1] if scores else None
    assert {p for p, s in found if abs(s - last) > 1e-9 * abs(last)} == \
        {p for p, s in expected if abs(s - last) > 1e-9 * abs(last)}, what


def assert_same_catalog(sqlite: SqliteCatalog, postgres: PostgresCatalog, articles: list[Article]) -> None:
    """Every read of the interface gives the same result from both catalogs."""
    assert postgres.articles() == sqlite.articles()
    names = [a.record.document for a in articles]
    assert postgres.articles_by_name({*names[:2], "missing"}) == sqlite.articles_by_name({*names[:2], "missing"})
    assert postgres.article("missing") is None and postgres.article_text("missing") is None
    texts = postgres.article_texts({*names, "missing"})
    assert texts == sqlite.article_texts({*names, "missing"}) and "missing" not in texts
    assert texts == {name: sqlite.article_text(name) for name in names if sqlite.article(name)}
    ids = []
    for name in names:
        assert postgres.article(name) == sqlite.article(name)
        assert postgres.article_text(name) == sqlite.article_text(name)
        assert postgres.passage_texts(name) == sqlite.passage_texts(name)
        record = sqlite.article(name)
        if record:
            ids += [passage_id(name, record.content_hash, i) for i in range(record.passage_count)]
    assert ids and postgres.passages(ids + ["missing"]) == sqlite.passages(ids + ["missing"])
    assert postgres.passage_count() == sqlite.passage_count() == len(ids)
    assert postgres.is_empty() == sqlite.is_empty()
    assert postgres.languages() == sqlite.languages()
    assert postgres.passages_per_language() == sqlite.passages_per_language()
    means = sqlite.language_means()
    assert means and set(postgres.language_means()) == set(means)
    for language, mean in postgres.language_means().items():
        assert np.allclose(mean, means[language], rtol=1e-12, atol=1e-15), language
    assert postgres.pending() == sorted(sqlite.pending())
    assert postgres.never_filled() == sqlite.never_filled()
    for method in ("articles_without_vectors", "articles_without_terms", "articles_without_sentences"):
        assert getattr(postgres, method)() == getattr(sqlite, method)(), method

    found, expected = postgres.passage_sentences(ids + ["missing"]), sqlite.passage_sentences(ids + ["missing"])
    assert set(found) == set(expected) == set(ids)
    for pid in ids:
        assert np.array_equal(found[pid].bounds, expected[pid].bounds)
        assert np.array_equal(found[pid].vectors, expected[pid].vectors)

    total = sqlite.passage_count()
    stored_terms = [a.terms[i] for a in articles if sqlite.article(a.record.document) for i in range(len(a.passages))
                    if a.terms and i < sqlite.article(a.record.document).passage_count]
    for blob in stored_terms[::7]:  # a passage's own terms as a question: every pooled passage gets a score
        question = unpack(blob)
        scores = postgres.latent_term_scores(question, ids, total)
        assert scores.keys() == sqlite.latent_term_scores(question, ids, total).keys()
        assert np.allclose(list(scores.values()), list(sqlite.latent_term_scores(question, ids, total).values()))

    questions = eval_questions()
    words = sorted({w for q, _ in questions for w in words_of(q)})
    for word in words[::3]:
        for limit in (1, 1000):
            assert postgres.count_containing(word, limit) == sqlite.count_containing(word, limit), word
            assert postgres.count_word_starting(word[:4], limit) == sqlite.count_word_starting(word[:4], limit), word
    for fragment in ("ab", "", " kim jong", "18 muaj", "vladivostok.", "ë s"):
        assert postgres.count_containing(fragment, 100) == sqlite.count_containing(fragment, 100), fragment
    pairs = []
    for prefix in sorted({w[:3] for w in words})[::4] + ["", "ru"]:
        for lengths, limit in (((3, 20), 500), ((5, 8), 3)):
            assert postgres.words_starting(prefix, lengths, limit) == sqlite.words_starting(prefix, lengths, limit)
        for language in sqlite.languages() | {"xx"}:
            assert postgres.passages_with_prefix(prefix, language) == sqlite.passages_with_prefix(prefix, language)
            pairs.append((prefix, language))
    counts = postgres.passages_with_prefixes(pairs + pairs[:3])  # one read, repeated pairs too
    assert counts == sqlite.passages_with_prefixes(pairs) == {
        pair: sqlite.passages_with_prefix(*pair) for pair in pairs}
    assert any(counts.values()) and postgres.passages_with_prefixes([]) == {}

    for question, language in questions:
        grams = query_grams(question, limit=None)
        weights = postgres.gram_weights(grams)
        assert weights.keys() == sqlite.gram_weights(grams).keys()
        assert np.allclose(list(weights.values()), list(sqlite.gram_weights(grams).values()), rtol=1e-12)
        for only in (None, language):
            same_ranking(sqlite.lexical_search(question, 5, only), postgres.lexical_search(question, 5, only),
                         f"{question} ({only})")
    assert len(questions) > 200
    grams = query_grams(questions[0][0], limit=None)
    assert postgres.gram_weights(grams, 1000) == pytest.approx(sqlite.gram_weights(grams, 1000), rel=1e-12)


def test_every_read_answers_as_the_sqlite_catalog_does(articles, catalog_url, tmp_path):
    sqlite, postgres = SqliteCatalog(tmp_path / "catalog.sqlite3"), PostgresCatalog(catalog_url)
    assert postgres.read_only is False and postgres.is_empty() and postgres.never_filled()
    for article in articles:
        article.put(sqlite)
        article.put(postgres)
    assert_same_catalog(sqlite, postgres, articles)

    # Incremental changes: a shorter new version of one article, another deleted, a third's terms and sentences
    # added afresh, a pending write.
    shorter = articles[0].first_passages(3, "f" * 64)
    for catalog in (sqlite, postgres):
        shorter.put(catalog)
        catalog.delete_article(articles[1].record.document)
        catalog.put_article_terms(articles[2].record.document, articles[2].terms[::-1])
        catalog.put_article_sentences(articles[2].record.document, articles[2].sentences[::-1])
        catalog.put_article_vectors(articles[3].record.document, articles[3].record.language, 2,
                                    articles[3].vector_total / 2)
        catalog.mark_pending("doc", "hash")
        catalog.mark_ingest_started()
    assert_same_catalog(sqlite, postgres, [shorter, *articles[1:]])

    for catalog in (sqlite, postgres):
        catalog.clear_pending("doc", "hash")
        catalog.clear()
    assert postgres.is_empty() and postgres.passage_count() == 0 and postgres.lexical_search("Kim", 5) == []
    assert postgres.never_filled() is False  # an ingest was begun: it is the user's index, even empty
    sqlite.close()
    postgres.close()


def test_another_process_sees_each_write_at_once(articles, catalog_url):
    writer, reader = PostgresCatalog(catalog_url), PostgresCatalog(catalog_url)
    assert writer.catalog_id() == reader.catalog_id() != ""  # one catalog, whichever machine opens it
    version = reader.data_version()
    articles[0].put(writer)
    assert writer.data_version() == 0  # its own writes leave its version alone, as SQLite's data_version does
    assert reader.data_version() != version
    assert reader.article(articles[0].record.document) == articles[0].record
    assert [pid for pid, _ in reader.lexical_search("Vladivostok", 3)] == \
        [pid for pid, _ in writer.lexical_search("Vladivostok", 3)] != []
    with reader.snapshot():  # a snapshot keeps the state it began with
        articles[1].put(writer)
        assert reader.article(articles[1].record.document) is None
    assert reader.article(articles[1].record.document) == articles[1].record
    with writer.snapshot():  # a thread may write while it holds a snapshot, which keeps its state, as in SQLite
        articles[2].put(writer)
        assert writer.article(articles[2].record.document) is None
    assert writer.article(articles[2].record.document) == articles[2].record
    writer.close()
    reader.close()


def test_a_write_inside_a_snapshot_goes_through_beside_it_in_sqlite_too(articles, tmp_path):
    catalog = SqliteCatalog(tmp_path / "catalog.sqlite3")
    with catalog.snapshot():
        articles[2].put(catalog)
        assert catalog.article(articles[2].record.document) is None
    assert catalog.article(articles[2].record.document) == articles[2].record
    catalog.close()


def test_a_write_that_fails_midway_leaves_the_catalog_as_it_was(articles, catalog_url):
    catalog = PostgresCatalog(catalog_url)
    for article in articles[:2]:
        article.put(catalog)
    state = catalog_state(catalog, articles)
    first, second = articles[0], articles[1]
    # A new version of the first article whose last passage has the id of one of the second's: the database
    # refuses it after the old version was taken out and the new one's article, sums and passages went in.
    clashing = first.first_passages(4, "e" * 64)
    passages = clashing.passages[:-1] + [replace(clashing.passages[-1], id=second.passages[0].id)]
    with pytest.raises(psycopg.errors.UniqueViolation):
        catalog.put_article(clashing.record, clashing.text, passages,
                            [lexical_form(clashing.text[p.start:p.end]) for p in passages], clashing.vector_total,
                            clashing.terms, clashing.sentences)
    assert catalog_state(catalog, articles) == state
    with pytest.raises(psycopg.DataError):
        catalog.put_article(first.record, first.text + "\0", first.passages,  # a NUL: no PostgreSQL text holds one
                            [lexical_form(first.text[p.start:p.end]) for p in first.passages], first.vector_total)
    assert catalog_state(catalog, articles) == state
    first.put(catalog)  # and the next write goes through
    assert catalog_state(catalog, articles) == state
    catalog.close()


def catalog_state(catalog, articles: list[Article]) -> tuple:
    """What a user of the catalog can read of it (means and scores rounded: sums are subtracted and added back)."""
    names = [a.record.document for a in articles]
    return (catalog.articles(), [catalog.passage_texts(n) for n in names], catalog.passage_count(),
            catalog.passages_per_language(), {k: tuple(np.round(v, 9)) for k, v in catalog.language_means().items()},
            catalog.words_starting("", (3, 30), 100000), [catalog.passages_with_prefix(p, "en") for p in "abcdefkmrs"],
            [(pid, round(s, 9)) for pid, s in catalog.lexical_search("Kim Jong Un visited Vladivostok", 20)],
            catalog.count_containing("kim", 100), catalog.pending())


def test_writers_on_two_connections_take_turns(articles, catalog_url, tmp_path):
    """Two processes' catalogs replace the same article at once, over and over: every write goes through whole
    (without the lock they would clash on the article's key or deadlock on the shared counts)."""
    first, second = PostgresCatalog(catalog_url), PostgresCatalog(catalog_url)
    versions = [articles[0].first_passages(n, f"{n:064x}") for n in range(2, len(articles[0].passages) + 1)]
    errors: list[BaseException] = []

    def write(catalog, order):
        try:
            for version in order:
                version.put(catalog)
                articles[1].put(catalog)
        except BaseException as error:  # noqa: BLE001 -- reported by the test
            errors.append(error)

    threads = [threading.Thread(target=write, args=(first, versions)),
               threading.Thread(target=write, args=(second, versions[::-1]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    last = next(v for v in versions if v.record == first.article(articles[0].record.document))
    reference = SqliteCatalog(tmp_path / "catalog.sqlite3")
    last.put(reference)
    articles[1].put(reference)
    assert catalog_state(first, articles) == catalog_state(reference, articles)
    for catalog in (first, second, reference):
        catalog.close()


def test_a_write_waits_for_another_writers_turn_and_readers_do_not(articles, catalog_url):
    catalog = PostgresCatalog(catalog_url)
    articles[0].put(catalog)
    other_writer = psycopg.connect(catalog_url, autocommit=True)  # another machine's writer, mid-article
    other_writer.execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK,))
    done = threading.Event()
    thread = threading.Thread(target=lambda: (articles[1].put(catalog), done.set()))
    thread.start()
    started = time.monotonic()
    assert catalog.article(articles[0].record.document) == articles[0].record  # a read does not wait
    assert catalog.lexical_search("Vladivostok", 3)
    assert time.monotonic() - started < 2
    assert not done.wait(1.0)  # the write does
    other_writer.execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK,))
    assert done.wait(10)
    thread.join()
    assert catalog.article(articles[1].record.document) == articles[1].record
    other_writer.close()
    catalog.close()


def test_the_write_turn_is_one_process_at_a_time_on_any_machine(articles, catalog_url, capfd):
    first, second = PostgresCatalog(catalog_url), PostgresCatalog(catalog_url)  # as on two machines
    entered = threading.Event()

    def take_turn():
        with second.writer():
            entered.set()
            articles[1].put(second)

    with first.writer():
        with first.writer():  # reentrant in its holder
            articles[0].put(first)  # and the holder writes in its turn
        thread = threading.Thread(target=take_turn)
        thread.start()
        assert catalog_reads_at_once(second, articles[0])  # readers do not wait for the turn
        assert not entered.wait(2.5)  # the other writer does, and says so
        assert "Waiting for another process to finish writing to the catalog at" in capfd.readouterr().err
    assert entered.wait(10)
    thread.join()
    assert [a.document for a in first.articles()] == [articles[0].record.document, articles[1].record.document]
    first.close()
    second.close()


def catalog_reads_at_once(catalog, article: Article) -> bool:
    started = time.monotonic()
    found = catalog.article(article.record.document) == article.record and catalog.lexical_search("Kim", 3)
    return bool(found) and time.monotonic() - started < 2


def test_a_reader_during_writes_sees_the_old_or_the_new_article_never_half(articles, catalog_url):
    writer, reader = PostgresCatalog(catalog_url), PostgresCatalog(catalog_url)
    long, short = articles[0], articles[0].first_passages(2, "a" * 64)
    expected = {v.record.content_hash: [v.text[p.start:p.end] for p in v.passages] for v in (long, short)}
    long.put(writer)
    stop = threading.Event()

    def rewrite():
        while not stop.is_set():
            short.put(writer)
            long.put(writer)

    thread = threading.Thread(target=rewrite)
    thread.start()
    seen = set()
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with reader.snapshot():
                record = reader.article(long.record.document)
                texts = reader.passage_texts(long.record.document)
                count = reader.passage_count()
                both = reader.passages([p.id for p in long.passages + short.passages])
            assert texts == expected[record.content_hash]
            assert count == record.passage_count == len(both)
            assert all(p.id.startswith(f"{record.document}@{record.content_hash[:16]}#") for p in both.values())
            seen.add(record.content_hash)
    finally:
        stop.set()
        thread.join()
    assert seen == set(expected)  # both versions were read while the writer went back and forth
    writer.close()
    reader.close()


def test_a_read_only_role_reads_and_is_told_it_cannot_write(articles, catalog_url, postgres):
    writer = PostgresCatalog(catalog_url)
    articles[0].put(writer)
    writer.close()
    database = catalog_url.rsplit("/", 1)[1]
    postgres.psql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reader') THEN "
                  "CREATE ROLE reader LOGIN; END IF; END $$")
    postgres.psql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader", database)
    reader = PostgresCatalog(catalog_url.replace("postgres@", "reader@"))
    assert reader.read_only and not reader.never_filled()
    assert reader.catalog_id() == ""  # no writer made an id, and this role cannot
    assert reader.article(articles[0].record.document) == articles[0].record
    with pytest.raises(IndexReadOnly, match="read-only"):
        articles[1].put(reader)
    reader.close()


def test_a_server_that_does_not_answer_gets_one_line_naming_it(tmp_path):
    url = f"postgresql://postgres:secret@127.0.0.1:{free_port()}/catalog"
    env = {**os.environ, "QA_CATALOG_URL": url, "QA_CHROMA_URL": f"http://127.0.0.1:{free_port()}",
           "HF_HUB_OFFLINE": "1"}
    result = subprocess.run([sys.executable, "-m", "qa.cli", "--index-dir", str(tmp_path / "index"), "list"],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "PostgreSQL server at postgresql://postgres:***@127.0.0.1" in lines[0] and "does not answer" in lines[0]
    assert "pg_ctl" in lines[0] and "secret" not in lines[0] and "Traceback" not in result.stderr


def test_a_server_that_refuses_the_connection_or_a_malformed_url_is_named_as_such(postgres):
    from vectorstore.errors import IndexUnusable

    for url, said in ((postgres.url("no_such_database"), 'refused the connection .*"no_such_database" does not exist'),
                      (postgres.url().replace("postgres@", "nobody:secret@"), 'refused .*role "nobody" does not exist'),
                      ("mysql://localhost/catalog", "is not a PostgreSQL URL"),
                      ("postgresql://localhost:port/catalog", "is not a PostgreSQL URL")):
        with pytest.raises(IndexUnusable, match=said) as raised:
            PostgresCatalog(url)
        assert not isinstance(raised.value, StoreUnavailable) and "secret" not in str(raised.value)


def test_a_killed_server_is_reported_and_a_restarted_one_is_used_again(articles):
    server = PostgresServer(free_port())
    try:
        server.start()
        catalog = PostgresCatalog(server.create_database("catalog"))
        articles[0].put(catalog)
        server.kill()
        with pytest.raises(StoreUnavailable, match=r"PostgreSQL server at .* does not answer") as raised:
            catalog.articles()
        assert "\n" not in str(raised.value)
        with pytest.raises(StoreUnavailable):
            articles[1].put(catalog)
        server.start()
        assert catalog.articles() == [articles[0].record]  # nothing committed is lost, nothing half-written is there
        assert catalog.passage_texts(articles[0].record.document) == [
            articles[0].text[p.start:p.end] for p in articles[0].passages]
        articles[1].put(catalog)
        assert catalog.passage_count() == len(articles[0].passages) + len(articles[1].passages)
        catalog.close()
    finally:
        server.remove()
