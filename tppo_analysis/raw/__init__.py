"""Stage 1, what comes in: the raw-data manifest, reading spreadsheets, the shipped
inputs and their adapters, and a project's own sources.
"""
