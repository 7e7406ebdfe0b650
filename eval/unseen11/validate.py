#!/usr/bin/env python3
"""Validate the unseen11 articles and questions.jsonl. Exit 1 on any failure."""
import datetime
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
errors = []


def err(msg):
    errors.append(msg)


WEEKDAYS = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "sq": ["e hënë", "e martë", "e mërkurë", "e enjte", "e premte", "e shtunë", "e diel"],
    "tl": ["lunes", "martes", "miyerkules", "huwebes", "biyernes", "sabado", "linggo"],
}
MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"],
    "sq": ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht",
           "shtator", "tetor", "nëntor", "dhjetor"],
    "tl": ["enero", "pebrero", "marso", "abril", "mayo", "hunyo", "hulyo", "agosto",
           "setyembre", "oktubre", "nobyembre", "disyembre"],
}


def date_re(lang):
    wd = "|".join(re.escape(w) for w in WEEKDAYS[lang])
    mo = "|".join(MONTHS[lang])
    # weekday, optional comma, day, month, optional year
    return re.compile(rf"\b({wd}),?\s+(\d{{1,2}})\s+({mo})\b(?:\s+(\d{{4}}))?", re.I)


def check_weekdays(doc, lang, text):
    n = 0
    for m in date_re(lang).finditer(text):
        wd, day, mon, year = m.group(1).lower(), int(m.group(2)), m.group(3).lower(), m.group(4)
        year = int(year) if year else 2026
        try:
            d = datetime.date(year, MONTHS[lang].index(mon) + 1, day)
        except ValueError:
            err(f"{doc}: invalid date {m.group(0)!r}")
            continue
        if WEEKDAYS[lang][d.weekday()] != wd:
            err(f"{doc}: {m.group(0)!r} is a {WEEKDAYS[lang][d.weekday()]}, not {wd}")
        n += 1
    return n


# ---------------- articles ----------------
docs = {}
doc_lang = {}
files = sorted(HERE.glob("m0*_*.txt"))
names = [f.name for f in files]
if len(files) != 6:
    err(f"expected 6 articles, found {names}")
for f in files:
    m = re.fullmatch(r"(m0[1-6])_(en|sq|tl)\.txt", f.name)
    if not m:
        err(f"bad article file name {f.name}")
        continue
    doc, lang = m.groups()
    text = f.read_text(encoding="utf-8")
    docs[doc], doc_lang[doc] = text, lang
    words = len(text.split())
    if not 330 <= words <= 450:
        err(f"{doc}: {words} words (need 330-450)")
    body = text.rstrip("\n")
    if "\n\n\n" in body or "\r" in body:
        err(f"{doc}: paragraphs must be separated by exactly one blank line")
    paras = body.split("\n\n")
    if any(not p.strip() or "\n" in p for p in paras):
        err(f"{doc}: a paragraph is empty or spans several lines")
    if len(paras) < 2:
        err(f"{doc}: missing headline/dateline")
        continue
    headline, dateline, rest = paras[0], paras[1], paras[2:]
    if not headline.strip() or headline.strip().endswith(".") and len(headline) > 200:
        err(f"{doc}: bad headline")
    dm = re.match(r"^([A-ZÀ-ÖØ-ÞË][A-ZÀ-ÖØ-ÞË .'-]+), (.+?) – \S", dateline)
    if not dm:
        err(f"{doc}: dateline does not match 'TOWN, date – ...'")
    else:
        dpart = dm.group(2)
        mo = "|".join(MONTHS[lang])
        if not re.search(rf"\b\d{{1,2}}\s+({mo})\s+2026\b", dpart, re.I):
            err(f"{doc}: dateline date {dpart!r} lacks 'day month 2026'")
        if check_weekdays(doc, lang, dpart) == 0:
            err(f"{doc}: dateline date {dpart!r} names no weekday")
    check_weekdays(doc + " body", lang, "\n".join(rest))
    if not 5 <= len(rest) <= 7:
        err(f"{doc}: {len(rest)} paragraphs after the dateline (need 5-7)")

lang_count = Counter(doc_lang.values())
if lang_count != Counter({"en": 2, "sq": 2, "tl": 2}):
    err(f"each language must appear exactly twice: {dict(lang_count)}")

# ---------------- questions ----------------
qpath = HERE / "questions.jsonl"
qs = [json.loads(l) for l in qpath.read_text(encoding="utf-8").splitlines() if l.strip()]
if len(qs) != 72:
    err(f"expected 72 questions, got {len(qs)}")
ids = [q.get("id") for q in qs]
if ids != [f"mq{i:02d}" for i in range(1, len(qs) + 1)]:
    err("ids must be mq01..mq72 in order")
counts = Counter()
for q in qs:
    qid = q.get("id")
    kind = q.get("kind")
    keys = list(q.keys())
    want = ["id", "lang", "kind", "question", "gold_docs", "answer_any"] + (["topic"] if kind == "none" else [])
    if keys != want:
        err(f"{qid}: keys {keys} != {want}")
        continue
    lang, gold, ans = q["lang"], q["gold_docs"], q["answer_any"]
    if lang not in ("en", "sq", "tl") or kind not in ("mono", "cross", "none"):
        err(f"{qid}: bad lang/kind")
        continue
    if not q["question"].strip():
        err(f"{qid}: empty question")
    counts[(lang, kind, q.get("topic"))] += 1
    if kind == "none":
        if gold or ans:
            err(f"{qid}: none question must have empty gold_docs/answer_any")
        if q.get("topic") not in ("on", "off"):
            err(f"{qid}: none question needs topic on/off")
        continue
    if not gold or not ans:
        err(f"{qid}: gold_docs and answer_any must be non-empty")
        continue
    if any(g not in docs for g in gold):
        err(f"{qid}: unknown gold doc in {gold}")
        continue
    for a in ans:
        if not any(a.lower() in docs[g].lower() for g in gold):
            err(f"{qid}: answer {a!r} not found in any gold doc {gold}")
    for g in gold:
        if not any(a.lower() in docs[g].lower() for a in ans):
            err(f"{qid}: gold doc {g} holds no answer string")
    if kind == "mono" and not any(doc_lang[g] == lang for g in gold):
        err(f"{qid}: mono question has no gold doc in {lang}")
    if kind == "cross":
        if any(doc_lang[g] == lang for g in gold):
            err(f"{qid}: cross question has a gold doc in its own language")
        for d, t in docs.items():
            if doc_lang[d] == lang:
                for a in ans:
                    if a.lower() in t.lower():
                        err(f"{qid}: cross answer {a!r} occurs in same-language article {d}")

for lang in ("en", "sq", "tl"):
    for key, n in (((lang, "mono", None), 6), ((lang, "cross", None), 10),
                   ((lang, "none", "on"), 6), ((lang, "none", "off"), 2)):
        if counts[key] != n:
            err(f"{lang}: {key[1]}{'/' + key[2] if key[2] else ''} count {counts[key]} != {n}")

if errors:
    print(f"FAIL: {len(errors)} problem(s)")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print(f"OK: {len(docs)} articles ({', '.join(f'{d}_{doc_lang[d]}={len(docs[d].split())}w' for d in sorted(docs))}); "
      f"{len(qs)} questions, per language 6 mono / 10 cross / 6 none-on / 2 none-off")
