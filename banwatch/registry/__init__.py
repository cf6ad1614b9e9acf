"""Load and validate the YAML registry; attribute IEEE MAC blocks to entities."""
