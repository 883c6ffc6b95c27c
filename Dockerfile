# syntax=docker/dockerfile:1
# Multi-stage build: compile with the full toolchain, ship only the compiled server
# and production dependencies, run as the unprivileged `node` user.
# scripts/docker-check.js replays these steps without Docker (CI): keep to the
# instructions it knows (FROM, WORKDIR, ENV, COPY, RUN, USER, EXPOSE, HEALTHCHECK, CMD).

FROM node:20-bookworm-slim AS build
# argon2 ships prebuilt binaries; the toolchain is the fallback when none fits the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# node-gyp builds against the headers in the image (the build network may reach only the npm registry).
ENV npm_config_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8000 HOST=0.0.0.0 PGLITE_DATA_DIR=/app/data/pglite EMAIL_FILE_PATH=/app/data/mail
# V8 grows its heap lazily while the machine has memory to spare: capped, the server stays under
# 200 MB under load (BENCHMARKS.md is measured with these flags); the second flag keeps the young
# generation at its usual size, which the old-space cap would otherwise shrink.
ENV NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=16"
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
# the embedded database and the file mail backend write here (mount a volume on it)
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8000
# Ready = database reachable, migrations applied, outbox moving (curl is not in the slim image; node is).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (src/ops/shutdown.ts): in-flight requests finish, then exit 0.
CMD ["node", "dist/main.js"]
