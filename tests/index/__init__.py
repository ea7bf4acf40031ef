"""Tests: index."""
