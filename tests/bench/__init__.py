"""The benchmark: the planner's commands and UI measured against the floors of the same run."""
