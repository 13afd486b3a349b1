"""Detectors: one module per rule kind, listed in :mod:`cleanpress.detect.registry`.

Detectors are functions of a document and compiled rules; they never import the engine. What one
needs from another's findings is passed to it explicitly (``found``).
"""
