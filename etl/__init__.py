"""The only layer that writes: read → normalise → validate → load → publish the warehouse."""
