"""Helpers for the end-to-end test: the kit's notebooks in real JupyterLab and headless Chromium."""
