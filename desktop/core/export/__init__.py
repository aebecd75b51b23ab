"""Export: the Excel workbook (``xlsx``), CSV (``csv_export``), JSON Lines (``jsonl``), and
reading an edited workbook back (``workbook_import``). ``safety`` holds the rules every
writer follows (string cells, no XML-illegal characters, atomic replacement, lock files).

Import the submodules directly, e.g. ``from desktop.core.export.xlsx import export_workbook``.
"""
