"""Stage 3, cleaning: parsers of Indonesian numbers, dates and statuses, the shared
cleaning toolkit, the coverage and cases cleaners, and `tppo clean` (pipeline).
"""
