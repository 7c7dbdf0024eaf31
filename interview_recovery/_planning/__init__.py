"""From incidents to a plan: recommend(), assembly, the Plan and explain()."""
