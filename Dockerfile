# duban in a container: Node 20 on Debian slim, run as a user of its own, the SQLite file (and
# its backups) on a volume. Build: docker build -t duban .
# Run:   docker run -d --name duban --env-file .env -v duban-data:/data -p 8080:8080 duban

# 1. Dependencies, built where the compilers are: better-sqlite3 compiles when no prebuilt
#    binary can be fetched, and the runtime image carries no compiler.
FROM node:20-bookworm-slim AS dependencies
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 2. What runs: the sources (run through tsx, as npm start does) and the built dependencies.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_URL=/data/duban.sqlite \
    BACKUP_DIR=/data/backups \
    HTTP_HOST=0.0.0.0 \
    PORT=8080
RUN groupadd --system duban && useradd --system --gid duban --home-dir /app --shell /usr/sbin/nologin duban \
 && mkdir -p /data && chown duban:duban /data
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY examples ./examples
USER duban
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Node itself as PID 1's child of no shell: SIGTERM reaches duban, which finishes the messages in flight.
CMD ["node", "--import", "tsx", "src/main.ts"]
