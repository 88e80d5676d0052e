# tiergate container image: build once, run as many replicas as you like (compose.yaml).
#   docker build --build-arg NEXT_DEPLOYMENT_ID=$(git rev-parse --short HEAD) \
#                --build-arg NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=$(openssl rand -base64 32) -t tiergate .
# Every replica of a release runs this one image, so they share the build id, deployment id
# and server-actions key; pass the same two build args to every rebuild of one release.
# The image runs the custom production server (server/production-server.ts: owns
# X-Forwarded-For, refuses malformed requests, drains on SIGTERM) from Next's standalone
# output; `node migrate.mjs` is the one-shot migration job (DIRECT_DATABASE_URL).

# --- deps: every package, for the build (prisma generate runs as postinstall) -------------
FROM node:20-slim AS deps
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund

# --- build: next build (standalone) + the server and migration bundles ----------------------
FROM node:20-slim AS build
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
ARG NEXT_DEPLOYMENT_ID
ARG NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
ENV NEXT_DEPLOYMENT_ID=${NEXT_DEPLOYMENT_ID} \
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=${NEXT_SERVER_ACTIONS_ENCRYPTION_KEY}
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/lib/generated ./lib/generated
COPY . .
RUN npx next build && npx tsx scripts/assemble-standalone.ts

# --- runtime: only the standalone folder, as an unprivileged user ---------------------------
FROM node:20-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PORT=3000
# A fixed non-root uid/gid, so volume permissions and Kubernetes runAsUser can name it.
RUN groupadd --system --gid 1001 tiergate && useradd --system --uid 1001 --gid tiergate --no-create-home tiergate
COPY --from=build --chown=tiergate:tiergate /app/.next/standalone ./
USER tiergate
EXPOSE 3000
# Ready = database reachable, migrations current, LISTEN connected, not draining.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec form: node is PID 1 and receives SIGTERM itself, so the server drains.
CMD ["node", "server.mjs"]
