"""Stage 2, places: code-list editions, code lists and the resolver of names and
codes, recoding between editions, and boundaries.
"""
