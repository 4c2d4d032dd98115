"""Run layer: execute the runs of a runs file and render their reports (``python -m kit run``).

One job a module, in the order a batch uses them:

- ``runsfile``: read and check the runs file, inspect notebook parameters, resolve paths.
- ``articles``: a batch over a corpus (``--ledger``, ``--corpus``): the articles and each one's runs.
- ``cache``: the cache key (inputs, kit source, library versions) and each run's recorded state.
- ``atomic``: atomic writes and the one-batch-per-folder lock.
- ``execute``: the one papermill call and kernel set-up (also used by ``tools/refresh.py`` and tests).
- ``worker``: execute one run and render its pages, in a worker process.
- ``remote``: ship a run as bytes to a machine with no shared filesystem, and run it there.
- ``pool``: the dispatch loop, progress and Ctrl-C, and the local process pool.
- ``cluster``: the same on a Dask distributed cluster (``--scheduler``).
- ``outputs``: write each run's files and state, and the index page.
- ``corpus_index``: the index of a batch over a corpus, grouped by article, the story first.
- ``cli``: the command line, the plan and the summary.
"""
