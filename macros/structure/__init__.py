"""The model: leaf modules that the rest of the package builds on and that import nothing of it
except the data helpers (taxonomy, slugs, sorting)."""
