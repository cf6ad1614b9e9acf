"""The screening engines around the pure core: this process, worker processes, Apache Spark.

They are peers behind `bulk.engine.Engine`: each screens with the same
`Screening` and gives the same findings in the same order; only where the
work runs differs. `bulk.spark` is the only place in banwatch that imports
pyspark.
"""
