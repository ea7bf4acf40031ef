"""Tests: benchmark."""
