#!/usr/bin/env python3
"""Validate the unseen12 evaluation set (articles + questions.jsonl).

Standard library only.  Exits 1 with a message on the first failure batch.
"""
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ("en", "sq", "tl")
KINDS = ("mono", "cross", "none")
EXPECTED_FILES = {"q01": "sq", "q02": "en", "q03": "tl",
                  "q04": "sq", "q05": "en", "q06": "tl"}
STORIES = {"A": (("q01", "q02"), {"sq", "en"}),
           "B": (("q03", "q04"), {"tl", "sq"}),
           "C": (("q05", "q06"), {"en", "tl"})}
MIN_WORDS, MAX_WORDS = 330, 420
N_PER_LANG = 24
KIND_TOTALS = {"mono": 18, "cross": 36, "none": 18}
KIND_PER_LANG = {"mono": 6, "cross": 12, "none": 6}

WEEKDAYS = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "sq": ["e hënë", "e martë", "e mërkurë", "e enjte", "e premte", "e shtunë", "e diel"],
    "tl": ["lunes", "martes", "miyerkules", "huwebes", "biyernes", "sabado", "linggo"],
}
MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december"],
    "sq": ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik",
           "gusht", "shtator", "tetor", "nëntor", "dhjetor"],
    "tl": ["enero", "pebrero", "marso", "abril", "mayo", "hunyo", "hulyo",
           "agosto", "setyembre", "oktubre", "nobyembre", "disyembre"],
}

errors = []


def fail(msg):
    errors.append(msg)


