"""Build hook for mtreview's optional native accelerators (all metadata lives in pyproject.toml).

Each C module speeds up one exact computation that also has a pure-Python implementation; the package
works without them. They are ``optional``: on a machine without a C compiler the install goes on and
mtreview falls back to Python (``mtreview --version`` and the benchmarks say which one ran). Only sources
that exist are listed, so a checkout mid-change still installs.
"""

from pathlib import Path

from setuptools import Extension, setup

_HERE = Path(__file__).resolve().parent
_NATIVE = {
    "mtreview._ter_native": "mtreview/native/ter.c",
    "mtreview._ngram_native": "mtreview/native/ngrams.c",
}
# Headers a module includes: listed so that editing one rebuilds the module and sdists carry them.
_HEADERS = {
    "mtreview._ngram_native": ["mtreview/native/pair_table.h", "mtreview/native/words.h"],
}

setup(
    ext_modules=[
        Extension(name, [src], depends=_HEADERS.get(name, []), optional=True, extra_compile_args=["-O2"])
        for name, src in _NATIVE.items()
        if (_HERE / src).exists()
    ]
)
