"""Batch work: discovering files, cleaning them in parallel, atomic in-place writes, and streaming
JSONL corpora. Used by the command line; the library API is :mod:`cleanpress`."""
