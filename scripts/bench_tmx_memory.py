#!/usr/bin/env python
"""Peak memory of importing a large TMX: generates one (300,000 units by default), then runs, each in its own
subprocess so that its peak resident set size (``ru_maxrss``) is its own:

- ``baseline``: the interpreter with mtreview's CLI imported (what any command costs);
- ``read``:     streaming every unit through ``mtreview.formats.read_units`` (lxml iterparse + clear);
- ``import``:   ``mtreview import FILE.tmx -o P.mtr`` (read, store in SQLite in batches);
- ``translate-toolkit`` (with ``--toolkit``): ``translate.storage.tmx`` loading the same file, for scale.

The target is ``import`` <= 150 MB. The data is generated, so nothing under ../shared/benchmarks is needed.

    python scripts/bench_tmx_memory.py              # table
    python scripts/bench_tmx_memory.py --json       # machine-readable
    python scripts/bench_tmx_memory.py --units 50000 --toolkit
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
LIMIT_MB = 150.0

_RU = ["Президент заявил журналистам, что переговоры продолжатся на следующей неделе",
       "В Каспийском море прошли учения военно-морского флота",
       "Эксперт считает, что решение было принято слишком поспешно",
       "Цены на нефть выросли на три процента за день",
       "Правительство обещает поддержать малый бизнес в регионах"]
_EN = ["The president told journalists that the talks would continue next week",
       "Naval exercises were held in the Caspian Sea",
       "The expert believes the decision was made too hastily",
       "Oil prices rose by three percent in a day",
       "The government promises to support small businesses in the regions"]


def generate(path: Path, units: int) -> None:
    """A TMX 1.4b file with ``units`` ru-en units, every tenth with inline codes, all texts distinct."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                 '<header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="bench" '
                 'adminlang="en" srclang="ru" datatype="plaintext"/>\n<body>\n')
        for i in range(units):
            ru, en = _RU[i % 5] + f" (№ {i}).", _EN[i % 5] + f" (no. {i})."
            if i % 10 == 0:
                ru_seg = f'<bpt i="1">&lt;b&gt;</bpt>{escape(ru)}<ept i="1">&lt;/b&gt;</ept>'
                en_seg = f'<bpt i="1">&lt;b&gt;</bpt>{escape(en)}<ept i="1">&lt;/b&gt;</ept>'
            else:
                ru_seg, en_seg = escape(ru), escape(en)
            fh.write(f'<tu tuid="{i + 1}"><prop type="x-domain">news</prop>'
                     f'<tuv xml:lang="ru"><seg>{ru_seg}</seg></tuv>'
                     f'<tuv xml:lang="en-US"><seg>{en_seg}</seg></tuv></tu>\n')
        fh.write("</body>\n</tmx>\n")


# Each step runs in a fresh interpreter that reports its own peak RSS at exit. VmHWM (Linux) belongs to the
# process image after exec; ``ru_maxrss`` of a child would also count the parent's memory at fork time.
_CHILD = r"""
import resource, sys
def peak_kb():
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
step, args = sys.argv[1], sys.argv[2:]
code = 0
if step == "baseline":
    import mtreview.cli
elif step == "read":
    from mtreview.formats import read_units
    n = sum(1 for _ in read_units(args[0], source_lang="ru", target_lang="en"))
    code = 0 if n == int(args[1]) else 1
elif step == "import":
    from mtreview.cli import main
    code = main(["import", *args])
elif step == "translate-toolkit":
    from translate.storage import tmx
    tmx.tmxfile.parsefile(args[0])
print("PEAK_KB", peak_kb())
sys.exit(code)
"""


def run_measured(step: str, args: list[str]) -> dict[str, object]:
    """Run one step in a subprocess; its peak RSS, wall time and exit code."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, step, *args], capture_output=True, text=True, env=env,
                          cwd=REPO)
    wall = time.perf_counter() - start
    peak = next((int(line.split()[1]) for line in proc.stdout.splitlines() if line.startswith("PEAK_KB ")), 0)
    return {"peak_rss_mb": round(peak / 1024, 1), "wall_s": round(wall, 1), "exit_code": proc.returncode,
            "stderr_tail": proc.stderr[-300:].strip()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=300_000, help="translation units to generate (default 300000)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--toolkit", action="store_true", help="also measure translate-toolkit loading the file")
    ap.add_argument("--workdir", type=Path, default=None, help="where to put the generated files (kept)")
    args = ap.parse_args()

    tmpdir = None
    if args.workdir is None:
        tmpdir = tempfile.TemporaryDirectory(prefix="bench_tmx_")
        work = Path(tmpdir.name)
    else:
        work = args.workdir
        work.mkdir(parents=True, exist_ok=True)
    tmx, project = work / "bench.tmx", work / "bench.mtr"
    project.unlink(missing_ok=True)
    t0 = time.perf_counter()
    generate(tmx, args.units)
    gen_s = time.perf_counter() - t0
    steps: list[tuple[str, list[str]]] = [
        ("baseline", []),
        ("read", [str(tmx), str(args.units)]),
        ("import", [str(tmx), "-o", str(project), "-s", "ru", "-t", "en"]),
    ]
    if args.toolkit:
        steps.append(("translate-toolkit", [str(tmx)]))
    results = []
    for name, step_args in steps:
        res = run_measured(name, step_args)
        res["step"] = name
        results.append(res)
    imp = next(r for r in results if r["step"] == "import")
    summary = {
        "units": args.units, "tmx_mb": round(tmx.stat().st_size / 2**20, 1), "generate_s": round(gen_s, 1),
        "limit_mb": LIMIT_MB, "import_within_limit": imp["exit_code"] == 0 and imp["peak_rss_mb"] <= LIMIT_MB,
        "python": platform.python_version(), "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "steps": results,
    }
    if tmpdir is not None:
        tmpdir.cleanup()
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"TMX: {args.units} units, {summary['tmx_mb']} MB (generated in {summary['generate_s']} s); "
              f"python {summary['python']}, {summary['machine']}")
        print(f"{'step':<20}{'peak RSS MB':>12}{'wall s':>9}{'exit':>6}")
        for r in results:
            print(f"{r['step']:<20}{r['peak_rss_mb']:>12}{r['wall_s']:>9}{r['exit_code']:>6}")
        verdict = "OK" if summary["import_within_limit"] else "OVER"
        print(f"import peak {imp['peak_rss_mb']} MB vs limit {LIMIT_MB:.0f} MB: {verdict}")
        for r in results:
            if r["exit_code"] != 0:
                print(f"  {r['step']} failed: {r['stderr_tail']}")
    return 0 if summary["import_within_limit"] else 1


if __name__ == "__main__":
    sys.exit(main())
