"""Tests: mail."""
