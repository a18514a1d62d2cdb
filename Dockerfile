# duban in a container: Node 20 on Debian slim, run as a user of its own, the SQLite file (and
# its backups) on a volume; with DATABASE_URL=postgres://… the volume holds nothing, and any number
# of containers may share the database. Build: docker build -t duban .
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

# 2. The JavaScript: TypeScript compiled once here (npm run build), so that what runs is one node
#    process with no TypeScript loader beside it.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# 3. What runs: the compiled JavaScript and the built dependencies.
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
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY examples ./examples
USER duban
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Node itself, with no shell or npm around it: SIGTERM reaches duban, which finishes the messages in
# flight. Admin commands: docker exec duban node dist/src/cli.js <command>
CMD ["node", "dist/src/main.js"]
