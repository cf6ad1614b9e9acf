"""Bulk engines around the pure core: worker processes on one machine, and Apache Spark.

Both screen with the same `Screening` the local engine uses and give the same
findings in the same order; only where the work runs differs. `bulk.spark` is
the only place in banwatch that imports pyspark.
"""
