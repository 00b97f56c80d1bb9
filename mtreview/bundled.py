"""The bundled example corpus and the working project made from it.

``mtreview review`` with no project opens the bundled Russian-English article. The shipped files are
never written to: the first run imports them into a project in the user's data folder
(``platformdirs.user_data_dir("mtreview")``, or ``$MTREVIEW_DATA_DIR``), later runs reopen that project
so the decisions made there persist.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .errors import MtReviewError

BUNDLED_NAME = "caspian-nato-ru-en"
SOURCE_FILE, MT_FILE, REFERENCE_FILE = "source.ru.txt", "mt.en.txt", "reference.en.txt"
DATA_DIR_ENV = "MTREVIEW_DATA_DIR"


def bundled_corpus_dir(name: str = BUNDLED_NAME) -> Path:
    """Folder of a bundled corpus: ``corpora/`` beside the package in a source checkout, else the copy
    installed as package data (``mtreview/data/corpora``)."""
    import mtreview

    package = Path(mtreview.__file__).resolve().parent
    for base in (package.parent / "corpora", package / "data" / "corpora"):
        folder = base / name
        if (folder / SOURCE_FILE).is_file() and (folder / MT_FILE).is_file():
            return folder
    raise MtReviewError(f"the bundled corpus {name!r} is missing from this installation "
                        f"(looked in {package.parent / 'corpora'} and {package / 'data' / 'corpora'})")


def data_dir() -> Path:
    """The user's mtreview data folder (created if missing)."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        folder = Path(env).expanduser()
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir("mtreview"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise MtReviewError(f"{folder}: cannot create the data folder ({err.strerror}); set "
                            f"{DATA_DIR_ENV} to a writable folder") from None
    return folder


def working_project_path(name: str = BUNDLED_NAME) -> Path:
    """Where the working project of a bundled corpus lives (it may not exist yet)."""
    return data_dir() / f"{name}.mtr"


def ensure_bundled_project(name: str = BUNDLED_NAME, log: Callable[[str], None] = lambda msg: None) -> Path:
    """The working project of the bundled corpus: imported on first use, reopened afterwards."""
    out = working_project_path(name)
    if out.exists():
        return out
    from .errors import UsageError
    from .project_build import build_project

    folder = bundled_corpus_dir(name)
    reference = folder / REFERENCE_FILE
    log(f"importing the bundled corpus {folder} into {out}")
    try:
        # With the 'embed' extra installed the aligner also uses sentence embeddings (build_project's
        # default): every gold bead of the corpus is then found (70/70, scripts/bench_align.py), else 64/70.
        build_project(folder / SOURCE_FILE, folder / MT_FILE, out, "ru", "en",
                      reference=reference if reference.is_file() else None, log=log)
    except UsageError:
        # Two first runs at once: the other one finished the import (it renames a complete file into
        # place), so use its project.
        if not out.exists():
            raise
    return out
