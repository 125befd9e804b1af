# The bundle (npm run build → dist/) in a small image. Not built in this project's CI: the
# machines it runs on have no Docker engine. See README "Deploying".
#   docker build -t front-door .
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary is reachable.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY lib/db ./lib/db
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0
WORKDIR /app
COPY --from=build /app/dist ./
RUN useradd --system --uid 10001 front-door && mkdir -p /data && chown front-door /data
USER front-door
EXPOSE 3000
# Applies pending migrations, then serves. SIGTERM drains requests and exits 0 within 10 s.
CMD ["./start"]
