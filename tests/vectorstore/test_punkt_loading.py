"""Punkt loaded without nltk's package (vectorstore/chunking.py) cuts every bundled article and every string of the
eval sets exactly where nltk's own PunktSentenceTokenizer does, and leaves `import nltk` working as before."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import BUNDLED, ROOT, SHARED

COMPARE = """
import json, sys
from vectorstore.chunking import _sentence_tokenizer
texts = json.load(open(sys.argv[1], encoding="utf-8"))
ours = [list(_sentence_tokenizer().span_tokenize(text)) for text in texts]
alone = "nltk" not in sys.modules and "scipy" not in sys.modules and "sklearn" not in sys.modules
import nltk
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from vectorstore import lexicon
parameters = PunktParameters()
parameters.abbrev_types = set(lexicon.every("abbreviations"))
theirs = [list(PunktSentenceTokenizer(parameters).span_tokenize(text)) for text in texts]
print(json.dumps({"alone": alone, "same": ours == theirs, "sentences": sum(map(len, ours)),
                  "package": hasattr(nltk, "word_tokenize") and hasattr(nltk.tokenize, "punkt")}))
"""


def test_punkt_without_nltks_package_cuts_the_corpus_and_the_eval_sets_as_nltk_does(tmp_path):
    texts = [path.read_text(encoding="utf-8") for path in sorted(BUNDLED.iterdir()) if path.is_file()]
    for questions in [*sorted((ROOT / "eval").glob("*.jsonl")), SHARED / "eval" / "dev.jsonl"]:
        for line in questions.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts += [value for value in json.loads(line).values() if isinstance(value, str)]
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", COMPARE, str(tmp_path / "texts.json")], capture_output=True,
                            text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["alone"]  # neither nltk's package nor scipy or scikit-learn were imported for it
    assert outcome["same"] and outcome["sentences"] > 500
    assert outcome["package"]  # nltk imported afterwards is the whole package
