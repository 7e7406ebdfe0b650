"""Score the assistant on a question set (format and scoring as in the shared eval README)."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from qa.citation_check import split_sentences
from qa.questions import check_question
from qa.types import CITATION, Answer, QuestionError

METRICS = ("evidence@k", "mrr", "answer_hit", "citation_validity", "supported", "exact_spans", "abstention")
# How the answers read: the first sentence leads with the answer, the median length, refusals by topic, and
# answerable questions refused. `answer_words` is a median over the answers given; the others are shares.
ANSWER_METRICS = ("first_sentence_hit", "answer_words", "false_abstention", "abstention_on", "abstention_off")
SHORTFALLS = (*METRICS, "first_sentence_hit")  # the per-question measures where 1 is right and less falls short


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    lang: str
    kind: str
    question: str
    gold_docs: list[str]
    answer_any: list[str]
    topic: str = ""  # "on" or "off" on a `none` question; "" when the file does not say


FIELDS = ("id", "lang", "kind", "question", "gold_docs", "answer_any")
KINDS = ("mono", "cross", "multi", "none")
TOPICS = ("on", "off")


def load_questions(path: Path) -> list[EvalQuestion]:
    """The questions of a .jsonl file; ValueError, naming the file and line, when it cannot be read as one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file; give a .jsonl question file (../shared/eval/dev.jsonl)") from None
    except IsADirectoryError:
        raise ValueError(f"{path} is a folder; give a .jsonl question file in it") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not UTF-8 text; a question file has one JSON object per line") from None
    except OSError as error:
        raise ValueError(f"{path} cannot be read ({error.strerror or error})") from None
    questions = []
    seen_ids: set = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not a JSON object ({error})") from None
        missing = [name for name in FIELDS if not isinstance(item, dict) or name not in item]
        if missing:
            raise ValueError(f"{path}:{number}: a question line needs the fields {', '.join(FIELDS)}; "
                             f"missing: {', '.join(missing)}")
        problem = _field_problem(item, seen_ids)
        if problem:
            raise ValueError(f"{path}:{number}: {problem}")
        seen_ids.add(item["id"])
        questions.append(EvalQuestion(item["id"], item["lang"], item["kind"], item["question"],
                                      list(item["gold_docs"]), list(item["answer_any"]), item.get("topic", "")))
    if not questions:
        raise ValueError(f"{path} holds no questions; a question file has one JSON object per line")
    return questions


def _field_problem(item: dict, seen_ids: set) -> str | None:
    """What is wrong with a question line's fields (../shared/eval/README.md), or None: checked before any
    question is asked, since a wrong type would otherwise score 0 without a word, or fail halfway."""
    def strings(value) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)

    if not isinstance(item["id"], (str, int)) or isinstance(item["id"], bool) or item["id"] in seen_ids:
        return f"id {item['id']!r:.40} is not a string or number of its own (each line needs another id)"
    if item["kind"] not in KINDS:
        return f"kind {item['kind']!r:.40} is not one of {', '.join(KINDS)}"
    if not isinstance(item["lang"], str) or not item["lang"].strip():
        return f"lang {item['lang']!r:.40} is not a language code such as en, sq or tl"
    try:
        check_question(item["question"])
    except QuestionError as error:
        return f"question: {error}"
    for name in ("gold_docs", "answer_any"):
        if not strings(item[name]):
            return f"{name} is not a list of strings, as [\"004\"] or [\"Kozhemiako\"]: {item[name]!r:.60}"
        if (item["kind"] == "none") != (not item[name]):
            return (f"{name} is {'not ' if item['kind'] == 'none' else ''}empty, but kind is {item['kind']!r}: only "
                    "'none' questions, which the articles do not answer, have no gold articles and no answer strings")
    if "topic" in item and (item["kind"] != "none" or item["topic"] not in TOPICS):
        return (f"topic {item['topic']!r:.40} is for 'none' questions only, and is 'on' (about the articles' "
                "subject, which they just don't answer) or 'off' (about something else)")
    return None


