"""Monitoring: what changes for a profile and its inventories between dates, and what is coming."""
