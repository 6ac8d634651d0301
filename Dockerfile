# schoolwatch on the official Airflow image: the package, its DAGs, nothing else.
#
#   docker compose build            (see docker-compose.yml and the README, "Run it with Airflow")
#
# The tag matches the Airflow the project is tested with (apache-airflow 3.3.2, Python 3.11).
ARG AIRFLOW_VERSION=3.3.2
ARG PYTHON_VERSION=3.11
FROM apache/airflow:${AIRFLOW_VERSION}-python${PYTHON_VERSION}

ARG AIRFLOW_VERSION
ENV AIRFLOW_VERSION=${AIRFLOW_VERSION}

# The project source (see .dockerignore: no venv, data, tests or secrets).
COPY --chown=airflow:root . /opt/schoolwatch/src

# Pin apache-airflow to the image's own version so installing the project can never
# upgrade or downgrade Airflow (the Airflow docs' advice when adding packages to the image);
# the Celery provider serves the `celery` compose profile.
RUN pip install --no-cache-dir \
        "apache-airflow==${AIRFLOW_VERSION}" \
        "apache-airflow-providers-celery" \
        /opt/schoolwatch/src

# DAG files only wire; the package does the work (installed above).
COPY --chown=airflow:root dags/ /opt/airflow/dags/

# Where the compose file mounts the config and the named volumes (warehouse, landing zone,
# outbox, the UI password file); a new named volume copies this ownership, so the airflow
# user can write to it.
USER root
RUN mkdir -p /opt/schoolwatch/config /opt/schoolwatch/data/landing /opt/schoolwatch/data/outbox /opt/schoolwatch/db \
        /opt/schoolwatch/cache \
        /opt/airflow/auth \
    && chown -R airflow:root /opt/schoolwatch /opt/airflow/auth \
    && chmod -R g+rwX /opt/schoolwatch /opt/airflow/auth
USER airflow

ENV SCHOOLWATCH_CONFIG=/opt/schoolwatch/config/schoolwatch.toml
# the rules' compiled scanner (transforms/classify/scanner.py): compiled once, loaded after
ENV SCHOOLWATCH_CACHE_DIR=/opt/schoolwatch/cache
