"""Column mappings shipped with chuhai (TOML files, one per export format)."""
