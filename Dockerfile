# syntax=docker/dockerfile:1
# Multi-stage build: compile with the full toolchain (argon2 builds from source),
# ship only the compiled server and production dependencies, run as non-root.

FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm config set nodedir /usr/local && npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
USER node
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/auth/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node receives SIGTERM directly (no shell), so Nest's shutdown hooks close the pool and the outbox worker.
CMD ["node", "dist/main.js"]
