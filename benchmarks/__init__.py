"""Benchmarks of recommend(): both engines, both paths, the hand-written floor and raw durable_rules."""
