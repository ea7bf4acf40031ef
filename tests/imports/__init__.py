"""Tests: imports."""
