// Preload for bench/golden.mjs: a frozen wall clock, so a freshly created cluster (and the switch to
// manual mode) lands on the same virtual time every run and outputs can be compared byte for byte.
Date.now = () => 1767225600000; // 2026-01-01T00:00:00Z
