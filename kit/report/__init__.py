"""Report layer: parameters, words, house style, charts, narrative and HTML rendering (may import matplotlib)."""
