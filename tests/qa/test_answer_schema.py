"""`qa ask --json` prints what docs/answer.schema.json documents: an answer, an abstention and a language-filtered
question, each as the real command prints it, validate against the schema (draft 2020-12)."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

import qa
from qa import CITATION
from tests.conftest import ROOT, run_qa

SCHEMA = json.loads((ROOT / "docs" / "answer.schema.json").read_text(encoding="utf-8"))


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


ASKED = {
    "answered": ["Who is the governor of the Primorye region?"],
    "not in articles": ["Who won the 2022 football World Cup?"],
    "language filter": ["Who is the governor of the Primorye region?", "--language", "tl"],
}


@pytest.fixture(scope="module")
def printed(bundled_index) -> dict[str, dict]:
    """What `qa ask --json` prints for each question of ASKED, by the reason expected."""
    answers = {}
    for reason, arguments in ASKED.items():
        result = run_qa("ask", "--json", *arguments, index_dir=bundled_index)
        assert result.returncode == 0, result.stderr
        answers[reason] = json.loads(result.stdout)
    return answers


@pytest.mark.parametrize("reason", list(ASKED))
def test_qa_ask_json_output_matches_the_schema(printed, reason):
    answer = printed[reason]
    errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
              for error in Draft202012Validator(SCHEMA).iter_errors(answer)]
    assert errors == []
    assert answer["reason"] == reason
    # An abstention after the search keeps what it found, so that the reader can look for themselves.
    assert answer["sources"]
    assert any(source["quotes"] for source in answer["sources"]) == (reason == "answered")


SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")
CORROBORATED = re.compile(r"\(also reported in [^()]*\)")


def test_an_answers_quotes_are_whole_sentences_of_its_passages_that_its_text_quotes(printed, bundled_index):
    answer = printed["answered"]
    quoted = {}  # source number -> its quoted sentences
    for number, source in enumerate(answer["sources"], 1):
        article = qa.article(source["document"], index_dir=bundled_index)
        quoted[number] = [article[quote["start"] : quote["end"]] for quote in source["quotes"]]
        for quote, sentence in zip(source["quotes"], quoted[number]):
            assert source["start"] <= quote["start"] < quote["end"] <= source["end"], (number, quote)
            before = article[: quote["start"]].rstrip()
            assert sentence == sentence.strip() and SENTENCE_END.search(sentence), sentence  # ends as one
            assert quote["start"] == source["start"] or not before or SENTENCE_END.search(before), sentence  # starts
    # Each sentence of the answer is a quoted sentence of the source it cites first, word for word; the note after
    # it names the sources that report its fact too, whose quotes are the sentences that do.
    for sentence in answer["sentences"]:
        claim = CITATION.sub("", CORROBORATED.sub("", sentence["text"])).strip()
        assert claim in quoted[sentence["citations"][0]], claim
        assert claim in answer["text"]
        for number in sentence["citations"][1:]:
            assert quoted[number], f"[{number}] is named as reporting {claim!r} but marks no sentence"


def test_the_schema_refuses_what_the_command_never_prints(printed):
    """Strict enough to catch drift: a field it does not know, an offset out of range, a source without its quotes,
    an abstention that quotes, one before the search with sources."""
    validator = Draft202012Validator(SCHEMA)
    answer = printed["answered"]
    source = answer["sources"][0]
    assert validator.is_valid(answer)
    assert not validator.is_valid({**answer, "confidence": 0.9})
    assert not validator.is_valid({**answer, "sources": [{**source, "start": -1}]})
    assert not validator.is_valid({**answer, "sources": [{k: v for k, v in source.items() if k != "quotes"}]})
    assert not validator.is_valid({**answer, "sources": [{**source, "quotes": [{"start": 3}]}]})
    assert not validator.is_valid({**answer, "abstained": True, "reason": "not in articles"})
    abstained = printed["not in articles"]
    assert validator.is_valid(abstained)
    assert not validator.is_valid({**abstained, "sources": [source]})  # it quotes nothing
    assert not validator.is_valid({**abstained, "reason": "no articles"})  # it did not search