def is_gold(question: EvalQuestion, document: str, text: str) -> bool:
    lowered = text.lower()
    return document[:3] in question.gold_docs and any(a.lower() in lowered for a in question.answer_any)


def _answer_hit(question: EvalQuestion, answer: Answer) -> bool:
    if answer.abstained:
        return False
    return any(_holds_answer(question, answer, sentence, [int(n) for n in CITATION.findall(sentence)])
               for sentence in re.split(r"(?<=\])\s+", answer.text))


def _holds_answer(question: EvalQuestion, answer: Answer, sentence: str, citations: list[int]) -> bool:
    """Whether the sentence holds an answer string and cites a gold source that holds the same string."""
    lowered = sentence.lower()
    for needle in (a.lower() for a in question.answer_any):
        if needle not in lowered:
            continue
        for n in citations:
            if 1 <= n <= len(answer.sources):
                source = answer.sources[n - 1]
                if source.document[:3] in question.gold_docs and needle in source.text.lower():
                    return True
    return False


def _first_sentence_hit(question: EvalQuestion, answer: Answer) -> bool:
    """The answer leads with what was asked: its first sentence (as the citation check splits the answer, with the
    [n] markers written after its full stop) holds an answer string and cites a gold source that holds it."""
    if answer.abstained:
        return False
    sentences = split_sentences(answer.text)
    return bool(sentences) and _holds_answer(question, answer, sentences[0].text, sentences[0].citations)


def answer_words(text: str) -> int:
    """Words of an answer as a reader sees them, without its [n] markers."""
    return len(CITATION.sub(" ", text).split())


def score_answer(question: EvalQuestion, answer: Answer, k: int, article: Callable[[str], str]) -> dict:
    answerable = question.kind != "none"
    scores: dict = {}
    if answerable:
        ranks = [i for i, s in enumerate(answer.sources[:k], start=1) if is_gold(question, s.document, s.text)]
        scores["evidence@k"] = 1.0 if ranks else 0.0
        scores["mrr"] = 1.0 / ranks[0] if ranks else 0.0
        scores["answer_hit"] = 1.0 if _answer_hit(question, answer) else 0.0
    cited = [int(n) for n in CITATION.findall(answer.text)]
    valid = all(1 <= n <= len(answer.sources) for n in cited) and not answer.invalid_citations
    scores["citation_validity"] = 1.0 if valid else 0.0  # counts the citations a model wrote that were removed
    scores["exact_spans"] = 1.0 if all(article(s.document)[s.start:s.end] == s.text for s in answer.sources) else 0.0
    scores["abstention"] = 1.0 if answer.abstained == (not answerable) else 0.0
    if answerable:
        scores["first_sentence_hit"] = 1.0 if _first_sentence_hit(question, answer) else 0.0
        scores["false_abstention"] = 1.0 if answer.abstained else 0.0
        if not answer.abstained:
            scores["answer_words"] = answer_words(answer.text)
    elif question.topic in TOPICS:
        scores[f"abstention_{question.topic}"] = 1.0 if answer.abstained else 0.0
    if answer.sentences:
        scores["supported"] = sum(s.supported for s in answer.sentences) / len(answer.sentences)
    return scores


def evaluate(
    questions: list[EvalQuestion], ask: Callable[[str], Answer], k: int, article: Callable[[str], str]
) -> tuple[dict[str, dict[str, float]], list[dict]]:
    """Each metric overall, per kind and per language (the median of `answer_words`, the mean of the others);
    plus one row per question."""
    groups: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    rows = []
    for question in questions:
        answer = ask(question.question)
        scores = score_answer(question, answer, k, article)
        rows.append({"id": question.id, "kind": question.kind, "lang": question.lang, "topic": question.topic,
                     "abstained": answer.abstained, "reason": answer.reason.value, "rule": answer.rule,
                     "mode": answer.mode, "fallback": answer.fallback, "notice": answer.notice,
                     "sentences": len(answer.sentences),
                     "supported_sentences": sum(s.supported for s in answer.sentences),
                     "uncited_sentences": sum(not s.citations for s in answer.sentences),
                     "invalid_citations": answer.invalid_citations, **scores})
        for group in ("all", f"kind={question.kind}", f"lang={question.lang}"):
            for metric, value in scores.items():
                groups[group][metric].append(value)
    summary = {g: {m: statistics.median(v) if m == "answer_words" else sum(v) / len(v) for m, v in metrics.items()}
               for g, metrics in groups.items()}
    return summary, rows


