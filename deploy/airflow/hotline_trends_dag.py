"""Apache Airflow DAG: the hotline-trends quarterly release submitted to a Spark cluster.

Needs the provider package apache-airflow-providers-apache-spark and a Spark connection (`spark_hotline`) whose
host is the cluster's master (spark://..., yarn or k8s://...). The application is the shaded jar built by
`./mvnw package` (cluster/target/hotline-trends-spark.jar), copied to a path every Airflow worker can read.

`--release latest` publishes the last quarter that has ended. Exit codes of the run (README): 0 published,
3 bad input, 4 a privacy check refused to publish, 5 another run holds the warehouse lock, 1 internal error; any
non-zero code fails the task, and a retry is safe: the next run repairs what a failed one left.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR = "/opt/hotline-trends/hotline-trends-spark.jar"
WAREHOUSE = "/srv/hotline/warehouse"          # a shared file system (or an object-store path, see deploy/README.md)
EXPORT = "/srv/hotline/exports/current"

with DAG(
    dag_id="hotline_trends_quarterly_release",
    description="Ingest the hotline export, protect and publish the quarterly release",
    schedule="30 2 15 1,4,7,10 *",            # 02:30 UTC on the 15th day after each quarter ends
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=30)},
    tags=["hotline-trends"],
) as dag:
    SparkSubmitOperator(
        task_id="run_release",
        conn_id="spark_hotline",
        application=JAR,
        java_class="ca.hotlinetrends.cli.HotlineTrends",
        name="hotline-trends-run",
        deploy_mode="client",                  # the driver writes the release: run it where the warehouse is mounted
        driver_memory="8g",
        executor_memory="4g",
        executor_cores=2,
        num_executors=4,
        conf={
            "spark.sql.shuffle.partitions": "64",
            "spark.executor.extraJavaOptions": "-Duser.timezone=UTC",
            "spark.driver.extraJavaOptions": "-Duser.timezone=UTC -Djava.awt.headless=true",
        },
        application_args=[
            # The master is spark-submit's (the connection's host); the CLI uses it unless --master is given.
            "run", "--input", EXPORT, "--release", "latest", "--warehouse", WAREHOUSE,
        ],
    )
