"""Golden files: every output of the shipped store, compared byte for byte."""
