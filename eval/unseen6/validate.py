#!/usr/bin/env python3
"""Validate the unseen6 test set: articles (format, word counts) and
questions.jsonl (counts, ids, gold documents, verbatim answers)."""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = {"b01": "tl", "b02": "sq", "b03": "en", "b04": "tl", "b05": "sq", "b06": "en"}
STORIES = {1: ("b01", "b02"), 2: ("b03", "b04"), 3: ("b05", "b06")}
LANGS = ("en", "sq", "tl")
PER_LANG = {("mono", None): 6, ("cross", None): 10, ("none", "on"): 6, ("none", "off"): 2}
KEY_ORDER = ["id", "lang", "kind", "question", "gold_docs", "answer_any"]

errors = []


def err(msg):
    errors.append(msg)


def norm(s):
    return s.casefold()


def contains(text, ans):
    """Case-insensitive verbatim occurrence, not glued to a letter/digit on either side."""
    pat = r"(?<![\w])" + re.escape(norm(ans)) + r"(?![\w])"
    return re.search(pat, norm(text)) is not None


# ---------- articles ----------
texts = {}
for doc, lang in DOCS.items():
    files = list(HERE.glob(f"{doc}_*.txt"))
    if len(files) != 1 or files[0].name != f"{doc}_{lang}.txt":
        err(f"{doc}: expected exactly one file {doc}_{lang}.txt, found {[f.name for f in files]}")
        continue
    raw = files[0].read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        err(f"{doc}: not valid UTF-8")
        continue
    texts[doc] = text
    words = len(text.split())
    if not 330 <= words <= 450:
        err(f"{doc}: {words} words, outside 330-450")
    lines = text.rstrip("\n").split("\n")
    if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
        err(f"{doc}: line 1 must be headline and line 2 blank")
    paras = text.rstrip("\n").split("\n\n")[1:]
    if any(p.strip() == "" or "\n" in p for p in paras):
        err(f"{doc}: paragraphs must be single lines separated by exactly one blank line")
    if not 6 <= len(paras) <= 8:
        err(f"{doc}: {len(paras)} body paragraphs (dateline + 5-7 expected)")
    if paras and not re.match(r"^[A-ZËÇ][A-ZËÇ ]+, .*? – ", paras[0]):
        err(f"{doc}: line 3 is not a dateline paragraph ('TOWN, date – ...')")
    print(f"  {doc} ({lang}): {words} words, {len(paras)} paragraphs (incl. dateline)")

for s, (a, b) in STORIES.items():
    if DOCS[a] == DOCS[b]:
        err(f"story {s}: both articles in the same language")

# ---------- questions ----------
qpath = HERE / "questions.jsonl"
items = []
for n, line in enumerate(qpath.read_text(encoding="utf-8").splitlines(), 1):
    if not line.strip():
        err(f"line {n}: empty line")
        continue
    try:
        items.append(json.loads(line))
    except json.JSONDecodeError as e:
        err(f"line {n}: invalid JSON ({e})")

if len(items) != 72:
    err(f"expected 72 questions, found {len(items)}")

ids = [it.get("id") for it in items]
if len(set(ids)) != len(ids):
    err(f"duplicate ids: {[i for i, c in Counter(ids).items() if c > 1]}")
if ids != [f"bq{i:02d}" for i in range(1, len(items) + 1)]:
    err("ids are not bq01..bqNN in file order")
qtexts = [norm(it.get("question", "")) for it in items]
if len(set(qtexts)) != len(qtexts):
    err("duplicate question texts")

counts = Counter()
for it in items:
    qid = it.get("id")
    kind, lang = it.get("kind"), it.get("lang")
    expected_keys = KEY_ORDER + (["topic"] if kind == "none" else [])
    if list(it.keys()) != expected_keys:
        err(f"{qid}: keys {list(it.keys())} != {expected_keys}")
    if lang not in LANGS:
        err(f"{qid}: bad lang {lang!r}")
    if kind not in ("mono", "cross", "none"):
        err(f"{qid}: bad kind {kind!r}")
    if not it.get("question", "").strip():
        err(f"{qid}: empty question")
    gold, answers = it.get("gold_docs", []), it.get("answer_any", [])
    topic = it.get("topic")
    counts[(lang, kind, topic)] += 1

    if kind == "none":
        if topic not in ("on", "off"):
            err(f"{qid}: none-question needs topic on/off")
        if gold or answers:
            err(f"{qid}: none-question must have empty gold_docs and answer_any")
        continue

    if not gold or not answers:
        err(f"{qid}: {kind}-question needs gold_docs and answer_any")
        continue
    if any(g not in DOCS for g in gold) or len(set(gold)) != len(gold):
        err(f"{qid}: bad gold_docs {gold}")
        continue
    for a in answers:
        if not a.strip() or len(a.split()) > 4:
            err(f"{qid}: answer {a!r} empty or longer than 4 words")
        if not any(norm(a) in norm(texts.get(g, "")) for g in gold):
            err(f"{qid}: answer {a!r} not found verbatim in any gold doc {gold}")
    for g in gold:
        if not any(norm(a) in norm(texts.get(g, "")) for a in answers):
            err(f"{qid}: gold doc {g} contains none of the answers")
    gold_langs = {DOCS[g] for g in gold}
    same_lang_docs = [d for d, l in DOCS.items() if l == lang]
    if kind == "mono" and lang not in gold_langs:
        err(f"{qid}: mono question but no gold doc in {lang}")
    if kind == "cross":
        if lang in gold_langs:
            err(f"{qid}: cross question has a gold doc in its own language")
        for a in answers:
            for d in same_lang_docs:
                if contains(texts.get(d, ""), a):
                    err(f"{qid}: cross answer {a!r} also occurs in same-language doc {d}")
    # informative: answer strings also found in non-gold docs
    for a in answers:
        extra = [d for d in DOCS if d not in gold and contains(texts.get(d, ""), a)]
        if extra:
            print(f"  note: {qid} answer {a!r} also occurs in non-gold {extra}")

for lang in LANGS:
    for (kind, topic), n in PER_LANG.items():
        got = counts[(lang, kind, topic)]
        if got != n:
            err(f"{lang}: {kind}/{topic}: {got} questions, expected {n}")

print("counts per language:")
for lang in LANGS:
    row = ", ".join(f"{k}{'/' + t if t else ''}={counts[(lang, k, t)]}" for (k, t) in PER_LANG)
    print(f"  {lang}: {row}, total={sum(v for (l, _, _), v in counts.items() if l == lang)}")

if errors:
    print(f"FAILED: {len(errors)} problem(s)")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print(f"OK: {len(items)} questions, {len(texts)} articles, all checks passed")
