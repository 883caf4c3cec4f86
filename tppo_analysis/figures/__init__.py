"""Stage 5, pictures: maps and charts with their words and caveats (maps), and how they
draw with no network in notebooks, reports and PNGs (offline).
"""
