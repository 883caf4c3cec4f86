"""Stage 3, cleaning: parsers (Indonesian numbers, dates, statuses), the one cleaner every
kind goes through (cleaner: shared steps, driven by a per-kind Spec), rejects (the
bookkeeping of kept and rejected rows), distinct (work done once per distinct value or place
and spread back; text carried as categories), the kinds' own rules (coverage, cases), a user's
table (user_table: what `tppo validate` does) and `tppo clean` (pipeline).
"""
