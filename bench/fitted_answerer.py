"""Would weights fitted on the tuning sets answer better than the hand-set rules? Two questions, one run:

1. **Refusing the unlikely answers.** For each question the quoting answerer answers, features of its answer (the
   first quoted sentence's cosine, rank, shared trigrams and bridged counterparts, its language, its passage's rank,
   the retrieval scores, the kind of answer asked for, ...) and whether it is right. A logistic model is fitted on
   every set but one and scores that one (leave one set out); refusing the answers it finds least likely costs how
   many right answers for how many wrong or unanswerable ones?
2. **Choosing the first sentence.** For each answered question, every retrieved sentence with the parts of
   `qa.evidence.quoting_order` as separate features, and whether it holds the answer. A linear order fitted pairwise
   (leave one set out) picks a first sentence among the same sentences `worth_quoting` keeps: does it hold the answer
   more often than today's order?

    python bench/fitted_answerer.py [--indexes DIR]    # about 3 minutes; DIR keeps one index per set (built once)

The sets are the tuning sets: dev (from ../shared/eval), extra, holdout, fresh, answers, answers_holdout (on the
bundled articles) and eval/unseen to eval/unseen11, each on an index of its own articles. The held-out sets are not
read. The fitting is numpy's (gradient descent on the logistic loss, L2 1.0): nothing here is used by `qa`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

import qa  # noqa: E402
import qa.pipeline as pipeline  # noqa: E402
from qa.answer_types import holds_exact_answer, named_beside, shares_a_word  # noqa: E402
from qa.evaluation import _answer_hit, load_questions  # noqa: E402
from qa.evidence import (CHECKED, answer_of_kind, names_of_people, opens_article, quoting_order,  # noqa: E402
                         term_overlap, topic_of, worth_quoting)
from qa.retrieval import language_bias_of  # noqa: E402
from vectorstore.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_SETS = {"dev": ROOT.parent / "shared" / "eval" / "dev.jsonl",
                **{name: ROOT / "eval" / f"{name}.jsonl"
                   for name in ("extra", "holdout", "fresh", "answers", "answers_holdout")}}
UNSEEN_SETS = ["unseen", *(f"unseen{n}" for n in range(2, 12))]
ANSWER_FEATURES = ["rank", "similarity", "top passage", "trigrams", "bridged", "question's language", "shares a word",
                   "passage number", "typed share", "question words", "kind checked", "similarity z", "sentence words",
                   "gap to closest", "passage gap"]
SENTENCE_FEATURES = ["similarity", "typical", "trigrams", "bridged", "centrality", "opening", "passage number",
                     "question's language", "exact answer", "beside the role", "words"]


class Spy:
    """The quoting answerer's inputs for the last question (`compose_answer` wrapped, its answer unchanged)."""

    def __init__(self):
        self.last = None
        self.compose = pipeline.compose_answer
        pipeline.compose_answer = self

    def __call__(self, query, sources, evidence):
        self.last = (query, sources, evidence)
        return self.compose(query, sources, evidence)


def index_for(name: str, folder: Path) -> Path:
    index_dir = folder / name
    if not index_dir.exists():
        articles = [ROOT / "data" / "articles"] if name == "bundled" else sorted((ROOT / "eval" / name).glob("*.txt"))
        qa.ingest(*articles, index_dir=index_dir, show_progress=False)
    return index_dir


def answer_row(question, answer, query, sources, evidence) -> tuple[list[float], bool]:
    """The answer's features, and whether it is right."""
    first = next((e for e in evidence if answer.text.startswith(e.sentence.text.strip()[:60])), None) \
        or max(evidence, key=lambda e: quoting_order(query, e))
    similarities = np.array([e.similarity for e in evidence])
    typed = sum(map(answer_of_kind(query, sources), evidence))
    features = [first.rank, first.similarity, sources[0].score, term_overlap(query.gram_weights, first.sentence.text),
                term_overlap(query.bridge_weights, first.sentence.text) if query.bridge_weights else 0.0,
                float(first.language == query.language), float(shares_a_word(first.sentence.text, query.search_text)),
                min(first.source_number, 5) / 5, typed / len(evidence), len(question.question.split()) / 10,
                float(query.answer_type in CHECKED or bool(query.counted_units)),
                (first.similarity - similarities.mean()) / max(similarities.std(), 1e-3),
                len(first.sentence.text.split()) / 30, similarities.max() - first.similarity,
                sources[0].score - (sources[1].score if len(sources) > 1 else 0.0)]
    return features, question.kind != "none" and _answer_hit(question, answer)


def sentence_rows(question, query, sources, evidence) -> list[dict]:
    """Each sentence today's order may quote first: its features, its order and whether it holds the answer."""
    kind = answer_of_kind(query, sources)
    typed = [e for e in evidence if kind(e)] or evidence
    kept = {id(e) for e in worth_quoting(query, sources, evidence)}
    pool = [e for e in typed if id(e) in kept] or typed
    topic, people = topic_of(query, sources), names_of_people(query, sources)
    means, vector = query.index.language_means, np.asarray(query.vector)
    bias = language_bias_of(means, vector)
    vectors = np.array([e.vector for e in evidence])
    centre = vectors.mean(axis=0)
    central = dict(zip(map(id, evidence), vectors @ (centre / (np.linalg.norm(centre) or 1.0))))
    mean_central = float(np.mean(list(central.values())))
    rows = []
    for e in pool:
        source, text = sources[e.source_number - 1], e.sentence.text
        rows.append({
            "gold": source.document[:3] in question.gold_docs and any(a.lower() in text.lower()
                                                                      for a in question.answer_any),
            "order": quoting_order(query, e),
            "features": [e.similarity, bias[e.language] + float(means[e.language] @ e.vector) if e.language in means
                         else 0.0, term_overlap(query.gram_weights, text),
                         term_overlap(query.bridge_weights, text) if query.bridge_weights else 0.0,
                         central[id(e)] - mean_central, float(opens_article(source, e.sentence)),
                         (e.source_number - 1) / 4, float(e.language == query.language),
                         float(holds_exact_answer(query.answer_type, text, query.named, topic, query.asked)),
                         float(bool(query.asked) and named_beside(query.answer_type, text, query.named, query.asked,
                                                                  people, topic)),
                         len(text.split()) / 30]})
    return rows


