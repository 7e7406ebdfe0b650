#!/usr/bin/env python3
"""Validate the articles and questions.jsonl of this held-out set. Exit 1 on any failure."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLES = {"d01": "sq", "d02": "en", "d03": "tl", "d04": "sq", "d05": "en", "d06": "tl"}
LANGS = ("en", "sq", "tl")
KEYS = ["id", "lang", "kind", "question", "gold_docs", "answer_any"]
PER_LANG = {"mono": 6, "cross": 10, ("none", "on"): 6, ("none", "off"): 2}

errors = []


def err(msg):
    errors.append(msg)


def check_articles():
    texts = {}
    for aid, lang in ARTICLES.items():
        fn = os.path.join(HERE, "%s_%s.txt" % (aid, lang))
        if not os.path.exists(fn):
            err("%s: missing" % fn)
            continue
        raw = open(fn, encoding="utf-8").read()
        texts[aid] = raw
        words = len(raw.split())
        if not 330 <= words <= 450:
            err("%s: %d words (need 330-450)" % (aid, words))
        lines = raw.rstrip("\n").split("\n")
        if len(lines) < 3 or not lines[0].strip():
            err("%s: line 1 must be a headline" % aid)
            continue
        if lines[1].strip():
            err("%s: line 2 must be blank" % aid)
        if not re.match(r"^[A-ZËÇ][A-ZËÇ .]+, .+ – \S", lines[2]):
            err("%s: line 3 is not a dateline paragraph 'TOWN, date – ...'" % aid)
        body = lines[2:]
        paras, cur = [], []
        for i, ln in enumerate(body):
            if ln.strip():
                cur.append(ln)
            else:
                if not cur:
                    err("%s: double blank line near body line %d" % (aid, i + 3))
                else:
                    paras.append(cur)
                cur = []
        if cur:
            paras.append(cur)
        for p in paras:
            if len(p) != 1:
                err("%s: a paragraph spans %d lines (expected one line per paragraph)" % (aid, len(p)))
        more = len(paras) - 1
        if not 5 <= more <= 7:
            err("%s: %d paragraphs after the dateline (need 5-7)" % (aid, more))
    return texts


def check_questions(texts):
    fn = os.path.join(HERE, "questions.jsonl")
    rows = []
    with open(fn, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                err("questions.jsonl line %d: blank" % n)
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                err("questions.jsonl line %d: bad JSON (%s)" % (n, e))
    if len(rows) != 72:
        err("expected 72 questions, found %d" % len(rows))
    ids = [r.get("id") for r in rows]
    if len(set(ids)) != len(ids):
        err("duplicate ids")
    if sorted(ids) != ["dq%02d" % i for i in range(1, 73)]:
        err("ids are not exactly dq01..dq72")
    counts = {}
    low = {k: v.lower() for k, v in texts.items()}
    for r in rows:
        qid = r.get("id")
        kind = r.get("kind")
        want = KEYS + (["topic"] if kind == "none" else [])
        if list(r.keys()) != want:
            err("%s: keys %s, expected %s" % (qid, list(r.keys()), want))
        lang = r.get("lang")
        if lang not in LANGS:
            err("%s: bad lang %r" % (qid, lang))
        if kind not in ("mono", "cross", "none"):
            err("%s: bad kind %r" % (qid, kind))
            continue
        if not isinstance(r.get("question"), str) or not r["question"].strip():
            err("%s: empty question" % qid)
        key = (kind, r.get("topic")) if kind == "none" else kind
        counts[(lang, key)] = counts.get((lang, key), 0) + 1
        gold, ans = r.get("gold_docs"), r.get("answer_any")
        if not isinstance(gold, list) or not isinstance(ans, list):
            err("%s: gold_docs/answer_any must be lists" % qid)
            continue
        if kind == "none":
            if r.get("topic") not in ("on", "off"):
                err("%s: topic must be on/off" % qid)
            if gold or ans:
                err("%s: none-question must have empty gold_docs and answer_any" % qid)
            continue
        if not gold or not ans:
            err("%s: %s question needs gold_docs and answer_any" % (qid, kind))
            continue
        for g in gold:
            if g not in ARTICLES:
                err("%s: unknown gold doc %r" % (qid, g))
        gold = [g for g in gold if g in texts]
        for a in ans:
            if not any(a.lower() in low[g] for g in gold):
                err("%s: answer %r not found in gold docs %s" % (qid, a, gold))
        same = [d for d, l in ARTICLES.items() if l == lang]
        if kind == "mono":
            if not any(ARTICLES[g] == lang for g in gold):
                err("%s: mono question without a gold doc in %s" % (qid, lang))
        if kind == "cross":
            for g in gold:
                if ARTICLES[g] == lang:
                    err("%s: cross question has a gold doc in its own language (%s)" % (qid, g))
            for a in ans:
                for d in same:
                    if d in low and a.lower() in low[d]:
                        err("%s: cross answer %r occurs in same-language article %s" % (qid, a, d))
    for lang in LANGS:
        for key, n in PER_LANG.items():
            got = counts.get((lang, key), 0)
            if got != n:
                err("%s %s: %d questions, expected %d" % (lang, key, got, n))
    return rows


def main():
    texts = check_articles()
    rows = check_questions(texts)
    for aid, lang in ARTICLES.items():
        if aid in texts:
            print("%s_%s.txt: %d words" % (aid, lang, len(texts[aid].split())))
    summary = {}
    for r in rows:
        k = r.get("kind") + ("/" + r.get("topic", "") if r.get("kind") == "none" else "")
        summary.setdefault(r.get("lang"), {}).setdefault(k, 0)
        summary[r.get("lang")][k] += 1
    for lang in LANGS:
        print(lang, dict(sorted(summary.get(lang, {}).items())))
    if errors:
        print("FAIL: %d problem(s)" % len(errors))
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK: all checks passed (%d questions)" % len(rows))


if __name__ == "__main__":
    main()
