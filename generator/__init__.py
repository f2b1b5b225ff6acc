"""The Career Conversations Kit generator.

A thin MkDocs plugin (`plugin.py`) over plain modules that each hold one
concern: content checks, catalogs, worksheets, PDFs, search, typography and the
final whole-site checks. The CLI (`python -m generator`) drives MkDocs.
"""

__version__ = "0.1.0"

try:
    import mkdocs  # noqa: F401
except ModuleNotFoundError:  # ProperDocs, the maintained fork of MkDocs 1.x, is installed instead:
    import properdocs.replacement  # noqa: F401  (it makes every `mkdocs.*` import resolve to ProperDocs)
