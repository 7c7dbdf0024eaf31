"""The consultation that asks only what changes the advice, and its notebook widget."""
