"""The live-room copilot: events, the hub, host desk, sources and the recap (直播复盘)."""
