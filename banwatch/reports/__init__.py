"""Reports other than screening findings: measures, an entity's profile, runs and diffs."""
