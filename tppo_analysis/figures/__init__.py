"""Stage 5, pictures: maps and charts, and how they are shown offline.
"""