def check_dateline(doc, lang, line):
    low = line.lower()
    m = re.search(r"(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})\b", low)
    if not m:
        fail("%s: dateline has no 'day month year': %r" % (doc, line))
        return
    day, month_word, year = int(m.group(1)), m.group(2), int(m.group(3))
    if year != 2026:
        fail("%s: dateline year is %d, not 2026" % (doc, year))
        return
    if month_word not in MONTHS[lang]:
        fail("%s: unknown %s month %r" % (doc, lang, month_word))
        return
    try:
        date = datetime.date(year, MONTHS[lang].index(month_word) + 1, day)
    except ValueError as e:
        fail("%s: invalid date in dateline (%s)" % (doc, e))
        return
    found = [i for i, w in enumerate(WEEKDAYS[lang])
             if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", low)]
    if len(found) != 1:
        fail("%s: dateline must name exactly one %s weekday: %r" % (doc, lang, line))
        return
    if found[0] != date.weekday():
        fail("%s: dateline weekday %r is wrong, %s is a %s"
             % (doc, WEEKDAYS[lang][found[0]], date.isoformat(),
                WEEKDAYS[lang][date.weekday()]))


def load_articles():
    names = sorted(n for n in os.listdir(HERE) if n.endswith(".txt"))
    pat = re.compile(r"^(q0[1-6])_(en|sq|tl)\.txt$")
    docs = {}
    for n in names:
        m = pat.match(n)
        if not m:
            fail("unexpected .txt file: %s" % n)
            continue
        doc, lang = m.group(1), m.group(2)
        if doc in docs:
            fail("duplicate article id %s" % doc)
        docs[doc] = (lang, n)
    if set(docs) != set(EXPECTED_FILES):
        fail("expected articles q01..q06, found %s" % sorted(docs))
    texts, langs = {}, {}
    for doc, (lang, n) in sorted(docs.items()):
        if EXPECTED_FILES.get(doc) != lang:
            fail("%s should be in %s, file is %s" % (doc, EXPECTED_FILES.get(doc), n))
        with open(os.path.join(HERE, n), "rb") as f:
            raw = f.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            fail("%s is not valid UTF-8" % n)
            continue
        texts[doc], langs[doc] = text, lang
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            fail("%s has %d words (need %d-%d)" % (n, words, MIN_WORDS, MAX_WORDS))
        lines = text.split("\n")
        if len(lines) < 4 or not lines[0].strip():
            fail("%s: first line must be a headline" % n)
            continue
        if not lines[1].strip():
            fail("%s: second line must be a dateline" % n)
        else:
            check_dateline(doc, lang, lines[1])
        if lines[2].strip():
            fail("%s: third line must be blank (paragraphs separated by blank lines)" % n)
        paras = [p for p in re.split(r"\n\s*\n", "\n".join(lines[2:])) if p.strip()]
        if len(paras) < 3:
            fail("%s: only %d paragraphs" % (n, len(paras)))
    lang_counts = {l: sum(1 for v in langs.values() if v == l) for l in LANGS}
    if any(c != 2 for c in lang_counts.values()):
        fail("each language must be used exactly twice: %s" % lang_counts)
    for story, (pair, want) in STORIES.items():
        got = {langs.get(d) for d in pair}
        if got != want:
            fail("story %s (%s) should be in %s, got %s" % (story, pair, sorted(want), got))
    return texts, langs


def check_questions(texts, langs):
    path = os.path.join(HERE, "questions.jsonl")
    if not os.path.exists(path):
        fail("questions.jsonl missing (run build_questions.py)")
        return
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if l.strip()]
    if len(lines) != 72:
        fail("expected 72 questions, found %d" % len(lines))
    low = {d: t.casefold() for d, t in texts.items()}
    per_lang = {l: 0 for l in LANGS}
    per_kind = {k: 0 for k in KINDS}
    per_lang_kind = {(l, k): 0 for l in LANGS for k in KINDS}
    seen_q = set()
    base_keys = {"id", "lang", "kind", "question", "gold_docs", "answer_any"}
    for i, line in enumerate(lines, 1):
        try:
            q = json.loads(line)
        except ValueError as e:
            fail("line %d: bad JSON (%s)" % (i, e))
            continue
        qid = q.get("id")
        want_id = "pq%02d" % i
        if qid != want_id:
            fail("line %d: id %r, expected %r" % (i, qid, want_id))
        kind, lang = q.get("kind"), q.get("lang")
        keys = set(q)
        want_keys = base_keys | ({"topic"} if kind == "none" else set())
        if keys != want_keys:
            fail("%s: keys %s, expected %s" % (qid, sorted(keys), sorted(want_keys)))
            continue
        if lang not in LANGS:
            fail("%s: bad lang %r" % (qid, lang))
            continue
        if kind not in KINDS:
            fail("%s: bad kind %r" % (qid, kind))
            continue
        question, gold, ans = q["question"], q["gold_docs"], q["answer_any"]
        if not isinstance(question, str) or not question.strip():
            fail("%s: empty question" % qid)
        elif question.casefold() in seen_q:
            fail("%s: duplicate question text" % qid)
        else:
            seen_q.add(question.casefold())
        if not isinstance(gold, list) or not isinstance(ans, list):
            fail("%s: gold_docs and answer_any must be lists" % qid)
            continue
        per_lang[lang] += 1
        per_kind[kind] += 1
        per_lang_kind[(lang, kind)] += 1
        if kind == "none":
            if gold or ans:
                fail("%s: none question must have empty gold_docs and answer_any" % qid)
            if q.get("topic") != "on":
                fail("%s: none question must have topic 'on'" % qid)
            continue
        if not gold or not ans:
            fail("%s: %s question needs gold_docs and answer_any" % (qid, kind))
            continue
        bad = [d for d in gold if d not in texts]
        if bad:
            fail("%s: unknown gold docs %s" % (qid, bad))
            continue
        for a in ans:
            if not isinstance(a, str) or not a.strip():
                fail("%s: empty answer string" % qid)
                continue
            if not any(a.casefold() in low[d] for d in gold):
                fail("%s: answer %r occurs in no gold doc %s" % (qid, a, gold))
        gold_langs = {langs[d] for d in gold}
        if kind == "mono":
            if gold_langs != {lang}:
                fail("%s: mono question in %s but gold docs in %s" % (qid, lang, sorted(gold_langs)))
        else:  # cross
            if lang in gold_langs:
                fail("%s: cross question in %s has gold doc in the same language" % (qid, lang))
            same = [d for d in texts if langs[d] == lang]
            for a in ans:
                hits = [d for d in same if a.casefold() in low[d]]
                if hits:
                    fail("%s: cross answer %r also occurs in %s-language article(s) %s"
                         % (qid, a, lang, hits))
    for l in LANGS:
        if per_lang[l] != N_PER_LANG:
            fail("language %s has %d questions, need %d" % (l, per_lang[l], N_PER_LANG))
        for k in KINDS:
            if per_lang_kind[(l, k)] != KIND_PER_LANG[k]:
                fail("language %s kind %s: %d questions, need %d"
                     % (l, k, per_lang_kind[(l, k)], KIND_PER_LANG[k]))
    for k in KINDS:
        if per_kind[k] != KIND_TOTALS[k]:
            fail("kind %s: %d questions, need %d" % (k, per_kind[k], KIND_TOTALS[k]))
    return per_lang_kind


def main():
    texts, langs = load_articles()
    counts = check_questions(texts, langs)
    if errors:
        for e in errors:
            print("FAIL:", e)
        sys.exit(1)
    print("OK: 6 articles, 72 questions")
    for l in LANGS:
        print("  %s: %s" % (l, ", ".join("%s=%d" % (k, counts[(l, k)]) for k in KINDS)))


if __name__ == "__main__":
    main()
