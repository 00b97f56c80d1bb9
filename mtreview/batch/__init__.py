"""Batch scoring at corpus scale: line-aligned inputs streamed in chunks, chunks scored by an engine (this
process, a local process pool, or a Dask cluster) and written in order as they come back.

- :mod:`.lines`: strict, streaming reading of line-aligned files (errors name file, line, byte offset).
- :mod:`.pipeline`: ``aligned_items`` (files -> ``ScoreItem``) and ``score_stream`` (items -> engine ->
  ordered records + corpus summary from summed sufficient statistics).
- :mod:`.tasks`: the picklable unit of work (``ChunkJob`` -> ``score_chunk`` -> ``ChunkResult``), with
  optional retranslation on the worker (``RetranslateSpec``).
- :mod:`.engines`: where chunks run (``make_engine("local" | "dask", ...)``), ordered, with a bounded
  number of chunks in flight.
- :mod:`.writers`: JSONL / CSV / Parquet written chunk by chunk, renamed into place when complete.
- :mod:`.progress`: the progress bar with rate and ETA on stderr.
- :mod:`.synthetic`: generated corpora for the scale benchmark (``scripts/bench_scale.py``).

Running on a real Dask cluster
------------------------------
Install the same mtreview version, with the ``scale`` extra (and ``neural``/``fast`` where workers
retranslate), on the client and every worker machine: tasks refer to mtreview's functions by name, they
are not shipped as code. Then::

    dask scheduler --port 8786                                      # on the scheduler host
    dask worker tcp://SCHEDULER:8786 --nworkers 8 --nthreads 1     # on each worker host (one process per core)
    mtreview score src.txt mt.txt --aligned -s ru -t en --retranslation r1.txt --retranslation r2.txt \\
        -o scores.parquet --engine dask --scheduler tcp://SCHEDULER:8786

One thread per worker process: scoring is pure Python, so threads would share one GIL. The client reads
the inputs and writes the output: only chunks travel, so the input files need not be on the workers.
Without ``--retranslation`` files the workers retranslate the source themselves (``device="auto"``: a GPU
where the worker has one); their models must then be in each worker's Hugging Face cache (or pass a
folder with ``--model`` that exists on every worker). The client refuses a cluster whose workers lack
mtreview or run another version of it.
"""
