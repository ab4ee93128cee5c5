"""Domain layer: pure rules and values. No Qt, no database."""
