"""How the `qa` command shows a value it refuses: a value of hundreds of digits is shortened, not echoed whole."""

import subprocess
import sys

from tests.conftest import ROOT


def test_a_huge_top_k_is_shown_shortly():
    huge = "1" + "0" * 308  # what 1e308 reads as once made a whole number
    probe = ("import qa.cli\n"
             f"try:\n    qa.cli.main(['ask', 'x', '--top-k', {huge!r}])\nexcept SystemExit:\n    pass\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "'100000000000…000000 (309 characters)' is not a whole number from 1 to 50" in result.stderr
    assert huge not in result.stderr and len(result.stderr.splitlines()[-1]) < 200, result.stderr