def format_report(summary: dict[str, dict[str, float]], rows: list[dict], k: int) -> str:
    """Two tables of the same groups (what was found and cited; how the answers read), then the questions that
    fall short, the unanswerable ones by topic, and the citation totals."""
    sizes = Counter(group for r in rows for group in ("all", f"kind={r['kind']}", f"lang={r['lang']}"))
    groups = sorted(summary, key=lambda g: (g != "all", g))
    lines = _table(summary, groups, sizes, METRICS, k, width=19)
    lines += [""] + _table(summary, groups, sizes, ANSWER_METRICS, k, width=20)
    # Named with the measures they fall short on: "d01 (mrr 0.50)" is an answer found at rank 2, not a miss.
    short = [f"{r['id']} ({', '.join(f'{key} {v:.2f}' for key, v in r.items() if key in SHORTFALLS and v < 1.0)})"
             for r in rows if min(v for key, v in r.items() if key in SHORTFALLS) < 1.0]
    lines.append(f"questions: {len(rows)}; below 1 on some measure: {'; '.join(short) or 'none'}")
    unanswerable = Counter(r["topic"] for r in rows if r["kind"] == "none")
    if unanswerable:
        lines.append(f"unanswerable questions: {unanswerable['on']} on topic, {unanswerable['off']} off topic"
                     + (f", {unanswerable['']} without a topic (counted in abstention only: give them a topic field, "
                        "on or off)" if unanswerable[""] else ""))
    lines.append(format_totals(citation_totals(rows)))
    return "\n".join(lines)


def _table(summary: dict, groups: list[str], sizes: Counter, metrics: tuple, k: int, width: int) -> list[str]:
    lines = [f"{'group':<12}{'n':>5}" + "".join(f"{m.replace('@k', f'@{k}'):>{width}}" for m in metrics)]
    for group in groups:
        cells = "".join(_cell(m, summary[group].get(m), width) for m in metrics)
        lines.append(f"{group:<12}{sizes[group]:>5}{cells}")
    return lines


def _cell(metric: str, value: float | None, width: int) -> str:
    if value is None:
        return f"{'-':>{width}}"
    return f"{value:>{width}g}" if metric == "answer_words" else f"{value:>{width}.3f}"


def citation_totals(rows: list[dict]) -> dict:
    """Over all answers: sentences, how many their citations support, uncited ones, citations removed, fallbacks."""
    sentences = sum(r["sentences"] for r in rows)
    supported = sum(r["supported_sentences"] for r in rows)
    return {
        "sentences": sentences,
        "supported_sentences": supported,
        "supported_share": supported / sentences if sentences else None,
        "uncited_sentences": sum(r["uncited_sentences"] for r in rows),
        "invalid_citations_removed": sum(r["invalid_citations"] for r in rows),
        "generative_answers": sum(r["mode"] == "generative" for r in rows),
        "fallbacks": sum(bool(r["fallback"]) for r in rows),
    }


def format_totals(totals: dict) -> str:
    share = "-" if totals["supported_share"] is None else f"{totals['supported_share']:.3f}"
    return (f"answer sentences: {totals['sentences']}; supported by their citations: "
            f"{totals['supported_sentences']} ({share}); without a citation: {totals['uncited_sentences']}; "
            f"citations to no source removed: {totals['invalid_citations_removed']}; "
            f"generative answers: {totals['generative_answers']}; fallbacks: {totals['fallbacks']}")
