"""Matching (pure): normalise names, compile an index, score and explain candidates."""
