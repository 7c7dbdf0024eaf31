"""Many interviews at once: streams, DataFrames and Dask."""
