"""Reading what users give: YAML, bounded files, incident files and DataFrames, and their errors located."""
