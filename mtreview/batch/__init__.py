"""Batch scoring at corpus scale: line-aligned inputs streamed in chunks, chunks scored by an engine (this
process, a local process pool, or a Dask cluster) and written in order as they come back.

- :mod:`.lines`: strict, streaming reading of line-aligned files.
- :mod:`.engines`: where chunks run (``make_engine("local" | "dask", ...)``), ordered and bounded.
- :mod:`.progress`: the progress bar with ETA on stderr.
"""
