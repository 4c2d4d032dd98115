"""Run layer: batches of notebook runs, their cache, atomic writes, the pool and the command line."""
