"""The web pages chuhai serves itself (no CDN): the live copilot."""
