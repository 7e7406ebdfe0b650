"""`qa ask --json` prints what docs/answer.schema.json documents: an answer, an abstention and a language-filtered
question, each as the real command prints it, validate against the schema (draft 2020-12)."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

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
    assert bool(answer["sources"]) == (reason == "answered")


def test_the_schema_refuses_what_the_command_never_prints(printed):
    """Strict enough to catch drift: a field it does not know, an offset out of range, an abstention with sources."""
    validator = Draft202012Validator(SCHEMA)
    answer = printed["answered"]
    assert validator.is_valid(answer)
    assert not validator.is_valid({**answer, "confidence": 0.9})
    assert not validator.is_valid({**answer, "sources": [{**answer["sources"][0], "start": -1}]})
    assert not validator.is_valid({**answer, "abstained": True, "reason": "not in articles"})
