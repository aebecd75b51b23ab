"""Steppe's Qt widgets. They call the session and listen to its changes; they never write the
database themselves."""
