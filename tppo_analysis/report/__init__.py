"""Stage 6, reports: the runner of `tppo report`, the pages it publishes (pages), the landing
page (index), figures as PNG (png), notebook helpers, data-quality tables and the changes
since the last run.
"""
