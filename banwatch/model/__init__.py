"""Pure data types: entities, relations, measures, events, profiles, findings."""
