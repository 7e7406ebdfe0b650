#!/usr/bin/env python3
"""Validate the unseen9 held-out set (articles + questions.jsonl). Exit 1 on any failure."""
import datetime
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = {"g01": "tl", "g02": "en", "g03": "sq", "g04": "tl", "g05": "en", "g06": "sq"}
LANGS = ("en", "sq", "tl")
KEYS = ["id", "lang", "kind", "question", "gold_docs", "answer_any"]
KEYS_NONE = KEYS + ["topic"]
errors = []


def err(msg):
    errors.append(msg)


# ---------------------------------------------------------------- articles
texts = {}
DATELINE = re.compile(r"^([A-ZÀ-ÞËÇ][A-ZÀ-ÞËÇ.'\- ]*[A-ZÀ-ÞËÇ.]), (.+?) – \S")
for doc, lang in ARTICLES.items():
    p = HERE / f"{doc}_{lang}.txt"
    if not p.exists():
        err(f"{p.name}: missing")
        continue
    raw = p.read_text(encoding="utf-8")
    texts[doc] = raw
    words = len(raw.split())
    if not 330 <= words <= 450:
        err(f"{p.name}: {words} words (need 330-450)")
    if "\r" in raw or "\t" in raw:
        err(f"{p.name}: contains CR or TAB")
    lines = raw.rstrip("\n").split("\n")
    if not raw.endswith("\n") or raw.endswith("\n\n"):
        err(f"{p.name}: must end with exactly one newline")
    if len(lines) < 3 or not lines[0].strip() or lines[1] != "":
        err(f"{p.name}: line 1 must be a headline and line 2 blank")
        continue
    body = lines[2:]
    # paragraphs on even positions, blank lines on odd positions
    for i, ln in enumerate(body):
        if i % 2 == 0 and not ln.strip():
            err(f"{p.name}: line {i + 3} should be a paragraph, is blank")
        if i % 2 == 1 and ln != "":
            err(f"{p.name}: line {i + 3} should be blank (one blank line between paragraphs)")
        if ln != ln.strip():
            err(f"{p.name}: line {i + 3} has leading/trailing whitespace")
    paras = [ln for ln in body if ln.strip()]
    if not 6 <= len(paras) <= 8:
        err(f"{p.name}: dateline + {len(paras) - 1} paragraphs (need dateline + 5-7)")
    m = DATELINE.match(lines[2])
    if not m:
        err(f"{p.name}: line 3 is not a dateline 'TOWN, date – ...'")
    elif "2026" not in m.group(2):
        err(f"{p.name}: dateline date not in 2026: {m.group(2)!r}")

# weekday sanity check for the named days (hand-listed: date -> weekday used in articles)
WEEKDAYS_USED = {
    "2026-03-13": "Friday",    # g01 Biyernes, g02 Friday
    "2026-03-14": "Saturday",  # g01 Sabado, g02 Saturday
    "2026-03-15": "Sunday",    # g02 high tide on Sunday
    "2026-05-17": "Sunday",    # g03 e diela, g04 Linggo
    "2026-05-18": "Monday",    # g04 Lunes (1:30 a.m.)
    "2026-09-21": "Monday",    # g05 Monday, g06 e hëna
}
for d, wd in WEEKDAYS_USED.items():
    real = datetime.date.fromisoformat(d).strftime("%A")
    if real != wd:
        err(f"weekday mismatch: {d} is {real}, not {wd}")

low = {d: t.lower() for d, t in texts.items()}

# ---------------------------------------------------------------- questions
qpath = HERE / "questions.jsonl"
qs = []
if not qpath.exists():
    err("questions.jsonl missing")
else:
    raw_lines = qpath.read_text(encoding="utf-8").split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines = raw_lines[:-1]
    for n, ln in enumerate(raw_lines, 1):
        try:
            qs.append(json.loads(ln))
        except json.JSONDecodeError as e:
            err(f"questions.jsonl line {n}: bad JSON ({e})")

if len(qs) != 72:
    err(f"{len(qs)} questions (need 72)")

ids = [q.get("id") for q in qs]
if ids != [f"gq{i:02d}" for i in range(1, len(qs) + 1)] or len(set(ids)) != len(ids):
    err("ids must be unique gq01..gq72 in order")

counts = Counter()
for q in qs:
    qid = q.get("id", "?")
    kind = q.get("kind")
    expected = KEYS_NONE if kind == "none" else KEYS
    if list(q.keys()) != expected:
        err(f"{qid}: keys {list(q.keys())} != {expected}")
        continue
    lang = q["lang"]
    if lang not in LANGS:
        err(f"{qid}: bad lang {lang!r}")
        continue
    if not isinstance(q["question"], str) or not q["question"].strip():
        err(f"{qid}: empty question")
    gold, answers = q["gold_docs"], q["answer_any"]
    if not isinstance(gold, list) or not isinstance(answers, list):
        err(f"{qid}: gold_docs/answer_any must be lists")
        continue
    if kind == "none":
        topic = q["topic"]
        if topic not in ("on", "off"):
            err(f"{qid}: bad topic {topic!r}")
        if gold or answers:
            err(f"{qid}: none question must have empty gold_docs and answer_any")
        counts[(lang, "none", topic)] += 1
        continue
    if kind not in ("mono", "cross"):
        err(f"{qid}: bad kind {kind!r}")
        continue
    counts[(lang, kind)] += 1
    if not gold or not answers:
        err(f"{qid}: {kind} question needs gold_docs and answer_any")
        continue
    if len(set(gold)) != len(gold) or any(g not in ARTICLES for g in gold):
        err(f"{qid}: bad gold_docs {gold}")
        continue
    for a in answers:
        if not isinstance(a, str) or not a.strip():
            err(f"{qid}: empty answer string")
            continue
        if not any(a.lower() in low.get(g, "") for g in gold):
            err(f"{qid}: answer {a!r} not found in gold docs {gold}")
    for g in gold:
        if not any(a.lower() in low.get(g, "") for a in answers):
            err(f"{qid}: gold doc {g} contains none of the answers")
    own = [d for d, l in ARTICLES.items() if l == lang]
    if kind == "mono":
        if not any(ARTICLES[g] == lang for g in gold):
            err(f"{qid}: mono question without a gold doc in {lang}")
    else:  # cross
        if any(ARTICLES[g] == lang for g in gold):
            err(f"{qid}: cross question has a gold doc in its own language")
        for a in answers:
            for d in own:
                if a.lower() in low.get(d, ""):
                    err(f"{qid}: cross answer {a!r} occurs in own-language article {d}")
        # the answer must not sit in an own-language article either (gold completeness)
    # gold completeness: every article holding an answer should be listed (warning only)
    for d in ARTICLES:
        if d not in gold and any(a.lower() in low.get(d, "") for a in answers):
            if kind == "mono" or ARTICLES[d] != lang:
                print(f"note: {qid}: answer also occurs in unlisted {d}")

for lang in LANGS:
    for key, need in (((lang, "mono"), 6), ((lang, "cross"), 10),
                      ((lang, "none", "on"), 6), ((lang, "none", "off"), 2)):
        if counts[key] != need:
            err(f"count {key}: {counts[key]} (need {need})")

if errors:
    for e in errors:
        print("FAIL:", e)
    print(f"{len(errors)} failure(s)")
    sys.exit(1)
print(f"OK: {len(texts)} articles, {len(qs)} questions; "
      + ", ".join(f"{d}={len(t.split())}w" for d, t in texts.items()))
