"""The one thing pyproject.toml cannot declare without a warning: the compiled matcher loop.

pipeline/_scan.pyx is built with Cython when a C compiler is there; `optional` lets the install
go on without one, and pipeline/matcher.py then runs its Python loop (same hits, slower).
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("pipeline._scan", ["pipeline/_scan.pyx"], optional=True)])
