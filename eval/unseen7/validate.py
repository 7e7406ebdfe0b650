#!/usr/bin/env python3
"""Validates questions.jsonl against the six articles of eval set unseen7.
Run from this folder: python3 validate.py"""
import glob
import json
import os
import sys
from collections import Counter

LANGS = ("en", "sq", "tl")
PER_LANG = {("mono", None): 6, ("cross", None): 10, ("none", "on"): 6, ("none", "off"): 2}
KEYS = ["id", "lang", "kind", "question", "gold_docs", "answer_any"]

errors = []


def err(msg):
    errors.append(msg)


docs = {}
for path in sorted(glob.glob("c0*_*.txt")):
    name = os.path.basename(path)[:-4]
    did, lang = name.split("_")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    docs[did] = {"lang": lang, "text": text, "low": text.lower(), "file": name + ".txt"}

# --- article checks ---
if len(docs) != 6:
    err(f"expected 6 articles, found {len(docs)}")
for did, d in docs.items():
    n = len(d["text"].split())
    if not 330 <= n <= 450:
        err(f"{d['file']}: {n} words (need 330-450)")
    lines = d["text"].rstrip("\n").split("\n")
    if len(lines) < 3 or not lines[0].strip() or lines[1].strip() or " – " not in lines[2]:
        err(f"{d['file']}: bad header layout (headline / blank / dateline with ' – ')")
    paras = [p for p in d["text"].strip().split("\n\n")]
    if not 7 <= len(paras) <= 9:  # headline + dateline + 5..7
        err(f"{d['file']}: {len(paras)} blocks, need headline + dateline + 5-7 paragraphs")

# --- question checks ---
qs = []
with open("questions.jsonl", encoding="utf-8") as f:
    for ln, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            qs.append(json.loads(line))
        except json.JSONDecodeError as e:
            err(f"line {ln}: bad JSON: {e}")

if len(qs) != 72:
    err(f"expected 72 questions, found {len(qs)}")
ids = [q.get("id") for q in qs]
if len(set(ids)) != len(ids):
    err("duplicate ids: " + ", ".join(i for i, c in Counter(ids).items() if c > 1))
if ids != [f"cq{i:02d}" for i in range(1, len(qs) + 1)]:
    err("ids are not cq01..cqNN in file order")

counts = Counter()
for q in qs:
    qid = q.get("id")
    keys = list(q.keys())
    want = KEYS + (["topic"] if q.get("kind") == "none" else [])
    if keys != want:
        err(f"{qid}: keys {keys} != {want}")
    lang, kind = q.get("lang"), q.get("kind")
    if lang not in LANGS:
        err(f"{qid}: bad lang {lang}")
    if kind not in ("mono", "cross", "none"):
        err(f"{qid}: bad kind {kind}")
    topic = q.get("topic") if kind == "none" else None
    counts[(lang, kind, topic)] += 1
    gold, ans = q.get("gold_docs"), q.get("answer_any")
    if not q.get("question", "").strip():
        err(f"{qid}: empty question")
    if kind == "none":
        if gold or ans:
            err(f"{qid}: none-question must have empty gold_docs and answer_any")
        if topic not in ("on", "off"):
            err(f"{qid}: none-question needs topic on/off")
        continue
    if not gold or not ans:
        err(f"{qid}: gold_docs and answer_any must be non-empty")
        continue
    for g in gold:
        if g not in docs:
            err(f"{qid}: unknown gold doc {g}")
    gold = [g for g in gold if g in docs]
    for a in ans:
        if not 1 <= len(a.split()) <= 4:
            err(f"{qid}: answer '{a}' is not 1-4 words")
        if not any(a.lower() in docs[g]["low"] for g in gold):
            err(f"{qid}: answer '{a}' not found in gold docs {gold}")
    gold_langs = {docs[g]["lang"] for g in gold}
    if kind == "mono" and lang not in gold_langs:
        err(f"{qid}: mono question but no gold doc in {lang}")
    if kind == "cross":
        if lang in gold_langs:
            err(f"{qid}: cross question has a gold doc in its own language")
        for did, d in docs.items():
            if d["lang"] == lang:
                for a in ans:
                    if a.lower() in d["low"]:
                        err(f"{qid}: cross answer '{a}' occurs in same-language doc {did}")

for lang in LANGS:
    for (kind, topic), n in PER_LANG.items():
        got = counts[(lang, kind, topic)]
        if got != n:
            err(f"{lang}: {kind}{'/' + topic if topic else ''} = {got}, need {n}")

print(f"articles: {len(docs)}  " + "  ".join(f"{d['file']}={len(d['text'].split())}w" for d in docs.values()))
print(f"questions: {len(qs)}")
for lang in LANGS:
    print(f"  {lang}: " + ", ".join(f"{k}{'/' + t if t else ''}={counts[(lang, k, t)]}" for (k, t) in PER_LANG))
if errors:
    print(f"FAILED with {len(errors)} error(s):")
    for e in errors:
        print("  - " + e)
    sys.exit(1)
print("OK: all checks passed")
