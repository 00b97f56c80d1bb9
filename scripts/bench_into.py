#!/usr/bin/env python
"""Time and peak memory of ``mtreview export PROJECT --into ORIGINAL -o OUT`` on large generated files.

Builds, in a temporary folder, a TMX memory and an XLIFF 1.2 file of N units each (default 50,000; CRLF line
ends, indented; TMX: two variants and a ``<prop>`` per ``<tu>``, every tenth with inline codes; XLIFF: groups
of 100 ``<trans-unit>``s with a source, a target and a note, every tenth with a ``<g>``), imports each
(``mtreview import``) and accepts every segment (``mtreview decide accept-mt --all``), then times the export
into the original. Each step runs in a child process; its wall time and its own peak RSS (VmHWM, which a
``sitecustomize`` on the child's path reports at exit: ``ru_maxrss`` of a child would also count what this
process had resident when it forked).

With ``--baseline DIR`` (another checkout of mtreview, e.g. ``git archive HEAD | tar -x -C /tmp/base``) the
baseline's exports and this checkout's alternate, ``--repeat`` times each (medians reported), and the two
outputs are compared byte for byte.

    .venv/bin/python scripts/bench_into.py [--units 50000] [--formats tmx,xliff] [--repeat 1]
                                           [--baseline DIR] [--dir DIR] [--json]
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]

# The sentences of the TMX import benchmark (scripts/ is on sys.path for a script; tests load it by path)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_tmx_memory import _EN, _RU  # noqa: E402


def _texts(i: int, open_tag: str, close_tag: str) -> tuple[str, str]:
    ru, en = escape(_RU[i % 5] + f" (№ {i})."), escape(_EN[i % 5] + f" (no. {i}).")
    if i % 10 == 0:
        ru, en = f"{open_tag}{ru}{close_tag}", f"{open_tag}{en}{close_tag}"
    return ru, en


def generate_tmx(path: Path, units: int) -> None:
    """A TMX 1.4b memory (CRLF) of ``units`` ru/en-US ``<tu>``s, each with a prop and two variants."""
    with open(path, "w", encoding="utf-8", newline="\r\n") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                 '  <header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="bench" '
                 'adminlang="en" srclang="ru" datatype="plaintext"/>\n  <body>\n')
        for i in range(units):
            ru, en = _texts(i, '<bpt i="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>')
            fh.write(f'    <tu tuid="{i + 1}" creationdate="20240101T000000Z">\n'
                     f'      <prop type="x-domain">news</prop>\n'
                     f'      <tuv xml:lang="ru">\n        <seg>{ru}</seg>\n      </tuv>\n'
                     f'      <tuv xml:lang="en-US">\n        <seg>{en}</seg>\n      </tuv>\n    </tu>\n')
        fh.write("  </body>\n</tmx>\n")


def generate_xliff(path: Path, units: int) -> None:
    """An XLIFF 1.2 file (CRLF) of ``units`` ru/en trans-units in groups of 100, each with a note."""
    x12 = "urn:oasis:names:tc:xliff:document:1.2"
    with open(path, "w", encoding="utf-8", newline="\r\n") as fh:
        fh.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{x12}">\n'
                 '  <file original="bench.docx" source-language="ru" target-language="en" datatype="plaintext">\n'
                 '    <header><skl><external-file href="bench.skl"/></skl></header>\n    <body>\n')
        for i in range(units):
            if i % 100 == 0:
                if i:
                    fh.write("      </group>\n")
                fh.write(f'      <group id="g{i // 100}">\n')
            ru, en = _texts(i, '<g id="1" ctype="bold">', "</g>")
            fh.write(f'        <trans-unit id="{i + 1}" approved="no">\n'
                     f'          <source>{ru}</source>\n'
                     f'          <target state="translated" state-qualifier="leveraged-mt">{en}</target>\n'
                     f'          <note from="bench">unit {i + 1}</note>\n        </trans-unit>\n')
        if units:
            fh.write("      </group>\n")
        fh.write("    </body>\n  </file>\n</xliff>\n")


# The child's own peak: VmHWM (Linux) belongs to the process image after exec. ``ru_maxrss`` of a child, from
# wait4 or RUSAGE_CHILDREN, also counts what the parent had resident when it forked.
_PEAK = ("import atexit, resource, sys\n"
         "def _peak():\n"
         "    try:\n"
         "        with open('/proc/self/status') as fh:\n"
         "            kb = next(int(l.split()[1]) for l in fh if l.startswith('VmHWM:'))\n"
         "    except (OSError, StopIteration):\n"
         "        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
         "    sys.stderr.write('bench-peak-kib %d\\n' % kb)\n"
         "atexit.register(_peak)\n")


def run_child(root: Path, args: list[str], peak_dir: Path) -> dict[str, Any]:
    """``mtreview ARGS`` from checkout ``root`` in a child: wall seconds, its own peak RSS (MiB), its stderr."""
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{peak_dir}"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mtreview", *args], cwd=root, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"mtreview {' '.join(args)} ({root}) failed ({proc.returncode}): {proc.stderr[-2000:]}")
    peak = [int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("bench-peak-kib ")]
    if not peak:
        raise SystemExit(f"mtreview {' '.join(args)} ({root}) reported no peak: {proc.stderr[-500:]}")
    return {"wall_s": wall, "peak_mib": peak[-1] / 1024, "stderr": proc.stderr}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=50_000, help="units per generated file [50000]")
    ap.add_argument("--formats", default="tmx,xliff", help="comma-separated: tmx, xliff [tmx,xliff]")
    ap.add_argument("--repeat", type=int, default=1, help="exports per checkout; medians are reported [1]")
    ap.add_argument("--baseline", type=Path, default=None, help="another mtreview checkout to compare with")
    ap.add_argument("--dir", type=Path, default=None, help="where the files are built [a temporary folder]")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    roots = {"current": REPO} if args.baseline is None else {"baseline": args.baseline.resolve(), "current": REPO}
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench_into_", dir=args.dir) as tmp_name:
        tmp = Path(tmp_name)
        peak_dir = tmp / "peak"
        peak_dir.mkdir()
        (peak_dir / "sitecustomize.py").write_text(_PEAK)
        for fmt in args.formats.split(","):
            original = tmp / f"m.{'tmx' if fmt == 'tmx' else 'xlf'}"
            (generate_tmx if fmt == "tmx" else generate_xliff)(original, args.units)
            project = tmp / f"{fmt}.mtr"
            imp = run_child(REPO, ["import", str(original), "-o", str(project), "-s", "ru", "-t", "en"], peak_dir)
            dec = run_child(REPO, ["decide", str(project), "accept-mt", "--all", "--reviewer", "bench"], peak_dir)
            size = original.stat().st_size
            runs: dict[str, list[dict]] = {name: [] for name in roots}
            outputs = {name: tmp / f"out-{name}{original.suffix}" for name in roots}
            for _ in range(args.repeat):
                for name, root in roots.items():  # alternating: both see the same load
                    outputs[name].unlink(missing_ok=True)
                    runs[name].append(run_child(root, ["export", str(project), "--into", str(original),
                                                       "-o", str(outputs[name])], peak_dir))
            row = {"format": fmt, "units": args.units, "file_mb": round(size / 2**20, 1),
                   "import_s": round(imp["wall_s"], 1), "import_peak_mib": round(imp["peak_mib"], 1),
                   "decide_s": round(dec["wall_s"], 1), "decide_peak_mib": round(dec["peak_mib"], 1),
                   "exports": {}}
            for name, rs in runs.items():
                peak = statistics.median(r["peak_mib"] for r in rs)
                row["exports"][name] = {
                    "root": str(roots[name]), "runs": len(rs), "wall_s": round(statistics.median(r["wall_s"] for r in rs), 2),
                    "peak_mib": round(peak, 1), "peak_x_file": round(peak * 2**20 / size, 1),
                    "wall_s_all": [round(r["wall_s"], 2) for r in rs], "out_mb": round(outputs[name].stat().st_size / 2**20, 1),
                    "notes": [line for line in rs[-1]["stderr"].splitlines() if "byte for byte" in line]}
            if len(outputs) == 2:
                row["outputs_identical"] = filecmp.cmp(outputs["baseline"], outputs["current"], shallow=False)
            results.append(row)
    summary = {"python": platform.python_version(), "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
               "load_avg": [round(x, 2) for x in os.getloadavg()], "results": results}
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"python {summary['python']}, {summary['machine']}, load average at the end {summary['load_avg']}")
    for row in results:
        print(f"{row['format']}: {row['units']} units, {row['file_mb']} MB; import {row['import_s']} s "
              f"{row['import_peak_mib']} MiB; decide accept-mt --all {row['decide_s']} s {row['decide_peak_mib']} MiB")
        for name, e in row["exports"].items():
            print(f"  export --into {name:<9} {e['wall_s']:>7.2f} s  peak {e['peak_mib']:>7.1f} MiB "
                  f"({e['peak_x_file']}x the file)  runs {e['wall_s_all']}")
            for note in e["notes"]:
                print(f"    note: {note}")
        if "outputs_identical" in row:
            print(f"  outputs byte-identical: {row['outputs_identical']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
