"""Alerts: every non-clear finding of a saved run, and what a dismissal is remembered against."""