def collect(indexes: Path) -> tuple[list[dict], list[dict]]:
    spy = Spy()
    answers, questions = [], []
    sets = [(name, path, "bundled") for name, path in BUNDLED_SETS.items()] + \
        [(name, ROOT / "eval" / name / "questions.jsonl", name) for name in UNSEEN_SETS]
    for name, path, articles in sets:
        if not path.exists():
            print(f"{name}: {path} is missing, left out", file=sys.stderr)
            continue
        settings = Settings.from_env(index_dir=index_for(articles, indexes))
        assistant = pipeline.Assistant.from_settings(settings)
        index = assistant.index
        for question in load_questions(path):
            spy.last = None
            _, answer = assistant.quote(index, question.question, [], 5, None)
            if answer.abstained or spy.last is None:
                continue
            query, sources, evidence = spy.last
            features, right = answer_row(question, answer, query, sources, evidence)
            answers.append({"set": name, "features": features, "right": right, "kind": question.kind})
            if question.kind != "none":
                questions.append({"set": name, "sentences": sentence_rows(question, query, sources, evidence)})
        print(f"{name}: {len(answers)} answers so far", file=sys.stderr)
    return answers, questions


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, rate: float = 1.0):
    """Weights of a logistic model on standardised features; returns the scoring function."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.c_[(x - mean) / scale, np.ones(len(x))]
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        w -= rate * (z.T @ (p - y) + l2 * np.r_[w[:-1], 0.0]) / len(y)
    return lambda a: np.c_[(a - mean) / scale, np.ones(len(a))] @ w


def auc(score: np.ndarray, label: np.ndarray) -> float:
    ranks = np.empty(len(score))
    ranks[np.argsort(score)] = np.arange(1, len(score) + 1)
    positive = label.sum()
    return float((ranks[label == 1].sum() - positive * (positive + 1) / 2) / (positive * (len(label) - positive)))


def refusal_tradeoff(answers: list[dict]) -> None:
    x = np.array([a["features"] for a in answers])
    y = np.array([a["right"] for a in answers], dtype=float)
    sets = np.array([a["set"] for a in answers])
    score = np.zeros(len(y))
    for name in set(sets):
        held = sets == name
        score[held] = fit_logistic(x[~held], y[~held])(x[held])
    print(f"\n1. {len(y)} answers: {int(y.sum())} right, {int((1 - y).sum())} wrong or unanswerable "
          f"({sum(a['kind'] == 'none' for a in answers)} of them unanswerable)")
    print(f"   leave-one-set-out AUC {auc(score, y):.3f}; best single feature:",
          max(((auc(x[:, i], y), n) for i, n in enumerate(ANSWER_FEATURES)), key=lambda t: abs(t[0] - 0.5)))
    order = np.argsort(score)
    for refused in (20, 40, 60, 80):
        lost = int(y[order[:refused]].sum())
        unanswerable = sum(answers[i]["kind"] == "none" for i in order[:refused])
        print(f"   refusing the {refused} least likely: {lost} right answers lost, {refused - lost} others refused "
              f"({unanswerable} unanswerable)")


def fit_order(questions: list[dict]) -> np.ndarray:
    pairs, labels = [], []
    for q in questions:
        gold = [s["features"] for s in q["sentences"] if s["gold"]]
        other = [s["features"] for s in q["sentences"] if not s["gold"]]
        for g in gold:
            for o in other:
                pairs += [np.subtract(g, o), np.subtract(o, g)]
                labels += [1.0, 0.0]
    x, y = np.array(pairs), np.array(labels)
    w = np.zeros(x.shape[1])
    for _ in range(2000):
        w -= 0.5 * (x.T @ (1 / (1 + np.exp(-x @ w)) - y) + w) / len(y)
    return w


def first_sentence_choice(questions: list[dict]) -> None:
    questions = [q for q in questions if q["sentences"]]
    today = fitted = possible = 0
    for name in sorted({q["set"] for q in questions}):
        w = fit_order([q for q in questions if q["set"] != name])
        for q in (q for q in questions if q["set"] == name):
            today += max(q["sentences"], key=lambda s: s["order"])["gold"]
            fitted += max(q["sentences"], key=lambda s: float(np.dot(w, s["features"])))["gold"]
            possible += any(s["gold"] for s in q["sentences"])
    print(f"\n2. {len(questions)} answered answerable questions, {possible} with an answering sentence among those kept:")
    print(f"   first sentence holds the answer: today's order {today}, fitted order (leave one set out) {fitted}")
    print("   fitted on all sets:", dict(zip(SENTENCE_FEATURES, np.round(fit_order(questions), 2).tolist())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indexes", type=Path, default=Path("/tmp/fitted-answerer-indexes"))
    indexes = parser.parse_args().indexes
    indexes.mkdir(parents=True, exist_ok=True)
    answers, questions = collect(indexes)
    refusal_tradeoff(answers)
    first_sentence_choice(questions)


if __name__ == "__main__":
    main()
