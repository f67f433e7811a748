# The timeline service. SQLite by default (the database lives in the /data volume);
# set DATABASE_URL=postgresql+psycopg://... to run on PostgreSQL instead.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DATABASE_URL=sqlite:////data/timeline.db

RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/timeline
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY seeds ./seeds
RUN pip install --no-cache-dir -e . \
    && useradd --create-home timeline \
    && mkdir /data && chown timeline /data
USER timeline
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"
CMD ["timeline", "serve", "--host", "0.0.0.0", "--port", "8000"]
