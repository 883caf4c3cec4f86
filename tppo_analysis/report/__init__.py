"""Stage 6, reports: the runner of `tppo report`, notebook helpers, data-quality
tables and the changes since the last run.
"""
