"""The risk's features are the same in every process: with three or more pseudo-references a sum of
fractions added in the order of Python's per-process string hashes made risks differ in their last bit
between runs and between --workers 1, --workers 2 and --engine dask (QA)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CODE = r"""
import json
from mtreview.batch.synthetic import iter_rows
from mtreview.risk_features import _support
out = []
for i, (src, mt, p1, p2) in enumerate(iter_rows(300, refs=2, seed=5)):
    p3 = p1 + " extra word" if i % 2 else p2
    out.append(repr(_support(mt, [p1, p2, p3])))
print(json.dumps(out))
"""


def test_support_does_not_depend_on_the_hash_seed() -> None:
    results = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=120)
        assert run.returncode == 0, run.stderr
        results.append(json.loads(run.stdout))
    assert len(results[0]) == 300
    assert results[0] == results[1] == results[2]
