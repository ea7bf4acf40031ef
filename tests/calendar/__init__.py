"""Tests: calendar."""
