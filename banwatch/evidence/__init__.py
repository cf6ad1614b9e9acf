"""Evidence packs: a saved run, what it was judged on, and every source it cites, signed."""
