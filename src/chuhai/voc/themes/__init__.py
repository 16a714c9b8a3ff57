"""Themes in customer voice: discovered clusters, seeds and their names."""
