"""Records to findings: matching, relations, measures, profile and verdict."""
